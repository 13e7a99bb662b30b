import type { ComponentProps } from "react";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";

type SelectFieldProps = ComponentProps<typeof Select> & { id: string; label: string; hint: string };

/** A labelled native select with its hint wired up, like TextField. */
export function SelectField({ id, label, hint, children, ...props }: SelectFieldProps) {
  return (
    <div className="grid content-start gap-2">
      <Label htmlFor={id}>{label}</Label>
      <Select id={id} aria-describedby={`${id}-hint`} {...props}>
        {children}
      </Select>
      <p id={`${id}-hint`} className="text-muted-foreground text-xs">
        {hint}
      </p>
    </div>
  );
}
