"use client";

import { X } from "lucide-react";
import { useId } from "react";
import { ghostButton } from "@/components/console/button-styles";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { AUDIT_KIND_GROUPS, AUDIT_KIND_LABELS, AUDIT_KINDS } from "./kinds";

export type AuditFilterState = {
  connectionId: string;
  kind: string;
  outcome: "" | "success" | "failure";
  /** yyyy-mm-dd from <input type="date">, local days; "" for open. */
  from: string;
  to: string;
};

export const NO_FILTERS: AuditFilterState = { connectionId: "", kind: "", outcome: "", from: "", to: "" };

/**
 * Starting filters from the page's URL (`?connectionId=…&kind=…&outcome=…`),
 * so other pages can link to a filtered log. Unknown values are ignored.
 */
export function filtersFromSearch(params: Pick<URLSearchParams, "get">): AuditFilterState {
  const kind = params.get("kind") ?? "";
  const outcome = params.get("outcome") ?? "";
  const connectionId = params.get("connectionId") ?? "";
  return {
    ...NO_FILTERS,
    kind: (AUDIT_KINDS as string[]).includes(kind) ? kind : "",
    outcome: outcome === "success" || outcome === "failure" ? outcome : "",
    connectionId: /^[a-z0-9]{1,64}$/i.test(connectionId) ? connectionId : "",
  };
}

export type AuditQueryArgs = {
  groupId: string;
  connectionId?: string;
  kind?: string;
  outcome?: "success" | "failure";
  from?: number;
  to?: number;
};

/**
 * The filters as `listAudit` arguments. Dates cover whole local days: `from`
 * is the start of its day, `to` the last millisecond of its day. An inverted
 * range is an error to show, not a query to run.
 */
export function auditQueryArgs(groupId: string, filters: AuditFilterState): { args: AuditQueryArgs; error: string | null } {
  const args: AuditQueryArgs = { groupId };
  if (filters.connectionId) args.connectionId = filters.connectionId;
  if (filters.kind) args.kind = filters.kind;
  if (filters.outcome) args.outcome = filters.outcome;
  const from = filters.from ? new Date(`${filters.from}T00:00:00`).getTime() : undefined;
  const to = filters.to ? new Date(`${filters.to}T23:59:59.999`).getTime() : undefined;
  if (from !== undefined && !Number.isNaN(from)) args.from = from;
  if (to !== undefined && !Number.isNaN(to)) args.to = to;
  const error = args.from !== undefined && args.to !== undefined && args.from > args.to ? "The end date is before the start date." : null;
  return { args, error };
}

export function hasFilters(filters: AuditFilterState): boolean {
  return Object.values(filters).some((value) => value !== "");
}

type AuditFiltersProps = {
  filters: AuditFilterState;
  onChange: (filters: AuditFilterState) => void;
  /** null while loading or when the caller may not list connections (the filter is then hidden). */
  connections: ReadonlyArray<{ connectionId: string; name: string }> | null;
  rangeError: string | null;
};

export function AuditFilters({ filters, onChange, connections, rangeError }: AuditFiltersProps) {
  const id = useId();
  const set = (patch: Partial<AuditFilterState>) => onChange({ ...filters, ...patch });
  return (
    <div role="group" aria-label="Filter events" className="grid gap-3">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_8.5rem] lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_8.5rem_9.5rem_9.5rem]">
        <div className="col-span-2 grid gap-1.5 md:col-span-1">
          <Label htmlFor={`${id}-connection`} className="text-xs">
            Connection
          </Label>
          <Select
            id={`${id}-connection`}
            value={filters.connectionId}
            disabled={connections === null}
            onChange={(event) => set({ connectionId: event.target.value })}
          >
            <option value="">All connections</option>
            {connections?.map((connection) => (
              <option key={connection.connectionId} value={connection.connectionId}>
                {connection.name}
              </option>
            ))}
          </Select>
        </div>
        <div className="col-span-2 grid gap-1.5 md:col-span-1">
          <Label htmlFor={`${id}-kind`} className="text-xs">
            Event
          </Label>
          <Select id={`${id}-kind`} value={filters.kind} onChange={(event) => set({ kind: event.target.value })}>
            <option value="">All events</option>
            {AUDIT_KIND_GROUPS.map((group) => (
              <optgroup key={group.label} label={group.label}>
                {group.kinds.map((kind) => (
                  <option key={kind} value={kind}>
                    {AUDIT_KIND_LABELS[kind]}
                  </option>
                ))}
              </optgroup>
            ))}
          </Select>
        </div>
        <div className="col-span-2 grid gap-1.5 md:col-span-1">
          <Label htmlFor={`${id}-outcome`} className="text-xs">
            Outcome
          </Label>
          <Select
            id={`${id}-outcome`}
            value={filters.outcome}
            onChange={(event) => set({ outcome: event.target.value as AuditFilterState["outcome"] })}
          >
            <option value="">Any outcome</option>
            <option value="success">Success</option>
            <option value="failure">Failure</option>
          </Select>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor={`${id}-from`} className="text-xs">
            From
          </Label>
          <Input
            id={`${id}-from`}
            type="date"
            value={filters.from}
            max={filters.to || undefined}
            onChange={(event) => set({ from: event.target.value })}
            aria-invalid={rangeError ? true : undefined}
            aria-describedby={rangeError ? `${id}-range-error` : undefined}
          />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor={`${id}-to`} className="text-xs">
            To
          </Label>
          <Input
            id={`${id}-to`}
            type="date"
            value={filters.to}
            min={filters.from || undefined}
            onChange={(event) => set({ to: event.target.value })}
            aria-invalid={rangeError ? true : undefined}
            aria-describedby={rangeError ? `${id}-range-error` : undefined}
          />
        </div>
      </div>
      {(rangeError || hasFilters(filters)) && (
        <div className="flex flex-wrap items-center justify-between gap-2">
          {rangeError ? (
            <p id={`${id}-range-error`} role="alert" className="text-destructive text-sm">
              {rangeError}
            </p>
          ) : (
            <span />
          )}
          {hasFilters(filters) && (
            <Button variant="outline" size="sm" className={ghostButton} onClick={() => onChange(NO_FILTERS)}>
              <X aria-hidden />
              Clear filters
            </Button>
          )}
        </div>
      )}
    </div>
  );
}
