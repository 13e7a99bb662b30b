"use client";

import type { FunctionReturnType } from "convex/server";
import { CircleCheck, CircleX, LoaderCircle, TriangleAlert } from "lucide-react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { api } from "@/convex/_generated/api";
import { appError } from "@/lib/errors";

export type PolicyCheck = FunctionReturnType<typeof api.auth.group.validatePolicy>[number];

/** Failing errors block saving; failing warnings only inform. Passing checks are listed, folded away. */
export function splitChecks(checks: readonly PolicyCheck[]) {
  return {
    errors: checks.filter((check) => !check.ok && check.severity === "error"),
    warnings: checks.filter((check) => !check.ok && check.severity === "warning"),
    // A passing warning is a condition that doesn't apply; only passing requirements are worth listing.
    passed: checks.filter((check) => check.ok && check.severity === "error"),
  };
}

type PolicyChecksProps = {
  result: { status: "pending" } | { status: "error"; error: Error } | { status: "success"; data: PolicyCheck[] };
  /** The draft changed since the shown result was computed. */
  checking: boolean;
};

/** The server's verdict on the draft (validatePolicy), refreshed as it changes. */
export function PolicyChecks({ result, checking }: PolicyChecksProps) {
  const split = result.status === "success" ? splitChecks(result.data) : null;
  const summary =
    result.status === "pending"
      ? "Checking the policy…"
      : result.status === "error"
        ? `Couldn't check the policy: ${appError(result.error).code === "UNKNOWN" ? "try again in a moment." : appError(result.error).message}`
        : split!.errors.length > 0
          ? `${plural(split!.errors.length, "problem")} to fix before saving`
          : split!.warnings.length > 0
            ? `Can be saved, with ${plural(split!.warnings.length, "warning")}`
            : "No problems found";

  return (
    <Card data-testid="policy-checks" aria-busy={checking || result.status === "pending"}>
      <CardHeader className="gap-1 pb-4">
        <CardTitle as="h2" className="flex items-center justify-between gap-2 text-base">
          Policy checks
          {(checking || result.status === "pending") && (
            <LoaderCircle aria-hidden className="text-muted-foreground size-4 animate-spin" />
          )}
        </CardTitle>
        <CardDescription role="status" data-testid="policy-checks-summary">
          {summary}
        </CardDescription>
      </CardHeader>
      {split && (
        <CardContent className="grid gap-3">
          {(split.errors.length > 0 || split.warnings.length > 0) && (
            <ul className="grid gap-2 text-sm">
              {split.errors.map((check) => (
                <li key={check.id} data-testid="policy-check-error" className="text-destructive flex items-start gap-2">
                  <CircleX aria-hidden className="mt-0.5 size-4 shrink-0" />
                  <span>
                    <span className="sr-only">Error: </span>
                    {check.message}
                  </span>
                </li>
              ))}
              {split.warnings.map((check) => (
                <li key={check.id} data-testid="policy-check-warning" className="flex items-start gap-2">
                  <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-amber-600 dark:text-amber-400" />
                  <span>
                    <span className="sr-only">Warning: </span>
                    {check.message}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {split.passed.length > 0 && (
            <details className="group text-sm">
              <summary className="text-muted-foreground hover:text-foreground cursor-pointer rounded-sm select-none focus-visible:ring-ring focus-visible:ring-2 focus-visible:outline-none">
                {plural(split.passed.length, "check")} passed
              </summary>
              <ul className="mt-2 grid gap-2">
                {split.passed.map((check) => (
                  <li key={check.id} className="text-muted-foreground flex items-start gap-2">
                    <CircleCheck aria-hidden className="mt-0.5 size-4 shrink-0 text-emerald-600 dark:text-emerald-400" />
                    <span>{check.message}</span>
                  </li>
                ))}
              </ul>
            </details>
          )}
        </CardContent>
      )}
    </Card>
  );
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
