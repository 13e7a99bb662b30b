"use client";

import { useMutation } from "convex/react";
import { Mail, X } from "lucide-react";
import { useId } from "react";
import { destructiveOutlineButton } from "@/components/console/button-styles";
import { ConfirmDialog } from "@/components/console/confirm-dialog";
import { QueryError } from "@/components/console/query-error";
import { RoleBadge } from "@/components/console/role-badge";
import { ListSkeleton } from "@/components/console/skeleton";
import { useConsoleQuery } from "@/components/console/use-console-query";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { api } from "@/convex/_generated/api";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Invitations not yet accepted, with revoke. Only rendered for callers with member.manage (the query requires it). */
export function PendingInvites({ groupId }: { groupId: string }) {
  const invites = useConsoleQuery(api.invites.list, { groupId });
  const revokeInvite = useMutation(api.invites.revoke);
  const headingId = useId();

  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2" id={headingId}>
          Pending invitations
        </CardTitle>
        <CardDescription>Revoking an invitation makes its link stop working.</CardDescription>
      </CardHeader>
      <CardContent>
        {invites.status === "pending" ? (
          <ListSkeleton label="Loading invitations" rows={1} />
        ) : invites.status === "error" ? (
          <QueryError error={invites.error} what="invitations" />
        ) : invites.data.length === 0 ? (
          <p className="text-muted-foreground rounded-lg border border-dashed px-4 py-6 text-center text-sm">
            No pending invitations.
          </p>
        ) : (
          <ul aria-labelledby={headingId} className="divide-y">
            {invites.data.map((invite) => (
              <li
                key={invite.inviteId}
                data-testid="invite"
                className="flex flex-wrap items-center gap-3 py-3 first:pt-0 last:pb-0 sm:flex-nowrap"
              >
                <span
                  aria-hidden
                  className="bg-muted text-muted-foreground flex size-9 shrink-0 items-center justify-center rounded-full"
                >
                  <Mail className="size-4" />
                </span>
                <div className="min-w-0 flex-1">
                  <p className="flex flex-wrap items-center gap-2">
                    <span className="truncate font-medium">{invite.email}</span>
                    <RoleBadge role={invite.role} />
                  </p>
                  <p className="text-muted-foreground text-xs">
                    {invite.invitedBy ? `Invited by ${invite.invitedBy} · ` : ""}
                    {describeExpiry(invite.expiresTime)}
                  </p>
                </div>
                <ConfirmDialog
                  trigger={
                    <Button
                      variant="outline"
                      size="sm"
                      aria-label={`Revoke invitation for ${invite.email}`}
                      className={destructiveOutlineButton}
                    >
                      <X aria-hidden />
                      Revoke
                    </Button>
                  }
                  title="Revoke invitation?"
                  description={`The link sent to ${invite.email} stops working. You can send a new invitation later.`}
                  confirmLabel="Revoke invitation"
                  destructive
                  onConfirm={() => revokeInvite({ inviteId: invite.inviteId })}
                />
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}

function describeExpiry(expiresTime: number): string {
  const days = Math.ceil((expiresTime - Date.now()) / DAY_MS);
  return days <= 1 ? "Expires within a day" : `Expires in ${days} days`;
}
