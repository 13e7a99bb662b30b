import { CircleCheck } from "lucide-react";
import type { SetupScope } from "@/convex/engine/setupScope";
import { cn } from "@/lib/cn";
import { SCOPE_LABELS } from "./scopes";

type StepNavProps = {
  steps: ReadonlyArray<{ scope: SetupScope; done: boolean }>;
  current: SetupScope;
  onSelect: (scope: SetupScope) => void;
};

/** The link's steps in order, each done or not; any can be opened (they don't depend on each other). */
export function StepNav({ steps, current, onSelect }: StepNavProps) {
  return (
    <nav aria-label="Set-up steps">
      <ol className="grid gap-2 sm:auto-cols-fr sm:grid-flow-col">
        {steps.map((step, index) => {
          const selected = step.scope === current;
          return (
            <li key={step.scope}>
              <button
                type="button"
                data-testid="setup-step"
                data-step={step.scope}
                data-done={step.done}
                aria-current={selected ? "step" : undefined}
                onClick={() => onSelect(step.scope)}
                className={cn(
                  "bg-background flex w-full items-center gap-3 rounded-lg border px-3 py-2.5 text-left text-sm transition-colors",
                  "hover:bg-muted/60 focus-visible:ring-ring focus-visible:ring-2 focus-visible:outline-none",
                  selected && "border-primary ring-primary/20 ring-2",
                )}
              >
                <span
                  aria-hidden
                  className={cn(
                    "flex size-7 shrink-0 items-center justify-center rounded-full text-xs font-semibold",
                    step.done ? "bg-emerald-50 text-emerald-700 dark:bg-emerald-500/15 dark:text-emerald-300" : selected ? "bg-primary text-primary-foreground" : "bg-muted text-muted-foreground",
                  )}
                >
                  {step.done ? <CircleCheck className="size-4" /> : index + 1}
                </span>
                <span className="grid min-w-0">
                  <span className="truncate font-medium">{SCOPE_LABELS[step.scope]}</span>
                  <span className={cn("text-xs", step.done ? "text-emerald-700 dark:text-emerald-400" : "text-muted-foreground")}>
                    {step.done ? "Done" : "To do"}
                  </span>
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
