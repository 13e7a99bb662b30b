"use client";

import { useConvexAuth, usePaginatedQuery } from "convex/react";
import { ChevronRight, Download, LoaderCircle, ScrollText } from "lucide-react";
import { useSearchParams } from "next/navigation";
import { useId, useMemo, useState } from "react";
import { hasGrant, type ActiveGroup } from "@/components/console/use-active-group";
import { useConsoleQuery } from "@/components/console/use-console-query";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/console/skeleton";
import { api } from "@/convex/_generated/api";
import { cn } from "@/lib/cn";
import { AuditDrawer } from "./audit-drawer";
import { AuditFilters, auditQueryArgs, filtersFromSearch, hasFilters, type AuditFilterState, type AuditQueryArgs } from "./audit-filters";
import { toCsv } from "./csv";
import {
  AUDIT_CSV_HEADER,
  auditCsvRow,
  describeActor,
  describeTarget,
  type AuditDirectory,
  type AuditEvent,
} from "./describe";
import { downloadText } from "./download";
import { kindLabel } from "./kinds";
import { OutcomeBadge } from "./outcome-badge";
import { QueryErrorBoundary } from "./query-error-boundary";
import { Timestamp } from "./timestamp";

const PAGE_SIZE = 25;

/** The organization's audit log: filters, a live paginated table, details and CSV export. */
export function AuditLog({ group }: { group: ActiveGroup }) {
  const searchParams = useSearchParams();
  const [filters, setFilters] = useState<AuditFilterState>(() => filtersFromSearch(searchParams));
  const { args, error: rangeError } = auditQueryArgs(group.groupId, filters);
  const canListConnections = hasGrant(group, "connection.read");
  const connections = useConsoleQuery(api.auth.group.listConnections, canListConnections ? { groupId: group.groupId } : "skip");
  const members = useConsoleQuery(api.members.list, { groupId: group.groupId });
  const connectionRows = connections.status === "success" ? connections.data : null;
  const memberRows = members.status === "success" ? members.data : null;
  const directory = useMemo<AuditDirectory>(
    () => ({
      members: new Map(memberRows?.map((member) => [member.userId as string, member])),
      connections: new Map(connectionRows?.map((connection) => [connection.connectionId as string, connection])),
    }),
    [memberRows, connectionRows],
  );
  const headingId = useId();
  const argsKey = JSON.stringify(args);

  return (
    <Card>
      <CardHeader className="gap-4">
        <div className="grid gap-1.5">
          <CardTitle as="h2" id={headingId}>
            Events
          </CardTitle>
          <CardDescription>
            Newest first, and live: new events appear at the top as they happen.
          </CardDescription>
        </div>
        <AuditFilters
          filters={filters}
          onChange={setFilters}
          connections={connectionRows}
          rangeError={rangeError}
        />
      </CardHeader>
      <CardContent>
        {rangeError ? (
          <p className="text-muted-foreground rounded-lg border border-dashed px-4 py-8 text-center text-sm">
            Pick an end date on or after the start date.
          </p>
        ) : (
          <QueryErrorBoundary what="the audit log" resetKey={argsKey}>
            <AuditResults
              args={args}
              filtered={hasFilters(filters)}
              directory={directory}
              headingId={headingId}
              filename={`audit-log-${group.slug}-${new Date().toISOString().slice(0, 10)}.csv`}
            />
          </QueryErrorBoundary>
        )}
      </CardContent>
    </Card>
  );
}

type AuditResultsProps = {
  args: AuditQueryArgs;
  filtered: boolean;
  directory: AuditDirectory;
  headingId: string;
  filename: string;
};

