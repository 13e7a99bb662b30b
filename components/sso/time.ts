import { formatRelativeTime } from "@/lib/relative-time";

const MINUTE_MS = 60 * 1000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

const formatter = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/** "in 6 days", "in 3 hours", "in 12 minutes" for a future timestamp (both in ms). */
export function formatTimeUntil(timestamp: number, now: number): string {
  const remaining = Math.max(0, timestamp - now);
  // Rounded: a record valid for 7 days reads "in 7 days" a minute after it was made, not "in 6 days".
  if (remaining >= 2 * DAY_MS - HOUR_MS / 2) return formatter.format(Math.round(remaining / DAY_MS), "day");
  if (remaining >= HOUR_MS) return formatter.format(Math.round(remaining / HOUR_MS), "hour");
  return formatter.format(Math.max(1, Math.floor(remaining / MINUTE_MS)), "minute");
}

/** "Expires in 6 days" or "Expired 2 hours ago". */
export function describeExpiry(expiresTime: number, now: number): string {
  return expiresTime > now ? `Expires ${formatTimeUntil(expiresTime, now)}` : `Expired ${formatRelativeTime(expiresTime, now)}`;
}

/** An absolute time for tooltips: "23 Nov 2025, 14:05". */
export function formatDateTime(timestamp: number): string {
  return new Date(timestamp).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });
}
