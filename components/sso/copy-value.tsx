"use client";

import { useId, type ReactNode } from "react";
import { Skeleton } from "@/components/console/skeleton";
import { Label } from "@/components/ui/label";
import { cn } from "@/lib/cn";
import { CopyButton } from "./copy-button";

type CopyValueProps = {
  /** `null` while loading. */
  value: string | null;
  /** What is copied, for the button's name ("Copy {label}") and the loading state. */
  label: string;
  testId?: string;
  className?: string;
};

/** A value to paste elsewhere (a URL, an ID, a fingerprint): selectable in full, with a copy button. */
export function CopyValue({ value, label, testId, className }: CopyValueProps) {
  if (value === null) {
    return (
      <div role="status" aria-label={`Loading the ${label}`} className={className}>
        <Skeleton className="h-9 w-full" />
      </div>
    );
  }
  return (
    <div className={cn("flex flex-col gap-2 sm:flex-row sm:items-center", className)}>
      <code data-testid={testId} className="bg-muted/40 min-w-0 flex-1 rounded-md border px-3 py-2 font-mono text-xs break-all select-all">
        {value}
      </code>
      <CopyButton value={value} label={label} className="self-end sm:self-auto" />
    </div>
  );
}

type CopyFieldProps = {
  /** The visible label, and what the copy button's confirmation names. */
  label: string;
  /** `null` while loading. */
  value: string | null;
  hint?: ReactNode;
  testId?: string;
  className?: string;
};

/**
 * A labelled, read-only value to hand over (a URL, an ID): the label names
 * the field (the copy button is described by it), the text wraps in full and
 * is selected on focus.
 */
export function CopyField({ label, value, hint, testId, className }: CopyFieldProps) {
  const id = useId();
  return (
    <div className={cn("grid min-w-0 content-start gap-1.5", className)}>
      <Label id={`${id}-label`} htmlFor={id}>
        {label}
      </Label>
      {value === null ? (
        <div role="status" aria-label={`Loading the ${label}`}>
          <Skeleton className="h-9 w-full" />
        </div>
      ) : (
        <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
          <textarea
            id={id}
            data-testid={testId}
            readOnly
            rows={1}
            value={value}
            onFocus={(event) => event.currentTarget.select()}
            aria-describedby={hint ? `${id}-hint` : undefined}
            className={cn(
              "bg-muted/40 min-w-0 flex-1 resize-none rounded-md border px-3 py-2 font-mono text-xs break-all field-sizing-content",
              "focus-visible:border-ring focus-visible:ring-ring/30 focus-visible:ring-3 focus-visible:outline-none",
            )}
          />
          <CopyButton value={value} label={label} describedBy={`${id}-label`} className="self-end sm:self-auto" />
        </div>
      )}
      {hint && (
        <p id={`${id}-hint`} className="text-muted-foreground text-xs">
          {hint}
        </p>
      )}
    </div>
  );
}
