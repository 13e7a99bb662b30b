"use client";

import { useId, type ReactNode } from "react";
import { cn } from "@/lib/cn";

export type Choice<Value extends string> = {
  value: Value;
  label: string;
  description: ReactNode;
  /** Marks the option as the risky one (a red hint when picked). */
  tone?: "danger";
  badge?: ReactNode;
};

type ChoiceGroupProps<Value extends string> = {
  legend: string;
  description?: ReactNode;
  name: string;
  value: Value;
  choices: ReadonlyArray<Choice<Value>>;
  onChange: (value: Value) => void;
  disabled?: boolean;
  /** Columns from `sm` up (options stack on phones). */
  columns?: 1 | 2 | 3;
};

/**
 * A radio group as selectable cards: a fieldset with a legend, each option a
 * native radio (arrow keys, form semantics) named by its label and described
 * by its explanation.
 */
export function ChoiceGroup<Value extends string>(props: ChoiceGroupProps<Value>) {
  const { legend, description, name, value, choices, onChange, disabled, columns = 1 } = props;
  const id = useId();
  return (
    <fieldset className="grid gap-3" disabled={disabled} aria-describedby={description ? `${id}-description` : undefined}>
      {/* The fieldset's first child, so it names the group (the grid gap doesn't apply to a legend). */}
      <legend className="mb-1 text-sm font-medium">{legend}</legend>
      {description && (
        <p id={`${id}-description`} className="text-muted-foreground text-sm">
          {description}
        </p>
      )}
      <div className={cn("grid gap-2", columns === 2 && "sm:grid-cols-2", columns === 3 && "sm:grid-cols-3")}>
        {choices.map((choice) => {
          const optionId = `${id}-${choice.value}`;
          const checked = choice.value === value;
          return (
            <label
              key={choice.value}
              htmlFor={optionId}
              className={cn(
                "bg-background relative flex cursor-pointer items-start gap-3 rounded-lg border p-3 transition-colors",
                "has-[:focus-visible]:ring-ring/40 has-[:focus-visible]:ring-3",
                "has-[:disabled]:cursor-not-allowed has-[:disabled]:opacity-70",
                checked
                  ? choice.tone === "danger"
                    ? "border-destructive/60 bg-destructive/5"
                    : "border-primary bg-accent-subtle/60"
                  : "hover:bg-muted/50",
              )}
            >
              <input
                id={optionId}
                type="radio"
                name={name}
                value={choice.value}
                checked={checked}
                onChange={() => onChange(choice.value)}
                aria-labelledby={`${optionId}-label`}
                aria-describedby={`${optionId}-description`}
                className={cn("accent-primary mt-0.5 size-4 shrink-0", choice.tone === "danger" && "accent-destructive")}
              />
              <span className="grid min-w-0 gap-0.5">
                <span id={`${optionId}-label`} className="flex flex-wrap items-center gap-2 text-sm font-medium">
                  {choice.label}
                  {choice.badge}
                </span>
                <span id={`${optionId}-description`} className="text-muted-foreground text-sm">
                  {choice.description}
                </span>
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
