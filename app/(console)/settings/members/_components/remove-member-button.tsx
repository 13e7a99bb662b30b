"use client";

import { useMutation } from "convex/react";
import { UserMinus } from "lucide-react";
import { destructiveOutlineButton } from "@/components/console/button-styles";
import { ConfirmDialog } from "@/components/console/confirm-dialog";
import { Button } from "@/components/ui/button";
import { api } from "@/convex/_generated/api";
import type { Member } from "./member-row";

type RemoveMemberButtonProps = { member: Member; memberLabel: string; groupName: string };

export function RemoveMemberButton({ member, memberLabel, groupName }: RemoveMemberButtonProps) {
  const removeMember = useMutation(api.members.remove);
  return (
    <ConfirmDialog
      trigger={
        <Button variant="outline" size="sm" aria-label={`Remove ${memberLabel}`} className={destructiveOutlineButton}>
          <UserMinus aria-hidden />
          <span className="hidden sm:inline">Remove</span>
        </Button>
      }
      title={`Remove ${memberLabel}?`}
      description={`${memberLabel} loses access to ${groupName} and its projects at once. You can invite them again later.`}
      confirmLabel="Remove member"
      destructive
      onConfirm={() => removeMember({ memberId: member.memberId })}
    />
  );
}
