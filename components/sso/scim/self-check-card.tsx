"use client";

import { useAction } from "convex/react";
import { ArrowRight, CircleCheck, CircleX, FlaskConical } from "lucide-react";
import Link from "next/link";
import { useId, useState } from "react";
import { FormMessage } from "@/components/console/form-message";
import { useConsoleAction } from "@/components/console/use-action-state";
import { connectionHref } from "@/components/sso/labels";
import { PendingButton } from "@/components/sso/pending-button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { api } from "@/convex/_generated/api";
import { cn } from "@/lib/cn";
import { describeStatus, groupSteps, summarizeSteps, type StepGroup } from "./self-check";
import type { SelfCheckResult } from "./types";

type SelfCheckCardProps = { connectionId: string; enabled: boolean; canManage: boolean };

/**
 * "Run self-check": the server sends the requests Microsoft Entra ID and Okta
 * send when they provision to the live endpoint, with a short-lived token of
 * its own, and removes its test users afterwards. The outcome, step by step
 * and grouped by provider, is announced when it arrives.
 */
export function SelfCheckCard({ connectionId, enabled, canManage }: SelfCheckCardProps) {
  const runScimSelfCheck = useAction(api.auth.group.runScimSelfCheck);
  const { pending, error, run } = useConsoleAction();
  const [result, setResult] = useState<SelfCheckResult | null>(null);

  async function start() {
    const outcome = await run(() => runScimSelfCheck({ connectionId }));
    if (outcome.ok) setResult(outcome.value);
  }

  const summary = result ? summarizeSteps(result.steps) : null;
  return (
    <Card data-testid="scim-self-check" aria-busy={pending || undefined}>
      <CardHeader>
        <CardTitle as="h2">Self-check</CardTitle>
        <CardDescription>
          Sends the requests Microsoft Entra ID and Okta send when they provision to this endpoint, as they would. It creates temporary test users and a
          group on a verified domain and deletes them again; their operations show up in the log below.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {canManage && (
          <div className="grid gap-2">
            <PendingButton
              variant="outline"
              className="w-full sm:w-fit"
              onClick={start}
              disabled={!enabled}
              pending={pending}
              icon={FlaskConical}
              pendingLabel="Running…"
            >
              Run self-check
            </PendingButton>
            {!enabled && <p className="text-muted-foreground text-xs">Turn SCIM on first: a disabled endpoint refuses every request.</p>}
          </div>
        )}
        <div aria-live="polite" className="grid gap-3">
          {pending && <p className="text-muted-foreground text-sm">Sending the Entra ID and Okta requests… This takes a few seconds.</p>}
          {error && !pending && (
            <div className="grid gap-2">
              <FormMessage tone="error">{error.message}</FormMessage>
              {error.code === "NOT_READY" && (
                <Link
                  href={connectionHref(connectionId, "domains")}
                  className="text-primary inline-flex w-fit items-center gap-1 text-sm font-medium hover:underline"
                >
                  Domains
                  <ArrowRight aria-hidden className="size-4" />
                </Link>
              )}
            </div>
          )}
          {result && summary && !pending && (
            <div data-testid="scim-self-check-result" className="grid gap-4 border-t pt-4">
              <p className={cn("text-sm font-medium", summary.ok ? "text-emerald-700 dark:text-emerald-400" : "text-destructive")}>{summary.text}</p>
              {groupSteps(result.steps).map((group) => (
                <StepList key={group.idp} group={group} />
              ))}
            </div>
          )}
        </div>
      </CardContent>
    </Card>
  );
}

function StepList({ group }: { group: StepGroup }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} data-testid="scim-self-check-group" data-idp={group.idp} className="grid gap-2">
      <h3 id={headingId} className="flex flex-wrap items-baseline justify-between gap-x-2 text-sm font-semibold">
        {group.name}
        <span className={cn("text-xs font-normal", group.failed > 0 ? "text-destructive" : "text-muted-foreground")}>
          {group.failed > 0 ? `${group.failed} failed` : "All passed"}
        </span>
      </h3>
      <ol className="divide-y rounded-lg border text-sm">
        {group.steps.map((step, index) => (
          <li key={`${index}-${step.name}`} data-testid="scim-self-check-step" data-ok={step.ok} className="flex items-start gap-2 px-3 py-2">
            {step.ok ? (
              <CircleCheck aria-hidden className="mt-0.5 size-4 shrink-0 text-emerald-600 dark:text-emerald-400" />
            ) : (
              <CircleX aria-hidden className="text-destructive mt-0.5 size-4 shrink-0" />
            )}
            <div className="grid min-w-0 flex-1 gap-0.5">
              <p className="break-words">
                <span className="sr-only">{step.ok ? "Passed: " : "Failed: "}</span>
                {step.name}
              </p>
              {/* Passing steps say "as expected"; anything else is worth reading. */}
              {(!step.ok || step.detail !== "as expected") && (
                <p className={cn("text-xs break-words", step.ok ? "text-muted-foreground" : "text-destructive")}>{step.detail}</p>
              )}
            </div>
            <code className={cn("mt-0.5 shrink-0 font-mono text-xs", step.ok ? "text-muted-foreground" : "text-destructive")}>{describeStatus(step.status)}</code>
          </li>
        ))}
      </ol>
    </section>
  );
}
