"use client";

import { useId } from "react";
import { AUDIT_KIND_LABELS } from "@/components/sso/audit/kinds";
import type { AuditKind } from "@/convex/engine/audit";
import { cn } from "@/lib/cn";
import { SUBSCRIBABLE_GROUPS } from "./kinds";

type KindPickerProps = {
  all: boolean;
  onAllChange: (all: boolean) => void;
  kinds: ReadonlySet<AuditKind>;
  onKindsChange: (kinds: Set<AuditKind>) => void;
  disabled?: boolean;
  error?: string | null;
};

/** "All events", or a checklist of event kinds by area (with a per-area toggle). */
export function KindPicker({ all, onAllChange, kinds, onKindsChange, disabled, error }: KindPickerProps) {
  const id = useId();
  function toggle(kind: AuditKind, on: boolean) {
    const next = new Set(kinds);
    if (on) next.add(kind);
    else next.delete(kind);
    onKindsChange(next);
  }
  return (
    <fieldset className="grid gap-3" disabled={disabled} aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="mb-1 text-sm font-medium">Events to send</legend>
      <label className="flex cursor-pointer items-start gap-2.5 text-sm">
        <input
          type="checkbox"
          checked={all}
          onChange={(event) => onAllChange(event.target.checked)}
          className="accent-primary mt-0.5 size-4 shrink-0"
        />
        <span>
          <span className="font-medium">All events</span>
          <span className="text-muted-foreground block">Every kind, including ones added in the future.</span>
        </span>
      </label>
      {!all && (
        <div className="bg-muted/40 grid max-h-72 gap-4 overflow-y-auto rounded-lg border p-3 sm:grid-cols-2">
          {SUBSCRIBABLE_GROUPS.map((group) => {
            const picked = group.kinds.filter((kind) => kinds.has(kind)).length;
            return (
              <div key={group.label} role="group" aria-labelledby={`${id}-${group.label}`} className="grid content-start gap-1.5">
                <label className="text-muted-foreground flex cursor-pointer items-center gap-2 text-xs font-medium tracking-wide uppercase">
                  <input
                    type="checkbox"
                    checked={picked === group.kinds.length}
                    ref={(input) => {
                      if (input) input.indeterminate = picked > 0 && picked < group.kinds.length;
                    }}
                    onChange={(event) => {
                      const next = new Set(kinds);
                      for (const kind of group.kinds) {
                        if (event.target.checked) next.add(kind);
                        else next.delete(kind);
                      }
                      onKindsChange(next);
                    }}
                    aria-label={`All ${group.label.toLowerCase()} events`}
                    className="accent-primary size-3.5"
                  />
                  <span id={`${id}-${group.label}`}>{group.label}</span>
                </label>
                {group.kinds.map((kind) => (
                  <label key={kind} className={cn("flex cursor-pointer items-start gap-2 pl-5 text-sm")}>
                    <input
                      type="checkbox"
                      checked={kinds.has(kind)}
                      onChange={(event) => toggle(kind, event.target.checked)}
                      className="accent-primary mt-0.5 size-4 shrink-0"
                    />
                    <span>{AUDIT_KIND_LABELS[kind]}</span>
                  </label>
                ))}
              </div>
            );
          })}
        </div>
      )}
      {error && (
        <p id={`${id}-error`} className="text-destructive text-sm">
          {error}
        </p>
      )}
    </fieldset>
  );
}
