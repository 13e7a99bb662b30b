"use client";

import type { UseQueryResult } from "convex/react";
import { ArrowRight, CircleCheck, CircleX, ExternalLink, FlaskConical, LoaderCircle } from "lucide-react";
import Link from "next/link";
import { FormMessage } from "@/components/console/form-message";
import { QueryError } from "@/components/console/query-error";
import { Skeleton } from "@/components/console/skeleton";
import { useNow } from "@/components/guestbook/use-now";
import { RelativeTime } from "@/components/sso/relative-time";
import { Button, buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/lib/cn";
import { inlineLinkClass } from "@/components/auth/auth-shell";
import { testSignInHref } from "./links";
import { useStartTestSignIn } from "./use-start-test-sign-in";

const CLOCK_TICK_MS = 30_000;

/** What the card needs of a protocol's status query (getOidcStatus, getSamlStatus). */
type TestStatus = { configured: boolean; lastTest: { testId: string; ok: boolean; time: number } | null };

type TestSignInCardProps = {
  connectionId: string;
  status: UseQueryResult<TestStatus>;
  canManage: boolean;
  /** The form has unsaved edits: a test would run with the saved settings. */
  dirty: boolean;
};

/**
 * "Run a test sign-in": a real login at the identity provider, in a new tab,
 * with the saved settings. It signs nobody in; its result page shows the
 * profile and what the policy would do. The last test shows here, live.
 */
export function TestSignInCard({ connectionId, status, canManage, dirty }: TestSignInCardProps) {
  const { start, pending, error, started } = useStartTestSignIn(connectionId);
  const now = useNow(CLOCK_TICK_MS);
  const lastTest = status.status === "success" ? status.data.lastTest : null;
  // The test this tab just started is still running until the stored last test is that one.
  const running = started !== null && lastTest?.testId !== started.testId;

  return (
    <Card id="test-sign-in" data-testid="test-sign-in-card" className="scroll-mt-28">
      <CardHeader>
        <CardTitle as="h2">Test sign-in</CardTitle>
        <CardDescription>
          Sign in at your identity provider with the saved settings, in a new tab. Nobody gets signed in here and no
          account changes: you see the profile it sends and what the policy would do.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {status.status === "pending" ? (
          <div role="status" aria-label="Loading the last test" className="grid gap-2">
            <Skeleton className="h-10 w-44" />
            <Skeleton className="h-4 w-2/3" />
          </div>
        ) : status.status === "error" ? (
          <QueryError error={status.error} what="the last test" />
        ) : (
          <>
            {canManage && <RunTestButton onClick={start} pending={pending} configured={status.data.configured} dirty={dirty} />}

            <div aria-live="polite" className="grid gap-3">
              {error && <FormMessage tone="error">{error.message}</FormMessage>}
              {started && running && (
                <div data-testid="test-started" className="bg-muted/40 grid gap-1 rounded-lg border p-3 text-sm">
                  {started.blocked ? (
                    <p>
                      Your browser blocked the new tab.{" "}
                      <a href={started.url} target="_blank" rel="noopener noreferrer" className={inlineLinkClass}>
                        Open the sign-in page
                        <span className="sr-only"> (new tab)</span>
                      </a>
                    </p>
                  ) : (
                    <p>Finish signing in in the new tab. Its result shows there and here.</p>
                  )}
                  <Link href={testSignInHref(connectionId, started.testId)} className={cn(inlineLinkClass, "w-fit")}>
                    Follow this test
                  </Link>
                </div>
              )}
              {lastTest ? (
                <div data-testid="last-test" data-ok={lastTest.ok} className="flex flex-wrap items-center justify-between gap-x-3 gap-y-2 border-t pt-4">
                  <p className="flex items-center gap-2 text-sm">
                    {lastTest.ok ? (
                      <CircleCheck aria-hidden className="size-4 shrink-0 text-emerald-600 dark:text-emerald-400" />
                    ) : (
                      <CircleX aria-hidden className="text-destructive size-4 shrink-0" />
                    )}
                    <span>
                      <span className="font-medium">Last test {lastTest.ok ? "succeeded" : "failed"}</span>{" "}
                      <RelativeTime timestamp={lastTest.time} now={now} />
                    </span>
                  </p>
                  <Link
                    href={testSignInHref(connectionId, lastTest.testId)}
                    className={buttonVariants({ variant: "outline", size: "sm" })}
                  >
                    View result
                    <ArrowRight aria-hidden />
                  </Link>
                </div>
              ) : (
                status.data.configured && !started && <p className="text-muted-foreground border-t pt-4 text-sm">No test sign-in yet.</p>
              )}
            </div>
          </>
        )}
      </CardContent>
    </Card>
  );
}

type RunTestButtonProps = { onClick: () => void; pending: boolean; configured: boolean; dirty: boolean };

/** "Run a test sign-in" (it opens a new tab), and why it can't run yet or which settings it uses. */
export function RunTestButton({ onClick, pending, configured, dirty }: RunTestButtonProps) {
  return (
    <div className="grid gap-2">
      <Button onClick={onClick} disabled={pending || !configured} className="w-full sm:w-fit">
        {pending ? <LoaderCircle aria-hidden className="animate-spin" /> : <FlaskConical aria-hidden />}
        Run a test sign-in
        <ExternalLink aria-hidden />
        <span className="sr-only"> (opens a new tab)</span>
      </Button>
      {!configured ? (
        <p className="text-muted-foreground text-xs">Save the settings first.</p>
      ) : dirty ? (
        <p className="text-muted-foreground text-xs">Uses the saved settings: save your changes to test them.</p>
      ) : null}
    </div>
  );
}
