import { preloadedQueryResult } from "convex/nextjs";
import type { Metadata } from "next";
import { api } from "@/convex/_generated/api";
import { preloadForConsole } from "../../_lib/preload";
import { ConnectionsView } from "./_components/connections-view";

export const metadata: Metadata = { title: "SSO connections · Convex Group SSO" };

export default async function ConnectionsPage() {
  const preloadedGroup = await preloadForConsole(api.groups.active, {});
  const group = preloadedGroup ? preloadedQueryResult(preloadedGroup) : null;
  // Only callers who may read connections ask for them (the others see why they can't).
  const preloadedConnections =
    group && group.grants.includes("connection.read")
      ? await preloadForConsole(api.auth.group.listConnections, { groupId: group.groupId })
      : null;
  return (
    <ConnectionsView
      preloadedGroup={preloadedGroup}
      preloadedConnections={group && preloadedConnections ? { groupId: group.groupId, preloaded: preloadedConnections } : null}
    />
  );
}