function AuditResults({ args, filtered, directory, headingId, filename }: AuditResultsProps) {
  const { isAuthenticated } = useConvexAuth();
  const page = usePaginatedQuery(api.auth.group.listAudit, isAuthenticated ? args : "skip", { initialNumItems: PAGE_SIZE });
  // While other filters load, keep showing the last rows (dimmed) rather than flashing a skeleton.
  const [shown, setShown] = useState<{ key: string; rows: AuditEvent[] } | null>(null);
  const loadingFirst = page.status === "LoadingFirstPage";
  const key = page.results.map((event) => event._id).join(",");
  if (!loadingFirst && shown?.key !== key) setShown({ key, rows: page.results });
  const rows = loadingFirst ? (shown?.rows ?? null) : page.results;
  const [selected, setSelected] = useState<AuditEvent | null>(null);

  if (rows === null) return <TableSkeleton />;

  function exportCsv() {
    downloadText(filename, toCsv(AUDIT_CSV_HEADER, rows!.map((event) => auditCsvRow(event, directory))));
  }

  return (
    <div className="grid gap-4" aria-busy={loadingFirst}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-muted-foreground text-sm" role="status" data-testid="audit-count">
          {loadingFirst ? "Loading…" : rows.length === 1 ? "1 event loaded" : `${rows.length} events loaded`}
          {page.status === "CanLoadMore" && " · more below"}
        </p>
        <Button variant="outline" size="sm" onClick={exportCsv} disabled={rows.length === 0 || loadingFirst}>
          <Download aria-hidden />
          Export CSV
        </Button>
      </div>

      {rows.length === 0 ? (
        <div className="flex flex-col items-center gap-2 rounded-lg border border-dashed px-4 py-10 text-center">
          <ScrollText aria-hidden className="text-muted-foreground size-8" />
          <p className="font-medium">{filtered ? "No events match these filters" : "No events yet"}</p>
          <p className="text-muted-foreground max-w-sm text-sm">
            {filtered
              ? "Try another event, outcome or time range, or clear the filters."
              : "Changes to connections, domains, the policy and webhooks, and every SSO sign-in, are recorded here."}
          </p>
        </div>
      ) : (
        <div className={cn("-mx-6 overflow-x-auto sm:mx-0 sm:rounded-lg sm:border", loadingFirst && "opacity-60")}>
          <table aria-labelledby={headingId} className="w-full text-left text-sm">
            <thead className="bg-muted/50 text-muted-foreground text-xs">
              <tr className="border-b">
                <th scope="col" className="py-2 pr-3 pl-6 font-medium sm:pl-3">
                  Time
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Event
                </th>
                <th scope="col" className="hidden px-3 py-2 font-medium sm:table-cell">
                  Outcome
                </th>
                <th scope="col" className="hidden px-3 py-2 font-medium md:table-cell">
                  Actor
                </th>
                <th scope="col" className="hidden px-3 py-2 font-medium lg:table-cell">
                  Target
                </th>
                <th scope="col" className="hidden px-3 py-2 font-medium lg:table-cell">
                  Reason
                </th>
                <th scope="col" className="w-8 py-2 pr-6 sm:pr-3">
                  <span className="sr-only">Details</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y">
              {rows.map((event) => (
                <AuditRow key={event._id} event={event} directory={directory} onOpen={() => setSelected(event)} />
              ))}
            </tbody>
          </table>
        </div>
      )}

      {(page.status === "CanLoadMore" || page.status === "LoadingMore") && (
        <div className="flex justify-center">
          <Button variant="outline" onClick={() => page.loadMore(PAGE_SIZE)} disabled={page.status === "LoadingMore"}>
            {page.status === "LoadingMore" && <LoaderCircle aria-hidden className="animate-spin" />}
            Load more
          </Button>
        </div>
      )}
      {page.status === "Exhausted" && rows.length > PAGE_SIZE && (
        <p className="text-muted-foreground text-center text-xs">That&apos;s the whole log{filtered ? " for these filters" : ""}.</p>
      )}

      <AuditDrawer event={selected} directory={directory} onClose={() => setSelected(null)} />
    </div>
  );
}

function AuditRow({ event, directory, onOpen }: { event: AuditEvent; directory: AuditDirectory; onOpen: () => void }) {
  const actor = describeActor(event.actor, directory);
  const target = describeTarget(event.target, directory);
  return (
    <tr
      data-testid="audit-row"
      data-kind={event.kind}
      onClick={onOpen}
      className="hover:bg-muted/50 cursor-pointer align-top transition-colors"
    >
      <td className="text-muted-foreground py-2.5 pr-3 pl-6 sm:pl-3">
        <Timestamp time={event._creationTime} />
      </td>
      <td className="px-3 py-2.5">
        {/* The row's keyboard and screen-reader entry point; a click anywhere on the row does the same. */}
        <button
          type="button"
          onClick={(click) => {
            click.stopPropagation();
            onOpen();
          }}
          className="focus-visible:ring-ring rounded-sm text-left font-medium focus-visible:ring-2 focus-visible:outline-none"
        >
          {kindLabel(event.kind)}
          <span className="sr-only">, {event.outcome}. Show details</span>
        </button>
        <p className="text-muted-foreground font-mono text-xs">{event.kind}</p>
        {/* The columns hidden on narrow screens, in short. */}
        <div className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 md:hidden">
          <span className="sm:hidden">
            <OutcomeBadge outcome={event.outcome} />
          </span>
          <span className="text-muted-foreground text-xs">by {actor}</span>
        </div>
      </td>
      <td className="hidden px-3 py-2.5 sm:table-cell">
        <OutcomeBadge outcome={event.outcome} />
      </td>
      <td className="hidden max-w-48 truncate px-3 py-2.5 md:table-cell" title={actor}>
        {actor}
      </td>
      <td className="hidden max-w-48 truncate px-3 py-2.5 lg:table-cell" title={target || undefined}>
        {target || <span className="text-muted-foreground">—</span>}
      </td>
      <td className="text-muted-foreground hidden max-w-56 truncate px-3 py-2.5 lg:table-cell" title={event.reason}>
        {event.reason ?? "—"}
      </td>
      <td className="text-muted-foreground py-2.5 pr-6 sm:pr-3">
        <ChevronRight aria-hidden className="size-4" />
      </td>
    </tr>
  );
}

function TableSkeleton() {
  return (
    <div role="status" aria-label="Loading events" className="grid gap-3">
      {Array.from({ length: 5 }, (_, index) => (
        <div key={index} className="flex items-center gap-4">
          <Skeleton className="h-4 w-20" />
          <Skeleton className="h-4 flex-1" />
          <Skeleton className="hidden h-5 w-16 rounded-full sm:block" />
          <Skeleton className="hidden h-4 w-28 md:block" />
        </div>
      ))}
    </div>
  );
}
