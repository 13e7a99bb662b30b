"use client";

import type { Preloaded } from "convex/react";
import { useState } from "react";
import { QueryError } from "@/components/console/query-error";
import { hasGrant } from "@/components/console/use-active-group";
import { useConsoleQuery } from "@/components/console/use-console-query";
import { useConnectionContext } from "@/components/sso/connection-context";
import { SettingsColumns, SettingsFormSkeleton, WrongProtocol } from "@/components/sso/protocol-page";
import { TestSignInCard } from "@/components/sso/test-sign-in/test-sign-in-card";
import { api } from "@/convex/_generated/api";
import { SamlForm } from "./saml-form";
import { SamlStatusCard } from "./saml-status-card";
import { SpValuesCard } from "./sp-values-card";
import { detectSamlTemplate, SAML_TEMPLATES_BY_ID, type SamlTemplateId } from "./templates";

type SamlViewProps = {
  preloadedSaml: Preloaded<typeof api.auth.group.getSaml> | null;
  preloadedStatus: Preloaded<typeof api.auth.group.getSamlStatus> | null;
};

/**
 * A connection's SAML set-up (inside the connection layout): our values to
 * give the identity provider (step 1), its metadata and the settings form
 * (step 2), the status with validation, and test sign-in, all live. Reading
 * needs connection.read; changing, validating and testing
 * connection.protocol.manage (the server checks anyway).
 */
export function SamlView({ preloadedSaml, preloadedStatus }: SamlViewProps) {
  const { connection, group } = useConnectionContext();
  const isSaml = connection.protocol === "saml";
  const args = isSaml ? { connectionId: connection.connectionId } : "skip";
  const saml = useConsoleQuery(api.auth.group.getSaml, args, preloadedSaml);
  const status = useConsoleQuery(api.auth.group.getSamlStatus, args, preloadedStatus);
  const canManage = hasGrant(group, "connection.protocol.manage");
  const [dirty, setDirty] = useState(false);
  // Picked by the admin; until then, the one the saved metadata looks like.
  const [picked, setPicked] = useState<SamlTemplateId | null>(null);

  if (!isSaml) return <WrongProtocol connectionId={connection.connectionId} protocol={connection.protocol} page="saml" />;

  const saved = saml.status === "success" ? saml.data : null;
  const template =
    picked ?? detectSamlTemplate([saved?.metadata.url, saved?.metadata.entityId, saved?.metadata.ssoUrls.redirect, saved?.metadata.ssoUrls.post]);
  const sp = status.status === "success" ? status.data : null;

  return (
    <div className="grid gap-6">
      <SpValuesCard
        connectionId={connection.connectionId}
        values={sp && { acsUrl: sp.acsUrl, entityId: sp.entityId, metadataUrl: sp.metadataUrl }}
        template={SAML_TEMPLATES_BY_ID[template]}
      />
      <SettingsColumns
        form={
          saml.status === "pending" ? (
            <SettingsFormSkeleton label="Loading the SAML settings" cards={3} />
          ) : saml.status === "error" ? (
            <QueryError error={saml.error} what="the SAML settings" />
          ) : (
            <SamlForm
              key={connection.connectionId}
              connectionId={connection.connectionId}
              saved={saml.data}
              template={template}
              onTemplateChange={setPicked}
              defaultEntityId={sp?.metadataUrl ?? null}
              canManage={canManage}
              onDirtyChange={setDirty}
            />
          )
        }
        aside={
          <>
            <SamlStatusCard connectionId={connection.connectionId} status={status} saved={saved} canManage={canManage} dirty={dirty} />
            <TestSignInCard connectionId={connection.connectionId} status={status} canManage={canManage} dirty={dirty} />
          </>
        }
      />
    </div>
  );
}
