"use client";

import { useMutation, type UseQueryResult } from "convex/react";
import { CircleCheck, CircleX, LoaderCircle } from "lucide-react";
import { inlineLinkClass } from "@/components/auth/auth-shell";
import { FormMessage } from "@/components/console/form-message";
import { Skeleton } from "@/components/console/skeleton";
import { Callout } from "@/components/sso/policy/callout";
import { PlanSummary } from "@/components/sso/test-sign-in/plan-summary";
import { ProfileTable } from "@/components/sso/test-sign-in/profile-table";
import { RunTestButton } from "@/components/sso/test-sign-in/test-sign-in-card";
import { useStartTestSignIn } from "@/components/sso/test-sign-in/use-start-test-sign-in";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { api } from "@/convex/_generated/api";
import { useSetupQuery } from "./use-setup-query";

type LinkTestCardProps = {
  token: string;
  connectionId: string;
  /** The protocol's status through the link: whether settings are saved, and the connection's last test. */
  status: UseQueryResult<{ configured: boolean; lastTest: { ok: boolean } | null }>;
  dirty: boolean;
};

/**
 * "Run a test sign-in" from the wizard: a real login at the identity
 * provider in a new tab, with the saved settings. That tab ends on a page
 * pointing back here, where the outcome shows live: the profile and what
 * the organization's policy would do, or why it failed.
 */
export function LinkTestCard({ token, connectionId, status, dirty }: LinkTestCardProps) {
  const startTestSignIn = useMutation(api.auth.setup.startTestSignIn);
  const { start, pending, error, started } = useStartTestSignIn(connectionId, () => startTestSignIn({ token }));
  const configured = status.status === "success" && status.data.configured;
  const lastTest = status.status === "success" ? status.data.lastTest : null;

  return (
    <Card id="test-sign-in" data-testid="test-sign-in-card">
      <CardHeader>
        <CardTitle as="h2">Test sign-in</CardTitle>
        <CardDescription>
          Sign in at your identity provider with the saved settings, in a new tab. Nobody gets signed in and no account changes: you see the profile it
          sends and what the organization&apos;s policy would do.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {status.status === "pending" ? <Skeleton className="h-10 w-44" /> : <RunTestButton onClick={start} pending={pending} configured={configured} dirty={dirty} />}
        <div aria-live="polite" className="grid gap-3">
          {error && <FormMessage tone="error">{error.message}</FormMessage>}
          {started?.blocked && (
            <p className="text-sm">
              Your browser blocked the new tab.{" "}
              <a href={started.url} target="_blank" rel="noopener noreferrer" className={inlineLinkClass}>
                Open the sign-in page
                <span className="sr-only"> (new tab)</span>
              </a>
            </p>
          )}
          {started ? (
            <TestOutcome token={token} testId={started.testId} />
          ) : (
            lastTest && (
              <p data-testid="last-test" data-ok={lastTest.ok} className="text-muted-foreground border-t pt-4 text-sm">
                The last test sign-in {lastTest.ok ? "succeeded" : "failed"}. Run one to see its details here.
              </p>
            )
          )}
        </div>
      </CardContent>
    </Card>
  );
}

/** The test this page started, live. */
function TestOutcome({ token, testId }: { token: string; testId: string }) {
  const test = useSetupQuery(api.auth.setup.getTestSignIn, { token, testId });
  if (test.status === "pending") return <Skeleton className="h-16 w-full" />;
  if (test.status === "error") return <FormMessage tone="error">{test.error.message}</FormMessage>;
  const result = test.data;
  return (
    <div data-testid="test-result" data-status={result.status} className="grid gap-4 border-t pt-4">
      {result.status === "pending" ? (
        <div data-testid="test-waiting" className="flex items-start gap-3 rounded-lg border border-dashed p-4">
          <LoaderCircle aria-hidden className="text-muted-foreground mt-0.5 size-5 shrink-0 animate-spin" />
          <div className="grid gap-1 text-sm">
            <p className="font-medium">Waiting for the identity provider…</p>
            <p className="text-muted-foreground">Finish signing in in the other tab. The outcome shows here by itself.</p>
          </div>
        </div>
      ) : result.status === "failed" ? (
        <Callout tone="danger" title="The test sign-in failed">
          <p data-testid="test-failure-message">{result.failure?.message ?? "The sign-in failed."}</p>
          {result.failure && <p className="text-muted-foreground mt-1 font-mono text-xs">{result.failure.code}</p>}
        </Callout>
      ) : (
        <>
          <p data-testid="test-status" className="flex items-center gap-2 text-sm font-medium text-emerald-700 dark:text-emerald-400">
            <CircleCheck aria-hidden className="size-4" />
            The test sign-in succeeded
          </p>
          {result.profile && <ProfileTable profile={result.profile} />}
          <div className="grid gap-2">
            <h3 className="text-sm font-semibold">What the sign-in policy would do</h3>
            <PlanSummary plan={result.plan} />
            {result.plan && !result.plan.ok && result.plan.code === "email_domain_not_allowed" && (
              <Callout tone="info">The identity provider&apos;s side works: people get in once their email domain is verified.</Callout>
            )}
          </div>
        </>
      )}
      {result.status === "failed" && (
        <p className="text-muted-foreground flex items-center gap-1.5 text-xs">
          <CircleX aria-hidden className="size-3.5" />
          Check the settings against your identity provider, save, and run another test.
        </p>
      )}
    </div>
  );
}
