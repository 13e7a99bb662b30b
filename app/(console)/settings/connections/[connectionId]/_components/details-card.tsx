"use client";

import { useNow } from "@/components/guestbook/use-now";
import { CopyButton } from "@/components/sso/copy-button";
import { PROTOCOL_NAMES } from "@/components/sso/labels";
import { formatDateTime } from "@/components/sso/time";
import type { Connection } from "@/components/sso/types";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { formatRelativeTime } from "@/lib/relative-time";
import { RenameConnectionDialog } from "./rename-connection-dialog";

const CLOCK_TICK_MS = 60_000;

/** Name (with rename), protocol, creation time and id. */
export function DetailsCard({ connection, canManage }: { connection: Connection; canManage: boolean }) {
  const now = useNow(CLOCK_TICK_MS);
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">Details</CardTitle>
      </CardHeader>
      <CardContent>
        <dl className="grid gap-4 text-sm">
          <div className="flex items-start justify-between gap-3">
            <div className="grid min-w-0 gap-0.5">
              <dt className="text-muted-foreground">Name</dt>
              <dd className="font-medium break-words">{connection.name}</dd>
            </div>
            {canManage && <RenameConnectionDialog connection={connection} />}
          </div>
          <div className="grid gap-0.5">
            <dt className="text-muted-foreground">Protocol</dt>
            <dd>{PROTOCOL_NAMES[connection.protocol]}</dd>
          </div>
          <div className="grid gap-0.5">
            <dt className="text-muted-foreground">Created</dt>
            <dd>
              <time
                dateTime={new Date(connection.createdTime).toISOString()}
                title={formatDateTime(connection.createdTime)}
                suppressHydrationWarning
              >
                {formatRelativeTime(connection.createdTime, now)}
              </time>
            </dd>
          </div>
          <div className="grid gap-0.5">
            <dt className="text-muted-foreground">Connection ID</dt>
            {/* The copy button goes under the id when both don't fit on one line. */}
            <dd className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1">
              <span className="font-mono text-xs break-words">{connection.connectionId}</span>
              <CopyButton value={connection.connectionId} label="connection ID" />
            </dd>
          </div>
        </dl>
      </CardContent>
    </Card>
  );
}
