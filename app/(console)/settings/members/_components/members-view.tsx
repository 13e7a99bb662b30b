"use client";

import type { Preloaded } from "convex/react";
import { PageHeader } from "@/components/console/page-header";
import { QueryError } from "@/components/console/query-error";
import { ListSkeleton, Skeleton } from "@/components/console/skeleton";
import { hasGrant } from "@/components/console/use-active-group";
import { useConsoleQuery } from "@/components/console/use-console-query";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { api } from "@/convex/_generated/api";
import { InviteForm } from "./invite-form";
import { LeaveGroupCard } from "./leave-group-card";
import { MemberList } from "./member-list";
import { PendingInvites } from "./pending-invites";
import { NoOrganization } from "@/components/console/no-organization";

type MembersViewProps = {
  preloadedGroup: Preloaded<typeof api.groups.active> | null;
};

/**
 * Who is in the active organization. With member.manage: roles, removal,
 * invitations. Everyone: the list, and leaving. Grants follow role changes
 * live, so a promotion shows the admin controls without a reload.
 */
export function MembersView({ preloadedGroup }: MembersViewProps) {
  const group = useConsoleQuery(api.groups.active, {}, preloadedGroup);

  if (group.status === "pending") return <MembersSkeleton />;
  if (group.status === "error") return <QueryError error={group.error} what="your organization" />;
  if (group.data === null) {
    return <NoOrganization eyebrow="Settings" title="Members" />;
  }

  const active = group.data;
  const canManage = hasGrant(active, "member.manage");
  return (
    <>
      <PageHeader eyebrow="Settings" title="Members" description={`People in ${active.name} and what they can do.`} />
      <div key={active.groupId} className="grid gap-6">
        {canManage && <InviteForm group={active} />}
        <MemberList group={active} />
        {canManage && <PendingInvites groupId={active.groupId} />}
        <LeaveGroupCard group={active} />
      </div>
    </>
  );
}

function MembersSkeleton() {
  return (
    <>
      <div className="grid gap-2">
        <Skeleton className="h-4 w-20" />
        <Skeleton className="h-8 w-40" />
      </div>
      <Card>
        <CardHeader>
          <Skeleton className="h-5 w-28" />
        </CardHeader>
        <CardContent>
          <ListSkeleton label="Loading members" />
        </CardContent>
      </Card>
    </>
  );
}
