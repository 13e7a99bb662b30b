"use client";

import { useMutation } from "convex/react";
import { LogOut } from "lucide-react";
import { useRouter } from "next/navigation";
import { destructiveOutlineButton } from "@/components/console/button-styles";
import { ConfirmDialog } from "@/components/console/confirm-dialog";
import type { ActiveGroup } from "@/components/console/use-active-group";
import { useConsoleQuery } from "@/components/console/use-console-query";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { api } from "@/convex/_generated/api";

/** Anyone may leave, except the last owner (the server answers LAST_OWNER, explained in the dialog). */
export function LeaveGroupCard({ group }: { group: ActiveGroup }) {
  const members = useConsoleQuery(api.members.list, { groupId: group.groupId });
  const removeMember = useMutation(api.members.remove);
  const router = useRouter();
  const me = members.status === "success" ? members.data.find((member) => member.isYou) : undefined;

  return (
    <Card className="border-destructive/30">
      <CardHeader>
        <CardTitle as="h2">Leave organization</CardTitle>
        <CardDescription>You lose access to {group.name} and its projects until someone invites you again.</CardDescription>
      </CardHeader>
      <CardContent>
        <ConfirmDialog
          trigger={
            <Button variant="outline" disabled={!me} className={destructiveOutlineButton}>
              <LogOut aria-hidden />
              Leave organization
            </Button>
          }
          title={`Leave ${group.name}?`}
          description="You lose access to its projects and members at once. To come back, someone has to invite you again."
          confirmLabel="Leave organization"
          destructive
          onConfirm={() => (me ? removeMember({ memberId: me.memberId }) : Promise.resolve(null))}
          explainError={(code) =>
            code === "LAST_OWNER"
              ? "You are the only owner. Make another member an owner first (change their role above), then leave."
              : null
          }
          onConfirmed={() => {
            router.push("/dashboard");
            router.refresh();
          }}
        />
      </CardContent>
    </Card>
  );
}
