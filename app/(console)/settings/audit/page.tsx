import type { Metadata } from "next";
import { AuditView } from "@/components/sso/audit/audit-view";
import { api } from "@/convex/_generated/api";
import { preloadForConsole } from "../../_lib/preload";

export const metadata: Metadata = { title: "Audit log · Convex Group SSO" };

/** The events themselves load in the browser: a paginated live query (usePaginatedQuery) has no server preload. */
export default async function AuditPage() {
  const preloadedGroup = await preloadForConsole(api.groups.active, {});
  return <AuditView preloadedGroup={preloadedGroup} />;
}
