"use client";

import { useAction } from "convex/react";
import { useState } from "react";
import { QueryError } from "@/components/console/query-error";
import { SettingsColumns, SettingsFormSkeleton } from "@/components/sso/protocol-page";
import { SamlForm } from "@/components/sso/saml/saml-form";
import { SamlStatusCard } from "@/components/sso/saml/saml-status-card";
import { SpValuesCard } from "@/components/sso/saml/sp-values-card";
import { detectSamlTemplate, SAML_TEMPLATES_BY_ID, type SamlTemplateId } from "@/components/sso/saml/templates";
import { api } from "@/convex/_generated/api";
import { LinkTestCard } from "./link-test-card";
import { useSetupQuery } from "./use-setup-query";

/**
 * The SAML step, built from the console's SAML pieces: our values for the
 * identity provider (named as the picked provider's console names them), its
 * metadata and the settings form, validation, and a test sign-in, all saved
 * and checked through the link.
 */
export function SamlSetup({ token, connectionId }: { token: string; connectionId: string }) {
  const saml = useSetupQuery(api.auth.setup.getSaml, { token });
  const status = useSetupQuery(api.auth.setup.getSamlStatus, { token });
  const setSaml = useAction(api.auth.setup.setSaml);
  const validateSaml = useAction(api.auth.setup.validateSaml);
  const [dirty, setDirty] = useState(false);
  // Picked by the person; until then, the one the saved metadata looks like.
  const [picked, setPicked] = useState<SamlTemplateId | null>(null);

  const saved = saml.status === "success" ? saml.data : null;
  const template =
    picked ?? detectSamlTemplate([saved?.metadata.url, saved?.metadata.entityId, saved?.metadata.ssoUrls.redirect, saved?.metadata.ssoUrls.post]);
  const sp = status.status === "success" ? status.data : null;

  return (
    <div className="grid gap-6">
      <SpValuesCard connectionId={connectionId} values={sp && { acsUrl: sp.acsUrl, entityId: sp.entityId, metadataUrl: sp.metadataUrl }} template={SAML_TEMPLATES_BY_ID[template]} />
      <SettingsColumns
        form={
          saml.status === "pending" ? (
            <SettingsFormSkeleton label="Loading the SAML settings" cards={3} />
          ) : saml.status === "error" ? (
            <QueryError error={saml.error} what="the SAML settings" />
          ) : (
            <SamlForm
              connectionId={connectionId}
              saved={saml.data}
              template={template}
              onTemplateChange={setPicked}
              defaultEntityId={sp?.metadataUrl ?? null}
              canManage
              onDirtyChange={setDirty}
              save={(payload) => setSaml({ token, ...payload })}
            />
          )
        }
        aside={
          <>
            <SamlStatusCard
              connectionId={connectionId}
              status={status}
              saved={saved}
              canManage
              dirty={dirty}
              validate={() => validateSaml({ token })}
              canRefresh={false}
            />
            <LinkTestCard token={token} connectionId={connectionId} status={status} dirty={dirty} />
          </>
        }
      />
    </div>
  );
}
