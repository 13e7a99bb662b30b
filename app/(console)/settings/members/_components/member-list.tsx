"use client";

import { Info } from "lucide-react";
import { useId } from "react";
import { ListSkeleton } from "@/components/console/skeleton";
import { QueryError } from "@/components/console/query-error";
import { hasGrant, type ActiveGroup } from "@/components/console/use-active-group";
import { useConsoleQuery } from "@/components/console/use-console-query";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { api } from "@/convex/_generated/api";
import { MemberRow } from "./member-row";

export function MemberList({ group }: { group: ActiveGroup }) {
  const members = useConsoleQuery(api.members.list, { groupId: group.groupId });
  const canManage = hasGrant(group, "member.manage");
  const headingId = useId();
  const count = members.status === "success" ? members.data.length : null;

  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2" id={headingId}>
          Members{count !== null && <span className="text-muted-foreground font-normal"> · {count}</span>}
        </CardTitle>
        {canManage ? (
          <CardDescription>Change roles or remove people. Only owners can make or remove other owners.</CardDescription>
        ) : (
          <p className="text-muted-foreground flex items-start gap-2 text-sm" data-testid="read-only-note">
            <Info aria-hidden className="mt-0.5 size-4 shrink-0" />
            Only admins and owners can invite people or manage members.
          </p>
        )}
      </CardHeader>
      <CardContent>
        {members.status === "pending" ? (
          <ListSkeleton label="Loading members" />
        ) : members.status === "error" ? (
          <QueryError error={members.error} what="members" />
        ) : (
          <ul aria-labelledby={headingId} className="divide-y">
            {members.data.map((member) => (
              <MemberRow key={member.memberId} member={member} group={group} />
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
