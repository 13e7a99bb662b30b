"use client";

import type { Preloaded } from "convex/react";
import { hasGrant } from "@/components/console/use-active-group";
import { useConsoleQuery } from "@/components/console/use-console-query";
import { useConnectionContext } from "@/components/sso/connection-context";
import { IdpHealthNotice } from "@/components/sso/idp-health-notice";
import { api } from "@/convex/_generated/api";
import { DeleteConnectionCard } from "./delete-connection-card";
import { DetailsCard } from "./details-card";
import { ReadinessCard } from "./readiness-card";
import { SetupLinksCard } from "./setup-links-card";
import { SignInCard } from "./sign-in-card";

type OverviewViewProps = {
  preloadedStatus: Preloaded<typeof api.auth.group.getConnectionStatus> | null;
};

/**
 * A connection at a glance: how far its set-up is (live, from
 * getConnectionStatus), its details, turning sign-in through it on and off,
 * setup links for the customer's IT admin (with their progress), and deleting
 * it. Controls need `connection.manage`; the server checks anyway.
 */
export function OverviewView({ preloadedStatus }: OverviewViewProps) {
  const { connection, group } = useConnectionContext();
  const readiness = useConsoleQuery(api.auth.group.getConnectionStatus, { id: connection.connectionId }, preloadedStatus);
  const canManage = hasGrant(group, "connection.manage");

  return (
    <>
      {readiness.status === "success" && <IdpHealthNotice health={readiness.data.health} />}
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <ReadinessCard connection={connection} readiness={readiness} canManage={canManage} />
        <div className="grid gap-6">
          <SignInCard connection={connection} readiness={readiness} canManage={canManage} />
          <DetailsCard connection={connection} canManage={canManage} />
        </div>
      </div>
      <SetupLinksCard connectionId={connection.connectionId} canManage={canManage} />
      {canManage && <DeleteConnectionCard connection={connection} />}
    </>
  );
}
