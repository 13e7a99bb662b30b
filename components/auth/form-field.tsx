import { useId, type ComponentProps, type ReactNode } from "react";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

type FormFieldProps = ComponentProps<typeof Input> & {
  label: string;
  /** Guidance shown under the field while it has no error (e.g. the password rules). */
  hint?: ReactNode;
  error?: string;
  /** Something on the label's line, right-aligned (e.g. a "Change" button). */
  labelAside?: ReactNode;
};

/** A labelled input whose hint and error are announced with it (aria-describedby) and which marks itself invalid. */
export function FormField({ label, hint, error, labelAside, id: idProp, ...inputProps }: FormFieldProps) {
  const generatedId = useId();
  const id = idProp ?? generatedId;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = error ? errorId : hint ? hintId : undefined;
  return (
    <div className="grid gap-2">
      <div className="flex min-h-5 items-center justify-between gap-2">
        <Label htmlFor={id}>{label}</Label>
        {labelAside}
      </div>
      <Input id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...inputProps} />
      {error ? (
        <p id={errorId} className="text-destructive text-sm">
          {error}
        </p>
      ) : (
        hint && (
          <p id={hintId} className="text-muted-foreground text-xs">
            {hint}
          </p>
        )
      )}
    </div>
  );
}
