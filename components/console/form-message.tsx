import { CircleAlert, CircleCheck } from "lucide-react";
import type { ReactNode } from "react";
import { cn } from "@/lib/cn";

type FormMessageProps = {
  tone: "error" | "success";
  children: ReactNode;
  id?: string;
  className?: string;
};

/**
 * The outcome of an action, shown next to the control that ran it. Errors are
 * alerts (announced at once); successes are polite status messages.
 */
export function FormMessage({ tone, children, id, className }: FormMessageProps) {
  const Icon = tone === "error" ? CircleAlert : CircleCheck;
  return (
    <p
      id={id}
      role={tone === "error" ? "alert" : "status"}
      className={cn(
        "flex items-start gap-1.5 text-sm",
        tone === "error" ? "text-destructive" : "text-emerald-700 dark:text-emerald-400",
        className,
      )}
    >
      <Icon aria-hidden className="mt-0.5 size-4 shrink-0" />
      <span>{children}</span>
    </p>
  );
}
