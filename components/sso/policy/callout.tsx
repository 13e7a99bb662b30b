import { CircleAlert, Info, TriangleAlert } from "lucide-react";
import type { ReactNode } from "react";
import { cn } from "@/lib/cn";

const TONES = {
  info: { icon: Info, className: "border-border bg-muted/60 text-foreground [&_svg]:text-muted-foreground" },
  warning: {
    icon: TriangleAlert,
    className:
      "border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-500/40 dark:bg-amber-500/10 dark:text-amber-100 [&_svg]:text-amber-600 dark:[&_svg]:text-amber-400",
  },
  danger: {
    icon: CircleAlert,
    className: "border-destructive/40 bg-destructive/5 text-foreground [&_svg]:text-destructive",
  },
} as const;

type CalloutProps = {
  tone: keyof typeof TONES;
  title?: ReactNode;
  children: ReactNode;
  className?: string;
  id?: string;
  /** Announce it (e.g. a warning that appears after a toggle). */
  live?: boolean;
};

/** A boxed note next to a setting: what it means, or what could go wrong. */
export function Callout({ tone, title, children, className, id, live }: CalloutProps) {
  const { icon: Icon, className: toneClassName } = TONES[tone];
  return (
    <div
      id={id}
      role={live ? "status" : undefined}
      className={cn("flex items-start gap-2.5 rounded-lg border px-3 py-2.5 text-sm", toneClassName, className)}
    >
      <Icon aria-hidden className="mt-0.5 size-4 shrink-0" />
      <div className="grid min-w-0 gap-0.5">
        {title && <p className="font-medium">{title}</p>}
        <div className={cn(title && "opacity-90")}>{children}</div>
      </div>
    </div>
  );
}
