"use client";

import type { UseQueryResult } from "convex/react";
import { ArrowRight, CircleCheck, CircleX, Sparkles } from "lucide-react";
import Link from "next/link";
import { useId, type ReactNode } from "react";
import { QueryError } from "@/components/console/query-error";
import { ListSkeleton } from "@/components/console/skeleton";
import { connectionHref, PROTOCOL_LABELS } from "@/components/sso/labels";
import { protocolHref, testSignInCardHref } from "@/components/sso/protocol-links";
import { testSignInHref } from "@/components/sso/test-sign-in/links";
import type { Connection, ConnectionReadiness } from "@/components/sso/types";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/lib/cn";

type Check = ConnectionReadiness["checks"][number];

type ReadinessCardProps = {
  connection: Connection;
  readiness: UseQueryResult<ConnectionReadiness>;
  canManage: boolean;
};

/** The readiness checklist: each check done or not, with its detail, and the recommended next step. */
export function ReadinessCard({ connection, readiness, canManage }: ReadinessCardProps) {
  const headingId = useId();
  const checks = readiness.status === "success" ? readiness.data.checks : [];
  const done = checks.filter((check) => check.ok).length;

  return (
    <Card>
      <CardHeader className="gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="grid gap-1.5">
          <CardTitle as="h2" id={headingId}>
            Set-up checklist
          </CardTitle>
          <CardDescription>What this connection needs before people can sign in through it.</CardDescription>
        </div>
        {readiness.status === "success" && (
          <p
            data-testid="readiness-progress"
            className={cn(
              "w-fit shrink-0 rounded-full px-2.5 py-1 text-xs font-medium whitespace-nowrap",
              done === checks.length
                ? "bg-emerald-50 text-emerald-700 dark:bg-emerald-500/15 dark:text-emerald-300"
                : "bg-muted text-muted-foreground",
            )}
          >
            {done} of {checks.length} done
          </p>
        )}
      </CardHeader>
      <CardContent className="grid gap-5">
        {readiness.status === "pending" ? (
          <ListSkeleton label="Loading the checklist" rows={4} />
        ) : readiness.status === "error" ? (
          <QueryError error={readiness.error} what="the set-up checklist" />
        ) : (
          <>
            <NextStep connection={connection} readiness={readiness.data} canManage={canManage} />
            <ol aria-labelledby={headingId} className="divide-y">
              {readiness.data.checks.map((check) => (
                <CheckRow key={check.id} check={check} connection={connection} />
              ))}
            </ol>
          </>
        )}
      </CardContent>
    </Card>
  );
}

function CheckRow({ check, connection }: { check: Check; connection: Connection }) {
  const Icon = check.ok ? CircleCheck : CircleX;
  return (
    <li
      data-testid="readiness-check"
      data-check={check.id}
      data-ok={check.ok}
      // The action sits under the text on narrow screens and on its right from sm up.
      className="grid grid-cols-[1.25rem_minmax(0,1fr)] items-start gap-x-3 gap-y-2 py-3 first:pt-0 last:pb-0 sm:grid-cols-[1.25rem_minmax(0,1fr)_auto]"
    >
      <Icon
        aria-hidden
        className={cn("mt-0.5 size-5 shrink-0", check.ok ? "text-emerald-600 dark:text-emerald-400" : "text-muted-foreground/70")}
      />
      <div className="min-w-0">
        <p className="text-sm font-medium">
          <span className="sr-only">{check.ok ? "Done: " : "To do: "}</span>
          {check.label}
        </p>
        <p className="text-muted-foreground text-sm break-words">{check.detail}</p>
      </div>
      {!check.ok && <CheckAction check={check} connection={connection} />}
    </li>
  );
}

/** Where to go for a check that isn't done yet (the status card below handles activation). */
function CheckAction({ check, connection }: { check: Check; connection: Connection }) {
  const className = "col-start-2 w-fit sm:col-start-3";
  if (check.id === "protocol" || check.id === "tested") {
    const { connectionId, protocol } = connection;
    return (
      <Link
        href={check.id === "protocol" ? protocolHref(connectionId, protocol) : testSignInCardHref(connectionId, protocol)}
        className={buttonVariants({ variant: "outline", size: "sm", className })}
      >
        {check.id === "protocol" ? `Set up ${PROTOCOL_LABELS[protocol]}` : "Run a test sign-in"}
      </Link>
    );
  }
  if (check.id === "domain" || check.id === "domainVerified") {
    return (
      <Link href={connectionHref(connection.connectionId, "domains")} className={buttonVariants({ variant: "outline", size: "sm", className })}>
        {check.id === "domain" ? "Add a domain" : "Verify a domain"}
      </Link>
    );
  }
  return null;
}

/** The step the backend recommends, as a call to action. */
function NextStep({ connection, readiness, canManage }: { connection: Connection; readiness: ConnectionReadiness; canManage: boolean }) {
  const step = readiness.nextStep;
  if (!step) {
    return (
      <Callout tone="done" title="All set">
        Sign-in for this connection&apos;s verified domains goes through your identity provider.
      </Callout>
    );
  }
  const { connectionId, protocol } = connection;
  let action: ReactNode = null;
  if (step.id === "protocol") {
    action = (
      <Link href={protocolHref(connectionId, protocol)} className={buttonVariants({ size: "sm" })}>
        Set up {PROTOCOL_LABELS[protocol]}
        <ArrowRight aria-hidden />
      </Link>
    );
  } else if (step.id === "tested") {
    const failed = readiness.lastTest && !readiness.lastTest.ok ? readiness.lastTest : null;
    action = (
      <div className="flex flex-wrap gap-2">
        <Link href={testSignInCardHref(connectionId, protocol)} className={buttonVariants({ size: "sm" })}>
          Run a test sign-in
          <ArrowRight aria-hidden />
        </Link>
        {failed && (
          <Link href={testSignInHref(connectionId, failed.testId)} className={buttonVariants({ variant: "outline", size: "sm" })}>
            Open the failed test
          </Link>
        )}
      </div>
    );
  } else if (step.id === "domain" || step.id === "domainVerified") {
    action = (
      <Link href={connectionHref(connectionId, "domains")} className={buttonVariants({ size: "sm" })}>
        Go to Domains
        <ArrowRight aria-hidden />
      </Link>
    );
  } else if (step.id === "active" && canManage) {
    action = (
      <a href="#sign-in" className={buttonVariants({ size: "sm" })}>
        Activate it under Sign-in
        <ArrowRight aria-hidden />
      </a>
    );
  }
  return (
    <Callout tone="next" title="Next step">
      <p className="text-foreground">{step.label}</p>
      {action && <div className="mt-2 flex">{action}</div>}
    </Callout>
  );
}

function Callout({ tone, title, children }: { tone: "next" | "done"; title: string; children: ReactNode }) {
  const Icon = tone === "done" ? CircleCheck : Sparkles;
  return (
    <div
      data-testid="next-step"
      className={cn(
        "flex items-start gap-3 rounded-lg border p-4",
        tone === "done"
          ? "border-emerald-600/20 bg-emerald-50/60 dark:bg-emerald-500/10"
          : "border-primary/20 bg-accent-subtle/60",
      )}
    >
      <Icon
        aria-hidden
        className={cn("mt-0.5 size-5 shrink-0", tone === "done" ? "text-emerald-600 dark:text-emerald-400" : "text-primary")}
      />
      <div className="grid min-w-0 gap-0.5 text-sm">
        <p className="font-semibold">{title}</p>
        <div className="text-muted-foreground">{children}</div>
      </div>
    </div>
  );
}
