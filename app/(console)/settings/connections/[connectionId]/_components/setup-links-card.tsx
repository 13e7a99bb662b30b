"use client";

import { useMutation } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { Ban, CircleCheck, CircleDashed } from "lucide-react";
import { destructiveOutlineButton } from "@/components/console/button-styles";
import { ConfirmDialog } from "@/components/console/confirm-dialog";
import { QueryError } from "@/components/console/query-error";
import { ListSkeleton } from "@/components/console/skeleton";
import { useConsoleQuery } from "@/components/console/use-console-query";
import { useNow } from "@/components/guestbook/use-now";
import { SCOPE_LABELS } from "@/components/setup/scopes";
import { RelativeTime } from "@/components/sso/relative-time";
import { describeExpiry } from "@/components/sso/time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { api } from "@/convex/_generated/api";
import { cn } from "@/lib/cn";
import { CreateSetupLinkDialog } from "./create-setup-link-dialog";

type SetupLink = FunctionReturnType<typeof api.auth.group.listSetupLinks>[number];

const CLOCK_TICK_MS = 30_000;
const STATE_BADGES: Record<SetupLink["state"] | "completed", { label: string; className: string }> = {
  active: { label: "Active", className: "border-transparent bg-sky-50 text-sky-700 dark:bg-sky-500/15 dark:text-sky-300" },
  completed: { label: "Completed", className: "border-transparent bg-emerald-50 text-emerald-700 dark:bg-emerald-500/15 dark:text-emerald-300" },
  expired: { label: "Expired", className: "" },
  revoked: { label: "Revoked", className: "" },
};

/**
 * Setup links for this connection, live: who each is for, what it may set
 * up and how far that is (so the admin sees the customer's progress), its
 * state, and revoking it. Creating and revoking need `connection.manage`.
 */
export function SetupLinksCard({ connectionId, canManage }: { connectionId: string; canManage: boolean }) {
  const links = useConsoleQuery(api.auth.group.listSetupLinks, { connectionId });
  return (
    <Card data-testid="setup-links">
      <CardHeader className="gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="grid gap-1.5">
          <CardTitle as="h2">Setup links</CardTitle>
          <CardDescription>
            Let the person who manages the identity provider set this connection up, without an account. Each link works for one connection, for a limited
            time, and every change made with it is in the audit log.
          </CardDescription>
        </div>
        {canManage && <CreateSetupLinkDialog connectionId={connectionId} />}
      </CardHeader>
      <CardContent>
        {links.status === "pending" ? (
          <ListSkeleton label="Loading the setup links" rows={2} />
        ) : links.status === "error" ? (
          <QueryError error={links.error} what="the setup links" />
        ) : links.data.length === 0 ? (
          <p data-testid="setup-links-empty" className="text-muted-foreground rounded-lg border border-dashed px-4 py-5 text-sm">
            No setup links yet.
          </p>
        ) : (
          <ul className="divide-y">
            {links.data.map((link) => (
              <SetupLinkRow key={link.setupLinkId} link={link} canManage={canManage} />
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}

function SetupLinkRow({ link, canManage }: { link: SetupLink; canManage: boolean }) {
  const revokeSetupLink = useMutation(api.auth.group.revokeSetupLink);
  const now = useNow(CLOCK_TICK_MS);
  // The server reads expiry when the query runs; the clock here doesn't wait for that.
  const state = link.state === "active" && link.expiresTime <= now ? "expired" : link.state;
  const badge = STATE_BADGES[state === "active" && link.completedTime !== null ? "completed" : state];
  return (
    <li data-testid="setup-link" data-state={state} data-completed={link.completedTime !== null} className="grid gap-3 py-4 first:pt-0 last:pb-0">
      <div className="flex flex-wrap items-center gap-2">
        <span className="min-w-0 font-medium break-words">{link.note ?? "Setup link"}</span>
        <Badge className={badge.className}>{badge.label}</Badge>
        {canManage && state === "active" && (
          <ConfirmDialog
            trigger={
              <Button variant="outline" size="sm" className={cn(destructiveOutlineButton, "ml-auto")}>
                <Ban aria-hidden />
                Revoke
              </Button>
            }
            title="Revoke this setup link?"
            description="It stops working at once. What was set up with it stays."
            confirmLabel="Revoke link"
            destructive
            onConfirm={() => revokeSetupLink({ setupLinkId: link.setupLinkId })}
          />
        )}
      </div>
      <ul aria-label="Progress" className="flex flex-wrap gap-x-4 gap-y-1.5 text-sm">
        {link.steps.map((step) => (
          <li key={step.scope} data-testid="setup-link-step" data-step={step.scope} data-done={step.done} className="flex items-center gap-1.5">
            {step.done ? (
              <CircleCheck aria-hidden className="size-4 text-emerald-600 dark:text-emerald-400" />
            ) : (
              <CircleDashed aria-hidden className="text-muted-foreground size-4" />
            )}
            <span className="sr-only">{step.done ? "Done: " : "To do: "}</span>
            {SCOPE_LABELS[step.scope]}
          </li>
        ))}
      </ul>
      <p className="text-muted-foreground text-xs">
        Created {link.createdBy ? `by ${link.createdBy} ` : ""}
        <RelativeTime timestamp={link.createdTime} now={now} />
        {" · "}
        {link.lastOpenedTime !== null ? (
          <>
            Last opened <RelativeTime timestamp={link.lastOpenedTime} now={now} />
          </>
        ) : (
          "Not opened yet"
        )}
        {" · "}
        {state === "revoked" && link.revokedTime !== null ? (
          <>
            Revoked <RelativeTime timestamp={link.revokedTime} now={now} />
          </>
        ) : (
          <span suppressHydrationWarning>{describeExpiry(link.expiresTime, now)}</span>
        )}
      </p>
    </li>
  );
}
