"use client";

import { useNow } from "@/components/guestbook/use-now";
import { formatRelativeTime } from "@/lib/relative-time";
import { cn } from "@/lib/cn";

const CLOCK_TICK_MS = 30_000;

const exactFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });

/** The exact local date and time, e.g. for a tooltip or a details panel. */
export function formatExactTime(timestamp: number): string {
  return exactFormat.format(new Date(timestamp));
}

/**
 * "5 minutes ago" that keeps ageing, with the exact time on hover (title) and
 * in the markup (datetime). Server and browser may differ in clock and time
 * zone, hence suppressHydrationWarning.
 */
export function Timestamp({ time, className }: { time: number; className?: string }) {
  const now = useNow(CLOCK_TICK_MS);
  return (
    <time
      dateTime={new Date(time).toISOString()}
      title={formatExactTime(time)}
      className={cn("whitespace-nowrap", className)}
      suppressHydrationWarning
    >
      {formatRelativeTime(time, Math.max(now, time))}
    </time>
  );
}
