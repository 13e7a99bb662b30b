"use client";

import type { FunctionReturnType } from "convex/server";
import { TriangleAlert } from "lucide-react";
import { useNow } from "@/components/guestbook/use-now";
import { RelativeTime } from "@/components/sso/relative-time";
import type { api } from "@/convex/_generated/api";

type IdpHealth = FunctionReturnType<typeof api.auth.group.getConnectionStatus>["health"];

const CLOCK_TICK_MS = 30_000;

/**
 * Shown while the identity provider's metadata can't be re-read (discovery
 * or metadata URL down or slow): sign-in still works on the last good copy,
 * and the admin sees why and since when. Nothing when all is well.
 */
export function IdpHealthNotice({ health }: { health: IdpHealth }) {
  const now = useNow(CLOCK_TICK_MS);
  if (health.state !== "degraded") return null;
  return (
    <div
      role="status"
      data-testid="idp-health-degraded"
      className="flex items-start gap-2 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900 dark:border-amber-500/40 dark:bg-amber-500/10 dark:text-amber-200"
    >
      <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
      <div className="grid gap-1">
        <p className="font-medium">Degraded: the identity provider&apos;s metadata couldn&apos;t be read</p>
        <p className="break-words">
          {health.checkedTime !== null && (
            <>
              Last tried <RelativeTime timestamp={health.checkedTime} now={now} />:{" "}
            </>
          )}
          {health.message}
        </p>
        <p>
          {health.lastGoodTime !== null ? (
            <>
              Sign-in keeps using the copy read <RelativeTime timestamp={health.lastGoodTime} now={now} />. It clears by itself once the identity provider answers again.
            </>
          ) : (
            "There is no earlier copy to fall back on, so sign-in through this connection fails until the identity provider answers."
          )}
        </p>
      </div>
    </div>
  );
}
