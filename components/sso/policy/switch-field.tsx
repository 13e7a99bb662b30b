"use client";

import { useId, type ReactNode } from "react";
import { cn } from "@/lib/cn";

type SwitchFieldProps = {
  label: string;
  description?: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
  className?: string;
};

/**
 * An on/off setting: a native checkbox with the switch role (Space toggles,
 * screen readers say "switch, on"), its label and its explanation.
 */
export function SwitchField({ label, description, checked, onChange, disabled, className }: SwitchFieldProps) {
  const id = useId();
  return (
    <div className={cn("flex items-start justify-between gap-4", className)}>
      <div className="grid min-w-0 gap-1">
        <label htmlFor={id} className={cn("text-sm font-medium", disabled ? "cursor-not-allowed opacity-70" : "cursor-pointer")}>
          {label}
        </label>
        {description && (
          <p id={`${id}-description`} className={cn("text-muted-foreground text-sm", disabled && "opacity-70")}>
            {description}
          </p>
        )}
      </div>
      <span className="relative mt-0.5 inline-flex h-6 w-11 shrink-0 items-center">
        <input
          id={id}
          type="checkbox"
          role="switch"
          checked={checked}
          disabled={disabled}
          onChange={(event) => onChange(event.target.checked)}
          aria-describedby={description ? `${id}-description` : undefined}
          className={cn(
            "peer absolute inset-0 cursor-pointer appearance-none rounded-full bg-zinc-300 transition-colors dark:bg-zinc-700",
            "checked:bg-primary focus-visible:ring-ring focus-visible:ring-offset-background focus-visible:ring-2 focus-visible:ring-offset-2 focus-visible:outline-none",
            "disabled:cursor-not-allowed disabled:opacity-50",
          )}
        />
        <span
          aria-hidden
          className="pointer-events-none absolute left-0.5 size-5 rounded-full bg-white shadow-sm transition-transform peer-checked:translate-x-5 peer-disabled:opacity-80"
        />
      </span>
    </div>
  );
}
