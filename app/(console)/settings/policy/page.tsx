import { preloadedQueryResult } from "convex/nextjs";
import type { Metadata } from "next";
import { PolicyView } from "@/components/sso/policy/policy-view";
import { api } from "@/convex/_generated/api";
import { preloadForConsole } from "../../_lib/preload";

export const metadata: Metadata = { title: "Sign-in policy · Convex Group SSO" };

export default async function PolicyPage() {
  const preloadedGroup = await preloadForConsole(api.groups.active, {});
  const group = preloadedGroup ? preloadedQueryResult(preloadedGroup) : null;
  // Only for people who may read it; for anyone else the page explains instead.
  const preloaded =
    group && group.grants.includes("connection.read")
      ? await preloadForConsole(api.auth.group.getPolicy, { groupId: group.groupId })
      : null;
  return <PolicyView preloadedGroup={preloadedGroup} preloadedPolicy={group && preloaded ? { groupId: group.groupId, preloaded } : null} />;
}
