"use client";

import type { Preloaded } from "convex/react";
import { ChevronLeft, CircleCheck, CircleX, Clock, ExternalLink, FlaskConical, LoaderCircle, SearchX, Settings2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, type ReactNode } from "react";
import { FormMessage } from "@/components/console/form-message";
import { QueryError } from "@/components/console/query-error";
import { ListSkeleton } from "@/components/console/skeleton";
import { hasGrant } from "@/components/console/use-active-group";
import { useConsoleQuery } from "@/components/console/use-console-query";
import { useNow } from "@/components/guestbook/use-now";
import { useConnectionContext } from "@/components/sso/connection-context";
import { CopyButton } from "@/components/sso/copy-button";
import { connectionHref, PROTOCOL_LABELS } from "@/components/sso/labels";
import { Callout } from "@/components/sso/policy/callout";
import { protocolHref } from "@/components/sso/protocol-links";
import type { Protocol } from "@/components/sso/types";
import { RelativeTime } from "@/components/sso/relative-time";
import { Badge } from "@/components/ui/badge";
import { Button, buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { api } from "@/convex/_generated/api";
import { appError } from "@/lib/errors";
import { testSignInHref } from "./links";
import { PlanSummary } from "./plan-summary";
import { ProfileTable } from "./profile-table";
import type { TestSignIn } from "./types";
import { useStartTestSignIn } from "./use-start-test-sign-in";

const CLOCK_TICK_MS = 15_000;
/** A test still pending after this long was most likely abandoned at the identity provider. */
const STALE_AFTER_MS = 10 * 60 * 1000;
const NOT_FOUND_CODES = new Set(["FORBIDDEN", "NOT_FOUND"]);
const LIVE_STATUS: Record<TestSignIn["status"], string> = {
  pending: "Waiting for the identity provider.",
  succeeded: "The test sign-in succeeded.",
  failed: "The test sign-in failed.",
};

type TestResultViewProps = {
  testId: string;
  preloaded: Preloaded<typeof api.auth.group.getTestSignIn> | null;
};

/**
 * One test sign-in, live: waiting for the identity provider, or what came
 * back (the failure, or the profile, the policy's plan and the raw claims).
 * The identity provider's tab lands here after the login.
 */
export function TestResultView({ testId, preloaded }: TestResultViewProps) {
  const { connection } = useConnectionContext();
  const test = useConsoleQuery(api.auth.group.getTestSignIn, { testId }, preloaded);

  return (
    <div className="grid gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <Link
          href={connectionHref(connection.connectionId)}
          className="text-muted-foreground hover:text-foreground focus-visible:ring-ring -ml-1 inline-flex w-fit items-center gap-0.5 rounded-md pr-1 text-sm font-medium transition-colors focus-visible:ring-2 focus-visible:outline-none"
        >
          <ChevronLeft aria-hidden className="size-4" />
          Back to connection
        </Link>
        <Link href={protocolHref(connection.connectionId, connection.protocol)} className={buttonVariants({ variant: "outline", size: "sm" })}>
          <Settings2 aria-hidden />
          {PROTOCOL_LABELS[connection.protocol]} settings
        </Link>
      </div>
      {/* Announces the switch from waiting to the outcome (the cards themselves are too long to read out). */}
      <p aria-live="polite" className="sr-only">
        {test.status === "success" && test.data ? LIVE_STATUS[test.data.status] : ""}
      </p>
      <div className="grid gap-6">
        {test.status === "pending" ? (
          <Card>
            <CardContent className="pt-6">
              <ListSkeleton label="Loading the test sign-in" rows={3} />
            </CardContent>
          </Card>
        ) : test.status === "error" ? (
          NOT_FOUND_CODES.has(appError(test.error).code) ? (
            <TestNotFound />
          ) : (
            <QueryError error={test.error} what="this test sign-in" />
          )
        ) : !test.data || test.data.connectionId !== connection.connectionId ? (
          <TestNotFound />
        ) : (
          <TestResult test={test.data} protocol={connection.protocol} />
        )}
      </div>
    </div>
  );
}

function TestResult({ test, protocol }: { test: TestSignIn; protocol: Protocol }) {
  const now = useNow(CLOCK_TICK_MS);
  return (
    <>
      <Card data-testid="test-result" data-status={test.status}>
        <CardHeader className="gap-3">
          <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
            <CardTitle as="h2">Test sign-in</CardTitle>
            <StatusBadge status={test.status} />
          </div>
          <CardDescription>
            Started <RelativeTime timestamp={test.createdTime} now={now} />
            {test.finishedTime !== undefined && (
              <>
                {" · "}finished <RelativeTime timestamp={test.finishedTime} now={now} />
              </>
            )}
            . Nobody was signed in and nothing changed.
          </CardDescription>
        </CardHeader>
        <CardContent>
          {test.status === "pending" ? (
            <Waiting test={test} now={now} />
          ) : test.status === "failed" ? (
            <div className="grid gap-4">
              <Callout tone="danger" title="The identity provider's answer didn't pass">
                <p data-testid="test-failure-message">{test.failure?.message ?? "The sign-in failed."}</p>
                {test.failure && <p className="text-muted-foreground mt-1 font-mono text-xs">{test.failure.code}</p>}
              </Callout>
              <RunAgain connectionId={test.connectionId} label="Run another test" />
            </div>
          ) : (
            <div className="grid gap-2">
              <h3 className="text-sm font-semibold">What the sign-in policy would do</h3>
              <PlanSummary plan={test.plan} />
            </div>
          )}
        </CardContent>
      </Card>

      {test.status === "succeeded" && (
        <>
          {test.profile && (
            <Card>
              <CardHeader>
                <CardTitle as="h2">Profile</CardTitle>
                <CardDescription>
                  What the connection made of the {protocol === "saml" ? "attributes, with the attribute mapping" : "claims, with the claim mapping"}{" "}
                  applied.
                </CardDescription>
              </CardHeader>
              <CardContent>
                <ProfileTable profile={test.profile} />
              </CardContent>
            </Card>
          )}
          <ClaimsCard claims={test.claims} protocol={protocol} />
          <div>
            <RunAgain connectionId={test.connectionId} label="Run another test" />
          </div>
        </>
      )}
    </>
  );
}

function Waiting({ test, now }: { test: TestSignIn; now: number }) {
  const stale = now - test.createdTime > STALE_AFTER_MS;
  if (stale) {
    return (
      <div className="grid gap-4">
        <Callout tone="warning" title="This test was never finished">
          Nobody completed the sign-in at the identity provider. Start a new test to try again.
        </Callout>
        <RunAgain connectionId={test.connectionId} label="Run a new test" />
      </div>
    );
  }
  return (
    <div data-testid="test-waiting" className="flex items-start gap-3 rounded-lg border border-dashed p-4">
      <LoaderCircle aria-hidden className="text-muted-foreground mt-0.5 size-5 shrink-0 animate-spin" />
      <div className="grid gap-1 text-sm">
        <p className="font-medium">Waiting for the identity provider…</p>
        <p className="text-muted-foreground">Finish signing in in the other tab. This page updates by itself.</p>
      </div>
    </div>
  );
}

const RAW_CLAIMS: Record<Protocol, { title: string; description: string }> = {
  oidc: { title: "Raw claims", description: "The ID token's claims (and userinfo's, if fetched), as received." },
  saml: {
    title: "Raw attributes",
    description:
      "The assertion's attributes as received, plus nameID (its NameID) and email_verified (SAML has no such attribute: addresses count as verified on your verified domains).",
  },
};

/** What the identity provider sent: the ID token's claims, or the assertion's attributes. */
function ClaimsCard({ claims, protocol }: { claims: TestSignIn["claims"]; protocol: Protocol }) {
  const { title, description } = RAW_CLAIMS[protocol];
  const json = JSON.stringify(claims ?? {}, null, 2);
  return (
    <Card>
      <CardHeader className="gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="grid gap-1.5">
          <CardTitle as="h2" id="test-claims-title">
            {title}
          </CardTitle>
          <CardDescription>{description}</CardDescription>
        </div>
        <CopyButton value={json} label={title.toLowerCase()} />
      </CardHeader>
      <CardContent>
        {/* Focusable so the scrollable region can be scrolled with the keyboard. */}
        <pre
          data-testid="test-claims"
          tabIndex={0}
          aria-labelledby="test-claims-title"
          className="bg-muted/40 focus-visible:ring-ring max-h-96 overflow-auto rounded-lg border p-4 font-mono text-xs leading-relaxed focus-visible:ring-2 focus-visible:outline-none"
        >
          {json}
        </pre>
      </CardContent>
    </Card>
  );
}

/** Starts another test in a new tab and follows it on this page. */
function RunAgain({ connectionId, label }: { connectionId: string; label: string }) {
  const { group } = useConnectionContext();
  const { start, pending, error, started } = useStartTestSignIn(connectionId);
  const router = useRouter();
  const next = started ? testSignInHref(connectionId, started.testId) : null;
  useEffect(() => {
    if (next && !started?.blocked) router.push(next);
  }, [next, started?.blocked, router]);

  if (!hasGrant(group, "connection.protocol.manage")) return null;
  return (
    <div className="grid gap-2">
      <Button variant="outline" className="w-full sm:w-fit" onClick={start} disabled={pending}>
        {pending ? <LoaderCircle aria-hidden className="animate-spin" /> : <FlaskConical aria-hidden />}
        {label}
        <ExternalLink aria-hidden />
        <span className="sr-only"> (opens a new tab)</span>
      </Button>
      {error && <FormMessage tone="error">{error.message}</FormMessage>}
      {started?.blocked && next && (
        <p className="text-sm">
          Your browser blocked the new tab.{" "}
          <a href={started.url} target="_blank" rel="noopener noreferrer" className="text-primary font-medium underline-offset-4 hover:underline">
            Open the sign-in page
          </a>
          , then{" "}
          <Link href={next} className="text-primary font-medium underline-offset-4 hover:underline">
            follow the test
          </Link>
          .
        </p>
      )}
    </div>
  );
}

function StatusBadge({ status }: { status: TestSignIn["status"] }) {
  const { icon, label, className }: { icon: ReactNode; label: string; className: string } =
    status === "succeeded"
      ? {
          icon: <CircleCheck aria-hidden />,
          label: "Succeeded",
          className: "border-transparent bg-emerald-50 text-emerald-700 dark:bg-emerald-500/15 dark:text-emerald-300",
        }
      : status === "failed"
        ? { icon: <CircleX aria-hidden />, label: "Failed", className: "border-transparent bg-red-50 text-red-700 dark:bg-red-500/15 dark:text-red-300" }
        : { icon: <Clock aria-hidden />, label: "Waiting", className: "border-transparent bg-amber-50 text-amber-800 dark:bg-amber-500/15 dark:text-amber-300" };
  return (
    <Badge data-testid="test-status" className={className}>
      {icon}
      {label}
    </Badge>
  );
}

function TestNotFound() {
  return (
    <Card data-testid="test-not-found">
      <CardHeader>
        <SearchX aria-hidden className="text-muted-foreground mb-1 size-6" />
        <CardTitle as="h2">Test sign-in not found</CardTitle>
        <CardDescription>The link may be wrong, or the test belongs to another connection.</CardDescription>
      </CardHeader>
    </Card>
  );
}
