"use client";

import type { Preloaded } from "convex/react";
import { ScrollText } from "lucide-react";
import { PageHeader } from "@/components/console/page-header";
import { QueryError } from "@/components/console/query-error";
import { Skeleton } from "@/components/console/skeleton";
import { hasGrant } from "@/components/console/use-active-group";
import { useConsoleQuery } from "@/components/console/use-console-query";
import { Card, CardDescription, CardHeader } from "@/components/ui/card";
import { api } from "@/convex/_generated/api";
import { AuditLog } from "./audit-log";
import { NoOrganization } from "@/components/console/no-organization";

/** The active organization's audit log, for callers with connection.audit.read. */
export function AuditView({ preloadedGroup }: { preloadedGroup: Preloaded<typeof api.groups.active> | null }) {
  const group = useConsoleQuery(api.groups.active, {}, preloadedGroup);

  if (group.status === "pending") {
    return (
      <>
        <div className="grid gap-2">
          <Skeleton className="h-4 w-24" />
          <Skeleton className="h-8 w-40" />
        </div>
        <Card>
          <CardHeader>
            <Skeleton className="h-5 w-20" />
            <Skeleton className="h-10 w-full" />
          </CardHeader>
        </Card>
      </>
    );
  }
  if (group.status === "error") return <QueryError error={group.error} what="your organization" />;
  if (group.data === null) {
    return <NoOrganization eyebrow="Settings · SSO" title="Audit log" />;
  }

  const active = group.data;
  return (
    <>
      <PageHeader
        eyebrow="Settings · SSO"
        title="Audit log"
        description={`Who changed what in ${active.name}'s SSO set-up, and every SSO sign-in.`}
      />
      {hasGrant(active, "connection.audit.read") ? (
        <AuditLog key={active.groupId} group={active} />
      ) : (
        <Card>
          <CardHeader className="flex-row items-start gap-3">
            <ScrollText aria-hidden className="text-muted-foreground mt-0.5 size-5 shrink-0" />
            <CardDescription data-testid="read-only-note">Only admins and owners can read the audit log of {active.name}.</CardDescription>
          </CardHeader>
        </Card>
      )}
    </>
  );
}
