import { useId, type ComponentProps } from "react";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { cn } from "@/lib/cn";

type TextFieldProps = ComponentProps<typeof Input> & {
  label: string;
  /** Shown under the input and announced with it (aria-describedby); marks the input invalid. */
  error?: string | null;
  hint?: string;
  /** Visually hide the label (it still names the input). */
  hideLabel?: boolean;
  wrapperClassName?: string;
};

/** A labelled input with its hint and error wired up for assistive technology. */
export function TextField({ label, error, hint, hideLabel, wrapperClassName, id: givenId, ...inputProps }: TextFieldProps) {
  const generatedId = useId();
  const id = givenId ?? generatedId;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={cn("grid gap-2", wrapperClassName)}>
      <Label htmlFor={id} className={cn(hideLabel && "sr-only")}>
        {label}
      </Label>
      <Input id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...inputProps} />
      {hint && !error && (
        <p id={hintId} className="text-muted-foreground text-xs">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="text-destructive text-sm">
          {error}
        </p>
      )}
    </div>
  );
}
