import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

const variantClasses = {
  accent: "bg-accent-subtle text-accent-subtle-foreground border-transparent",
  muted: "bg-muted text-muted-foreground border-transparent",
  outline: "text-foreground",
} as const;

export type BadgeVariant = keyof typeof variantClasses;

type BadgeProps = ComponentProps<"span"> & { variant?: BadgeVariant };

/** A small label: a role, a status, a "you" marker. */
export function Badge({ variant = "muted", className, ...props }: BadgeProps) {
  return (
    <span
      className={cn(
        "inline-flex w-fit shrink-0 items-center gap-1 rounded-full border px-2 py-0.5 text-xs font-medium whitespace-nowrap",
        "[&_svg]:size-3 [&_svg]:shrink-0",
        variantClasses[variant],
        className,
      )}
      {...props}
    />
  );
}
