"use client";

import { useRef, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { actorTypeLabel, describeActor, describeConnection, describeTarget, type AuditDirectory, type AuditEvent } from "./describe";
import { kindLabel } from "./kinds";
import { OutcomeBadge } from "./outcome-badge";
import { formatExactTime, Timestamp } from "./timestamp";

/** The dialog as a side sheet: full height on the right, full width on phones, sliding in. */
export const SHEET_CLASSES =
  "top-0 right-0 left-auto h-dvh max-h-dvh w-full max-w-lg translate-x-0 translate-y-0 content-start rounded-none border-y-0 border-r-0 " +
  "transition-transform duration-200 ease-out starting:translate-x-full sm:rounded-l-xl";

type AuditDrawerProps = {
  event: AuditEvent | null;
  directory: AuditDirectory;
  onClose: () => void;
};

/** Every field of one audit event, metadata included. */
export function AuditDrawer({ event, directory, onClose }: AuditDrawerProps) {
  const sheet = useRef<HTMLDivElement>(null);
  return (
    <Dialog open={event !== null} onOpenChange={(open) => !open && onClose()}>
      {event && (
        <DialogContent
          ref={sheet}
          className={SHEET_CLASSES}
          data-testid="audit-drawer"
          // Focus the sheet, not its first button: it is for reading (Tab reaches the buttons, Escape closes).
          onOpenAutoFocus={(focus) => {
            focus.preventDefault();
            sheet.current?.focus();
          }}
        >
          <DialogHeader>
            <DialogTitle>{kindLabel(event.kind)}</DialogTitle>
            <DialogDescription>
              {formatExactTime(event._creationTime)} · <Timestamp time={event._creationTime} />
            </DialogDescription>
          </DialogHeader>
          <div className="flex flex-wrap items-center gap-2">
            <OutcomeBadge outcome={event.outcome} />
            <code className="bg-muted rounded px-1.5 py-0.5 text-xs">{event.kind}</code>
          </div>
          <dl className="grid gap-4 text-sm">
            <Field label="Actor">
              <p>{describeActor(event.actor, directory)}</p>
              <Meta>
                {actorTypeLabel(event.actor.type)}
                {event.actor.id && <> · <Id value={event.actor.id} /></>}
              </Meta>
            </Field>
            <Field label="Target">
              {event.target ? (
                <>
                  <p>{describeTarget(event.target, directory)}</p>
                  <Meta>
                    {event.target.type} · <Id value={event.target.id} />
                  </Meta>
                </>
              ) : (
                <None />
              )}
            </Field>
            <Field label="Connection">
              {event.connectionId ? (
                <>
                  <p>{describeConnection(event.connectionId, directory)}</p>
                  <Meta>
                    <Id value={event.connectionId} />
                  </Meta>
                </>
              ) : (
                <None>Organization-wide</None>
              )}
            </Field>
            <Field label="Reason">{event.reason ? <p className="break-words">{event.reason}</p> : <None />}</Field>
            <Field label="Metadata">
              {event.metadata && Object.keys(event.metadata).length > 0 ? (
                <dl data-testid="audit-metadata" className="bg-muted/50 grid gap-2 rounded-lg border p-3">
                  {Object.entries(event.metadata).map(([key, value]) => (
                    <div key={key} className="grid gap-0.5 sm:grid-cols-[8rem_minmax(0,1fr)] sm:gap-3">
                      <dt className="text-muted-foreground font-mono text-xs break-all sm:pt-0.5">{key}</dt>
                      <dd className="font-mono text-xs break-all whitespace-pre-wrap sm:pt-0.5">
                        {value === null ? <span className="text-muted-foreground">null</span> : String(value)}
                      </dd>
                    </div>
                  ))}
                </dl>
              ) : (
                <None />
              )}
            </Field>
            <Field label="Time">
              <p className="font-mono text-xs">{new Date(event._creationTime).toISOString()}</p>
            </Field>
            <Field label="Event ID">
              <Id value={event._id} />
            </Field>
          </dl>
          <div className="flex justify-end border-t pt-4">
            <DialogClose asChild>
              <Button variant="outline">Close</Button>
            </DialogClose>
          </div>
        </DialogContent>
      )}
    </Dialog>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-1">
      <dt className="text-muted-foreground text-xs font-medium tracking-wide uppercase">{label}</dt>
      <dd className="min-w-0">{children}</dd>
    </div>
  );
}

function Meta({ children }: { children: ReactNode }) {
  return <p className="text-muted-foreground text-xs">{children}</p>;
}

function Id({ value }: { value: string }) {
  return <code className="font-mono text-xs break-all">{value}</code>;
}

function None({ children = "None" }: { children?: ReactNode }) {
  return <p className="text-muted-foreground">{children}</p>;
}
