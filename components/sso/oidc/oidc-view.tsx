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
import { OidcForm } from "./oidc-form";
import { RedirectUriCard } from "./redirect-uri-card";
import { ValidationCard } from "./validation-card";

type OidcViewProps = {
  preloadedOidc: Preloaded<typeof api.auth.group.getOidc> | null;
  preloadedStatus: Preloaded<typeof api.auth.group.getOidcStatus> | null;
};

/**
 * A connection's OpenID Connect set-up (inside the connection layout): the
 * redirect URI to register, the settings form, validation and test sign-in,
 * all live. Reading needs connection.read; changing, validating and testing
 * connection.protocol.manage (the server checks anyway).
 */
export function OidcView({ preloadedOidc, preloadedStatus }: OidcViewProps) {
  const { connection, group } = useConnectionContext();
  const isOidc = connection.protocol === "oidc";
  const args = isOidc ? { connectionId: connection.connectionId } : "skip";
  const oidc = useConsoleQuery(api.auth.group.getOidc, args, preloadedOidc);
  const status = useConsoleQuery(api.auth.group.getOidcStatus, args, preloadedStatus);
  const canManage = hasGrant(group, "connection.protocol.manage");
  const [dirty, setDirty] = useState(false);

  if (!isOidc) return <WrongProtocol connectionId={connection.connectionId} protocol={connection.protocol} page="oidc" />;

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
            <OidcForm
              key={connection.connectionId}
              connectionId={connection.connectionId}
              saved={oidc.data}
              canManage={canManage}
              onDirtyChange={setDirty}
            />
          )
        }
        aside={
          <>
            <ValidationCard connectionId={connection.connectionId} status={status} canManage={canManage} dirty={dirty} />
            <TestSignInCard connectionId={connection.connectionId} status={status} canManage={canManage} dirty={dirty} />
          </>
        }
      />
    </div>
  );
}
