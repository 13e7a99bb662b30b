import { CircleCheck, CircleX, TriangleAlert } from "lucide-react";
import { cn } from "@/lib/cn";
import type { ValidationCheck } from "./types";

/** How a validation run reads at a glance. */
export function summarizeChecks(checks: readonly ValidationCheck[]): { tone: "ok" | "warning" | "error"; text: string } {
  const errors = checks.filter((check) => !check.ok && check.severity === "error").length;
  const warnings = checks.filter((check) => !check.ok && check.severity === "warning").length;
  if (errors > 0) return { tone: "error", text: `${errors} ${errors === 1 ? "problem" : "problems"} to fix` };
  if (warnings > 0) return { tone: "warning", text: `Works, with ${warnings} ${warnings === 1 ? "warning" : "warnings"}` };
  return { tone: "ok", text: "All checks passed" };
}

/** A validation run's checks, each with an icon and a word for its outcome (not colour alone). */
export function CheckList({ checks, testIdPrefix }: { checks: readonly ValidationCheck[]; /** "oidc", "saml": for the test ids. */ testIdPrefix: string }) {
  return (
    <ul className="grid gap-2 text-sm" data-testid={`${testIdPrefix}-checks`}>
      {checks.map((check) => {
        const outcome = check.ok ? "ok" : check.severity;
        const Icon = outcome === "ok" ? CircleCheck : outcome === "warning" ? TriangleAlert : CircleX;
        return (
          <li key={check.id} data-testid={`${testIdPrefix}-check`} data-check={check.id} data-outcome={outcome} className="flex items-start gap-2">
            <Icon
              aria-hidden
              className={cn(
                "mt-0.5 size-4 shrink-0",
                outcome === "ok" && "text-emerald-600 dark:text-emerald-400",
                outcome === "warning" && "text-amber-600 dark:text-amber-400",
                outcome === "error" && "text-destructive",
              )}
            />
            <span className={cn("min-w-0 break-words", outcome === "ok" && "text-muted-foreground")}>
              <span className="sr-only">{outcome === "ok" ? "Passed: " : outcome === "warning" ? "Warning: " : "Error: "}</span>
              {check.message}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
