"use client";

import { useAction, type UseQueryResult } from "convex/react";
import { CircleCheck, CircleDashed, LoaderCircle, SearchCheck } from "lucide-react";
import { useState } from "react";
import { FormMessage } from "@/components/console/form-message";
import { QueryError } from "@/components/console/query-error";
import { Skeleton } from "@/components/console/skeleton";
import { useConsoleAction } from "@/components/console/use-action-state";
import { useNow } from "@/components/guestbook/use-now";
import { formatDateTime } from "@/components/sso/time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { api } from "@/convex/_generated/api";
import { cn } from "@/lib/cn";
import { formatRelativeTime } from "@/lib/relative-time";
import { CheckList, summarizeChecks } from "./check-list";
import type { OidcStatus, OidcValidation } from "./types";

const CLOCK_TICK_MS = 30_000;

type ValidationCardProps = {
  connectionId: string;
  status: UseQueryResult<OidcStatus>;
  canManage: boolean;
  /** The form has unsaved edits: validation checks the saved settings. */
  dirty: boolean;
};

/**
 * Whether the settings are saved, and "Validate": the server fetches the
 * discovery document and the signing keys and reports each check. The last
 * run is stored, so it shows here live (also one started elsewhere).
 */
export function ValidationCard({ connectionId, status, canManage, dirty }: ValidationCardProps) {
  const validateOidc = useAction(api.auth.group.validateOidc);
  const { pending, error, run } = useConsoleAction();
  // The run this tab started, until the stored one (in getOidcStatus) catches up with it.
  const [ownRun, setOwnRun] = useState<OidcValidation | null>(null);
  const now = useNow(CLOCK_TICK_MS);

  const data = status.status === "success" ? status.data : null;
  const stored = data?.validation ?? null;
  const validation = ownRun && (!stored || ownRun.time > stored.time) ? ownRun : stored;
  const summary = validation ? summarizeChecks(validation.checks) : null;

  async function validate() {
    const outcome = await run(() => validateOidc({ connectionId }));
    if (outcome.ok) setOwnRun(outcome.value);
  }

  return (
    <Card data-testid="oidc-status" aria-busy={pending || undefined}>
      <CardHeader className="gap-3">
        <div className="flex items-center justify-between gap-3">
          <CardTitle as="h2">Status</CardTitle>
          {data && (
            <Badge
              data-testid="oidc-configured"
              className={cn(data.configured && "border-transparent bg-emerald-50 text-emerald-700 dark:bg-emerald-500/15 dark:text-emerald-300")}
            >
              {data.configured ? <CircleCheck aria-hidden /> : <CircleDashed aria-hidden />}
              {data.configured ? "Configured" : "Not configured"}
            </Badge>
          )}
        </div>
        <CardDescription>Validating fetches your provider&apos;s discovery document and signing keys with the saved settings.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {status.status === "pending" ? (
          <div role="status" aria-label="Loading the status" className="grid gap-2">
            <Skeleton className="h-4 w-2/3" />
            <Skeleton className="h-4 w-1/2" />
            <Skeleton className="h-8 w-24" />
          </div>
        ) : status.status === "error" ? (
          <QueryError error={status.error} what="the status" />
        ) : (
          <>
            <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1.5 text-sm">
              <dt className="text-muted-foreground">Client secret</dt>
              <dd>{status.data.hasSecret ? "Saved" : "Not saved yet"}</dd>
              <dt className="text-muted-foreground">Last validated</dt>
              <dd data-testid="last-validated">
                {validation ? (
                  <time dateTime={new Date(validation.time).toISOString()} title={formatDateTime(validation.time)} suppressHydrationWarning>
                    {formatRelativeTime(validation.time, now)}
                  </time>
                ) : (
                  "Never"
                )}
              </dd>
            </dl>

            {canManage && (
              <div className="grid gap-2">
                <Button
                  variant="outline"
                  className="w-full sm:w-fit"
                  onClick={validate}
                  disabled={pending || !status.data.configured}
                  aria-busy={pending || undefined}
                >
                  {pending ? <LoaderCircle aria-hidden className="animate-spin" /> : <SearchCheck aria-hidden />}
                  {pending ? "Validating…" : "Validate"}
                </Button>
                {!status.data.configured ? (
                  <p className="text-muted-foreground text-xs">Save the settings first.</p>
                ) : dirty ? (
                  <p className="text-muted-foreground text-xs">Checks the saved settings, not your unsaved changes.</p>
                ) : null}
              </div>
            )}

            <div aria-live="polite" className="grid gap-3">
              {pending && <p className="text-muted-foreground text-sm">Fetching the discovery document and keys…</p>}
              {error && <FormMessage tone="error">{error.message}</FormMessage>}
              {validation && summary && !pending && (
                <div data-testid="oidc-validation" className="grid gap-2 border-t pt-4">
                  <p
                    data-testid="oidc-validation-summary"
                    className={cn(
                      "text-sm font-medium",
                      summary.tone === "error" && "text-destructive",
                      summary.tone === "warning" && "text-amber-700 dark:text-amber-300",
                      summary.tone === "ok" && "text-emerald-700 dark:text-emerald-400",
                    )}
                  >
                    {summary.text}
                  </p>
                  <CheckList checks={validation.checks} />
                </div>
              )}
            </div>
          </>
        )}
      </CardContent>
    </Card>
  );
}
