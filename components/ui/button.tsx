import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

const variantClasses = {
  primary: "bg-primary text-primary-foreground shadow-sm hover:bg-primary-hover",
  outline: "border bg-background hover:bg-muted",
} as const;

const sizeClasses = {
  sm: "h-8 px-3 text-sm",
  md: "h-10 px-4 text-sm",
} as const;

type ButtonVariantOptions = {
  variant?: keyof typeof variantClasses;
  size?: keyof typeof sizeClasses;
  className?: string;
};

/** Button styling on its own, so links (e.g. `next/link`) can look like buttons without nesting a <button>. */
export function buttonVariants({ variant = "primary", size = "md", className }: ButtonVariantOptions = {}): string {
  return cn(
    "inline-flex shrink-0 items-center justify-center gap-2 rounded-md font-medium whitespace-nowrap transition-colors",
    "focus-visible:ring-ring focus-visible:ring-offset-background focus-visible:ring-2 focus-visible:ring-offset-2 focus-visible:outline-none",
    "disabled:pointer-events-none disabled:opacity-50 [&_svg]:size-4 [&_svg]:shrink-0",
    variantClasses[variant],
    sizeClasses[size],
    className,
  );
}

export type ButtonProps = ComponentProps<"button"> & Omit<ButtonVariantOptions, "className">;

export function Button({ variant, size, className, type = "button", ...props }: ButtonProps) {
  return <button type={type} className={buttonVariants({ variant, size, className })} {...props} />;
}
