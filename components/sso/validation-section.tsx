"use client";

import { LoaderCircle, SearchCheck } from "lucide-react";
import { useState } from "react";
import { FormMessage } from "@/components/console/form-message";
import { useConsoleAction } from "@/components/console/use-action-state";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/cn";
import { CheckList, summarizeChecks } from "./check-list";
import type { ValidationRun } from "./types";

/**
 * "Validate" for a protocol's saved settings (validateOidc, validateSaml):
 * the run this tab started shows until the stored one (live, in the status
 * query) is at least as recent, so a run started elsewhere shows too.
 */
export function useValidationRun(stored: ValidationRun | null, validate: () => Promise<ValidationRun>) {
  const { pending, error, run } = useConsoleAction();
  const [ownRun, setOwnRun] = useState<ValidationRun | null>(null);
  const validation = ownRun && (!stored || ownRun.time > stored.time) ? ownRun : stored;

  async function start() {
    const outcome = await run(validate);
    if (outcome.ok) setOwnRun(outcome.value);
  }

  return { validation, pending, error, start };
}

export type ValidationRunState = ReturnType<typeof useValidationRun>;

type ValidationSectionProps = {
  run: ValidationRunState;
  configured: boolean;
  canManage: boolean;
  /** The form has unsaved edits: validation checks the saved settings. */
  dirty: boolean;
  /** What the server does meanwhile, e.g. "Fetching the discovery document and keys…". */
  pendingText: string;
  /** "oidc", "saml": for the test ids. */
  testIdPrefix: string;
};

/** The Validate button (for managers), and the last run's outcome, check by check, announced as it arrives. */
export function ValidationSection({ run, configured, canManage, dirty, pendingText, testIdPrefix }: ValidationSectionProps) {
  const { validation, pending, error, start } = run;
  const summary = validation ? summarizeChecks(validation.checks) : null;
  return (
    <>
      {canManage && (
        <div className="grid gap-2">
          <Button variant="outline" className="w-full sm:w-fit" onClick={start} disabled={pending || !configured} aria-busy={pending || undefined}>
            {pending ? <LoaderCircle aria-hidden className="animate-spin" /> : <SearchCheck aria-hidden />}
            {pending ? "Validating…" : "Validate"}
          </Button>
          {!configured ? (
            <p className="text-muted-foreground text-xs">Save the settings first.</p>
          ) : dirty ? (
            <p className="text-muted-foreground text-xs">Checks the saved settings, not your unsaved changes.</p>
          ) : null}
        </div>
      )}

      <div aria-live="polite" className="grid gap-3">
        {pending && <p className="text-muted-foreground text-sm">{pendingText}</p>}
        {error && <FormMessage tone="error">{error.message}</FormMessage>}
        {validation && summary && !pending && (
          <div data-testid={`${testIdPrefix}-validation`} className="grid gap-2 border-t pt-4">
            <p
              data-testid={`${testIdPrefix}-validation-summary`}
              className={cn(
                "text-sm font-medium",
                summary.tone === "error" && "text-destructive",
                summary.tone === "warning" && "text-amber-700 dark:text-amber-300",
                summary.tone === "ok" && "text-emerald-700 dark:text-emerald-400",
              )}
            >
              {summary.text}
            </p>
            <CheckList checks={validation.checks} testIdPrefix={testIdPrefix} />
          </div>
        )}
      </div>
    </>
  );
}
