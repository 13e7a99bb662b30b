import { formatDateTime } from "@/components/sso/time";
import { formatRelativeTime } from "@/lib/relative-time";

/** "3 minutes ago", with the absolute time as its tooltip and machine-readable value. */
export function RelativeTime({ timestamp, now }: { timestamp: number; now: number }) {
  return (
    <time dateTime={new Date(timestamp).toISOString()} title={formatDateTime(timestamp)} suppressHydrationWarning>
      {formatRelativeTime(timestamp, now)}
    </time>
  );
}
