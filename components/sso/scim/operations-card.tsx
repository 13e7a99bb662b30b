"use client";

import { ArrowRight, ChevronRight, Inbox } from "lucide-react";
import Link from "next/link";
import { useId, useMemo, useState } from "react";
import { QueryError } from "@/components/console/query-error";
import { ListSkeleton } from "@/components/console/skeleton";
import { useConsoleQuery } from "@/components/console/use-console-query";
import { AuditDrawer } from "@/components/sso/audit/audit-drawer";
import type { AuditDirectory, AuditEvent } from "@/components/sso/audit/describe";
import { OutcomeBadge } from "@/components/sso/audit/outcome-badge";
import { Timestamp } from "@/components/sso/audit/timestamp";
import type { Connection } from "@/components/sso/types";
import { Badge } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { api } from "@/convex/_generated/api";
import { cn } from "@/lib/cn";
import { describeOperation, type ScimChange } from "./operations";

const SHOWN_OPERATIONS = 10;
const KIND = "scim.operation";

const CHANGE_TONES: Partial<Record<ScimChange, string>> = {
  created: "border-transparent bg-emerald-50 text-emerald-700 dark:bg-emerald-500/15 dark:text-emerald-300",
  deactivated: "border-transparent bg-amber-50 text-amber-800 dark:bg-amber-500/15 dark:text-amber-300",
  deleted: "border-transparent bg-red-50 text-red-700 dark:bg-red-500/15 dark:text-red-300",
};

/** The audit log, asked for this connection's SCIM operations through `connectionId` and `kind` in its URL. */
function scimAuditHref(connectionId: string): string {
  return `/settings/audit?${new URLSearchParams({ connectionId, kind: KIND })}`;
}

/**
 * The connection's latest SCIM operations, live: each user or group the
 * directory created, updated, deactivated or deleted, newest first; a row
 * opens the event's details.
 */
export function OperationsCard({ connection }: { connection: Connection }) {
  const events = useConsoleQuery(api.auth.group.listAudit, {
    groupId: connection.groupId,
    connectionId: connection.connectionId,
    kind: KIND,
    paginationOpts: { numItems: SHOWN_OPERATIONS, cursor: null },
  });
  const [selected, setSelected] = useState<AuditEvent | null>(null);
  const directory = useMemo<AuditDirectory>(
    () => ({ members: new Map(), connections: new Map([[connection.connectionId as string, connection]]) }),
    [connection],
  );
  const headingId = useId();

  return (
    <Card data-testid="scim-operations">
      <CardHeader className="gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="grid gap-1.5">
          <CardTitle as="h2" id={headingId}>
            Latest SCIM operations
          </CardTitle>
          <CardDescription>The last {SHOWN_OPERATIONS} changes your directory made through this connection. New ones appear as they happen.</CardDescription>
        </div>
        <Link href={scimAuditHref(connection.connectionId)} className={buttonVariants({ variant: "outline", size: "sm", className: "w-fit" })}>
          All in the audit log
          <ArrowRight aria-hidden />
        </Link>
      </CardHeader>
      <CardContent>
        {events.status === "pending" ? (
          <ListSkeleton label="Loading the latest SCIM operations" rows={3} />
        ) : events.status === "error" ? (
          <QueryError error={events.error} what="the latest SCIM operations" />
        ) : events.data.page.length === 0 ? (
          <div data-testid="scim-operations-empty" className="flex flex-col items-center gap-2 rounded-lg border border-dashed px-4 py-8 text-center">
            <Inbox aria-hidden className="text-muted-foreground size-8" />
            <p className="font-medium">No SCIM requests yet</p>
            <p className="text-muted-foreground max-w-sm text-sm">
              Once your identity provider starts provisioning, each person and group it creates, updates or deactivates shows up here.
            </p>
          </div>
        ) : (
          <ul aria-labelledby={headingId} className="divide-y rounded-lg border">
            {events.data.page.map((event) => (
              <OperationRow key={event._id} event={event} onOpen={() => setSelected(event)} />
            ))}
          </ul>
        )}
      </CardContent>
      <AuditDrawer event={selected} directory={directory} onClose={() => setSelected(null)} />
    </Card>
  );
}

function OperationRow({ event, onOpen }: { event: AuditEvent; onOpen: () => void }) {
  const operation = describeOperation(event);
  return (
    <li data-testid="scim-operation" data-change={operation.change}>
      <button
        type="button"
        onClick={onOpen}
        className={cn(
          "hover:bg-muted/50 flex w-full items-center gap-3 px-3 py-2.5 text-left transition-colors sm:px-4",
          "focus-visible:ring-ring focus-visible:ring-2 focus-visible:outline-none focus-visible:ring-inset",
        )}
      >
        <div className="grid min-w-0 flex-1 gap-1">
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <Badge className={(CHANGE_TONES as Record<string, string>)[operation.change]}>{operation.changeLabel}</Badge>
            <span className="min-w-0 text-sm font-medium break-all">{operation.subject}</span>
            {event.outcome === "failure" && <OutcomeBadge outcome="failure" />}
          </div>
          <p className="text-muted-foreground flex flex-wrap gap-x-1.5 text-xs">
            <span>{operation.resourceType === "Group" ? "Group" : "User"}</span>
            <span aria-hidden>·</span>
            <code className="font-mono">{operation.request}</code>
            <span aria-hidden>·</span>
            <Timestamp time={event._creationTime} />
          </p>
        </div>
        <ChevronRight aria-hidden className="text-muted-foreground size-4 shrink-0" />
        <span className="sr-only">Details</span>
      </button>
    </li>
  );
}
