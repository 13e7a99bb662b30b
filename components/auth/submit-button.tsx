import { LoaderCircle } from "lucide-react";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/cn";

/** The form's full-width submit button: disabled with a spinner while the form is submitting. */
type SubmitButtonProps = { pending: boolean; disabled?: boolean; children: ReactNode; className?: string };

export function SubmitButton({ pending, disabled, children, className }: SubmitButtonProps) {
  return (
    <Button type="submit" disabled={pending || disabled} aria-busy={pending || undefined} className={cn("w-full", className)}>
      {pending && <LoaderCircle aria-hidden className="animate-spin" />}
      {children}
    </Button>
  );
}
