const UNITS: ReadonlyArray<{ unit: Intl.RelativeTimeFormatUnit; milliseconds: number }> = [
  { unit: "year", milliseconds: 365 * 24 * 60 * 60 * 1000 },
  { unit: "month", milliseconds: 30 * 24 * 60 * 60 * 1000 },
  { unit: "week", milliseconds: 7 * 24 * 60 * 60 * 1000 },
  { unit: "day", milliseconds: 24 * 60 * 60 * 1000 },
  { unit: "hour", milliseconds: 60 * 60 * 1000 },
  { unit: "minute", milliseconds: 60 * 1000 },
];

const formatter = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/** "just now", "5 minutes ago", "yesterday", … for a past timestamp relative to `now` (both in ms). */
export function formatRelativeTime(timestamp: number, now: number): string {
  const elapsed = Math.max(0, now - timestamp);
  for (const { unit, milliseconds } of UNITS) {
    if (elapsed >= milliseconds) {
      return formatter.format(-Math.floor(elapsed / milliseconds), unit);
    }
  }
  return "just now";
}
