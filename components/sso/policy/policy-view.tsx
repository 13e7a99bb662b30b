"use client";

import type { Preloaded } from "convex/react";
import { ShieldCheck } from "lucide-react";
import { PageHeader } from "@/components/console/page-header";
import { QueryError } from "@/components/console/query-error";
import { Skeleton } from "@/components/console/skeleton";
import { hasGrant, type ActiveGroup } from "@/components/console/use-active-group";
import { useConsoleQuery } from "@/components/console/use-console-query";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";
import { api } from "@/convex/_generated/api";
import { PolicyForm } from "./policy-form";
import { NoOrganization } from "@/components/console/no-organization";

export type PreloadedPolicy = { groupId: string; preloaded: Preloaded<typeof api.auth.group.getPolicy> };

type PolicyViewProps = {
  preloadedGroup: Preloaded<typeof api.groups.active> | null;
  /** The policy as the server rendered it, for the group it was read for. */
  preloadedPolicy: PreloadedPolicy | null;
};

/**
 * The active organization's SSO policy. Readable with connection.read,
 * editable with connection.policy.manage; grants follow role changes live.
 */
export function PolicyView({ preloadedGroup, preloadedPolicy }: PolicyViewProps) {
  const group = useConsoleQuery(api.groups.active, {}, preloadedGroup);

  if (group.status === "pending") return <PolicySkeleton />;
  if (group.status === "error") return <QueryError error={group.error} what="your organization" />;
  if (group.data === null) return <NoOrganization eyebrow="Settings · SSO" title="Sign-in policy" />;

  const active = group.data;
  return (
    <>
      <PageHeader
        eyebrow="Settings · SSO"
        title="Sign-in policy"
        description={`How people from ${active.name}'s identity providers get accounts, roles and access.`}
      />
      {hasGrant(active, "connection.read") ? (
        <PolicyEditor
          key={active.groupId}
          group={active}
          preloaded={preloadedPolicy?.groupId === active.groupId ? preloadedPolicy.preloaded : null}
        />
      ) : (
        <Card>
          <CardHeader className="flex-row items-start gap-3">
            <ShieldCheck aria-hidden className="text-muted-foreground mt-0.5 size-5 shrink-0" />
            <CardDescription data-testid="read-only-note">
              Only admins and owners can see and change the sign-in policy of {active.name}.
            </CardDescription>
          </CardHeader>
        </Card>
      )}
    </>
  );
}

function PolicyEditor({
  group,
  preloaded,
}: {
  group: ActiveGroup;
  preloaded: Preloaded<typeof api.auth.group.getPolicy> | null;
}) {
  const policy = useConsoleQuery(api.auth.group.getPolicy, { groupId: group.groupId }, preloaded);
  if (policy.status === "pending") return <PolicyFormSkeleton />;
  if (policy.status === "error") return <QueryError error={policy.error} what="the sign-in policy" />;
  return <PolicyForm group={group} saved={policy.data} canManage={hasGrant(group, "connection.policy.manage")} />;
}

function PolicySkeleton() {
  return (
    <>
      <div className="grid gap-2">
        <Skeleton className="h-4 w-24" />
        <Skeleton className="h-8 w-48" />
      </div>
      <PolicyFormSkeleton />
    </>
  );
}

function PolicyFormSkeleton() {
  return (
    <div role="status" aria-label="Loading the sign-in policy" className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_17rem]">
      <div className="grid gap-6">
        {[0, 1].map((card) => (
          <Card key={card}>
            <CardHeader>
              <Skeleton className="h-5 w-28" />
              <Skeleton className="h-4 w-72 max-w-full" />
            </CardHeader>
            <CardContent className="grid gap-2">
              <Skeleton className="h-16 w-full" />
              <Skeleton className="h-16 w-full" />
              <Skeleton className="h-16 w-full" />
            </CardContent>
          </Card>
        ))}
      </div>
      <Card className="hidden h-fit lg:block">
        <CardHeader>
          <Skeleton className="h-5 w-28" />
          <Skeleton className="h-4 w-40" />
        </CardHeader>
      </Card>
    </div>
  );
}
