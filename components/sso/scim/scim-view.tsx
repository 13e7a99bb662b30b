"use client";

import type { Preloaded } from "convex/react";
import { useRef, useState } from "react";
import { QueryError } from "@/components/console/query-error";
import { hasGrant } from "@/components/console/use-active-group";
import { useConsoleQuery } from "@/components/console/use-console-query";
import { useConnectionContext } from "@/components/sso/connection-context";
import { SettingsColumns, SettingsFormSkeleton } from "@/components/sso/protocol-page";
import { api } from "@/convex/_generated/api";
import { InstructionsCard } from "./instructions-card";
import { OperationsCard } from "./operations-card";
import { ProvisioningCard } from "./provisioning-card";
import { ScimStatusCard } from "./scim-status-card";
import { SelfCheckCard } from "./self-check-card";
import { SetupCard } from "./setup-card";
import { TokenDialog, type IssuedToken } from "./token-dialog";

type ScimViewProps = { preloadedStatus: Preloaded<typeof api.auth.group.getScimStatus> | null };

/**
 * A connection's SCIM provisioning (inside the connection layout), for either
 * protocol: set-up, then the endpoint with its tokens, instructions per
 * identity provider, checks, a self-check and the latest operations, all
 * live. Reading needs connection.read; changing, validating and the
 * self-check connection.scim.manage; the operations connection.audit.read
 * (the server checks anyway).
 */
export function ScimView({ preloadedStatus }: ScimViewProps) {
  const { connection, group } = useConnectionContext();
  const connectionId = connection.connectionId;
  const status = useConsoleQuery(api.auth.group.getScimStatus, { connectionId }, preloadedStatus);
  const canManage = hasGrant(group, "connection.scim.manage");
  const canReadAudit = hasGrant(group, "connection.audit.read");
  // Here rather than in the card that asked: the first token arrives as the set-up card gives way to the settings.
  const [issued, setIssued] = useState<IssuedToken | null>(null);
  // Where the focus lands when the token dialog closes: the token list, where the new token now shows.
  const tokensHeading = useRef<HTMLHeadingElement>(null);

  let body;
  if (status.status === "pending") body = <SettingsFormSkeleton label="Loading the SCIM settings" />;
  else if (status.status === "error") body = <QueryError error={status.error} what="the SCIM settings" />;
  else if (!status.data.configured) body = <SetupCard connectionId={connectionId} canManage={canManage} onIssued={setIssued} />;
  else {
    const scim = status.data;
    body = (
      <div className="grid gap-6">
        <ProvisioningCard connectionId={connectionId} scim={scim} canManage={canManage} onIssued={setIssued} tokensHeading={tokensHeading} />
        <SettingsColumns
          form={<InstructionsCard baseUrl={scim.baseUrl} />}
          aside={
            <>
              <ScimStatusCard connectionId={connectionId} checks={scim.checks} canManage={canManage} />
              <SelfCheckCard connectionId={connectionId} enabled={scim.status === "enabled"} canManage={canManage} />
            </>
          }
        />
        {canReadAudit && <OperationsCard connection={connection} />}
      </div>
    );
  }

  return (
    <>
      {body}
      <TokenDialog issued={issued} onDone={() => setIssued(null)} returnFocusTo={tokensHeading} />
    </>
  );
}
