"use client";

import { useMutation } from "convex/react";
import { LoaderCircle } from "lucide-react";
import { useId, useState } from "react";
import { FormMessage } from "@/components/console/form-message";
import { ROLE_LABELS } from "@/components/console/role-badge";
import { useConsoleAction } from "@/components/console/use-action-state";
import { Select } from "@/components/ui/select";
import { api } from "@/convex/_generated/api";
import { ROLE_OPTIONS, type RoleOption } from "@/lib/validation/group";
import type { Member } from "./member-row";

type MemberRoleSelectProps = {
  member: Member;
  memberLabel: string;
  /** The owner option only for callers with group.manage (the server refuses it otherwise). */
  canGrantOwner: boolean;
};

/** Changes a member's role as soon as another one is picked; a failure shows under the select. */
export function MemberRoleSelect({ member, memberLabel, canGrantOwner }: MemberRoleSelectProps) {
  const updateRole = useMutation(api.members.updateRole);
  const { pending, error, run } = useConsoleAction();
  const [choice, setChoice] = useState<RoleOption | null>(null);
  const id = useId();
  const options = ROLE_OPTIONS.filter((role) => role !== "owner" || canGrantOwner || member.role === "owner");

  async function change(role: RoleOption) {
    setChoice(role);
    await run(() => updateRole({ memberId: member.memberId, role }));
    // The live member list now has the saved role (or still the old one, after a failure).
    setChoice(null);
  }

  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex items-center gap-2">
        {pending && <LoaderCircle aria-label="Saving role" className="text-muted-foreground size-4 animate-spin" />}
        <label htmlFor={id} className="sr-only">
          Role for {memberLabel}
        </label>
        <Select
          id={id}
          value={choice ?? member.role}
          disabled={pending}
          onChange={(event) => change(event.target.value as RoleOption)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          wrapperClassName="w-32"
          className="h-8 py-1"
        >
          {options.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </Select>
      </div>
      {error && (
        <FormMessage tone="error" id={`${id}-error`} className="max-w-xs text-right">
          {error.message}
        </FormMessage>
      )}
    </div>
  );
}
