"use client";

import type { FunctionReturnType } from "convex/server";
import { Badge } from "@/components/ui/badge";
import { RoleBadge } from "@/components/console/role-badge";
import { hasGrant, type ActiveGroup } from "@/components/console/use-active-group";
import type { api } from "@/convex/_generated/api";
import { MemberRoleSelect } from "./member-role-select";
import { RemoveMemberButton } from "./remove-member-button";

export type Member = FunctionReturnType<typeof api.members.list>[number];

/** One member: who, their role, and (for managers) the controls the server would allow them. */
export function MemberRow({ member, group }: { member: Member; group: ActiveGroup }) {
  const label = member.name ?? member.email ?? "Unnamed member";
  // Mirrors members.updateRole / members.remove: owners alone touch owners.
  const canManage =
    !member.isYou &&
    hasGrant(group, "member.manage") &&
    (member.role !== "owner" || hasGrant(group, "group.manage"));

  return (
    <li data-testid="member" className="flex flex-wrap items-center gap-3 py-3 first:pt-0 last:pb-0 sm:flex-nowrap">
      <span
        aria-hidden
        className="bg-accent-subtle text-accent-subtle-foreground flex size-9 shrink-0 items-center justify-center rounded-full text-sm font-semibold uppercase"
      >
        {label.charAt(0)}
      </span>
      <div className="min-w-0 flex-1">
        <p className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <span className="truncate font-medium">{label}</span>
          {member.isYou && <Badge variant="outline">You</Badge>}
          {member.status !== "active" && <Badge>{member.status}</Badge>}
        </p>
        {member.email && member.name && <p className="text-muted-foreground truncate text-sm">{member.email}</p>}
      </div>
      {canManage ? (
        <div className="flex w-full shrink-0 items-start justify-end gap-2 sm:w-auto">
          <MemberRoleSelect member={member} memberLabel={label} canGrantOwner={hasGrant(group, "group.manage")} />
          <RemoveMemberButton member={member} memberLabel={label} groupName={group.name} />
        </div>
      ) : (
        <span data-testid="member-role" className="ml-auto shrink-0">
          <RoleBadge role={member.role} />
        </span>
      )}
    </li>
  );
}
