"use client";

import { useAction, useMutation } from "convex/react";
import { useState } from "react";
import { QueryError } from "@/components/console/query-error";
import { OidcForm } from "@/components/sso/oidc/oidc-form";
import { RedirectUriCard } from "@/components/sso/oidc/redirect-uri-card";
import { ValidationCard } from "@/components/sso/oidc/validation-card";
import { SettingsColumns, SettingsFormSkeleton } from "@/components/sso/protocol-page";
import { api } from "@/convex/_generated/api";
import { LinkTestCard } from "./link-test-card";
import { useSetupQuery } from "./use-setup-query";

/**
 * The OpenID Connect step, built from the console's OIDC pieces: the
 * redirect URI to register, the provider's templates and the client's
 * settings, validation, and a test sign-in, all through the link.
 */
export function OidcSetup({ token, connectionId }: { token: string; connectionId: string }) {
  const oidc = useSetupQuery(api.auth.setup.getOidc, { token });
  const status = useSetupQuery(api.auth.setup.getOidcStatus, { token });
  const setOidc = useMutation(api.auth.setup.setOidc);
  const validateOidc = useAction(api.auth.setup.validateOidc);
  const [dirty, setDirty] = useState(false);

  return (
    <div className="grid gap-6">
      <RedirectUriCard redirectUri={status.status === "success" ? status.data.redirectUri : null} />
      <SettingsColumns
        form={
          oidc.status === "pending" ? (
            <SettingsFormSkeleton label="Loading the OpenID Connect settings" />
          ) : oidc.status === "error" ? (
            <QueryError error={oidc.error} what="the OpenID Connect settings" />
          ) : (
            <OidcForm connectionId={connectionId} saved={oidc.data} canManage onDirtyChange={setDirty} save={(payload) => setOidc({ token, ...payload })} />
          )
        }
        aside={
          <>
            <ValidationCard connectionId={connectionId} status={status} canManage dirty={dirty} validate={() => validateOidc({ token })} />
            <LinkTestCard token={token} connectionId={connectionId} status={status} dirty={dirty} />
          </>
        }
      />
    </div>
  );
}
