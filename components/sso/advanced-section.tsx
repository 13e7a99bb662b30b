"use client";

import { ChevronRight } from "lucide-react";
import type { ReactNode } from "react";
import { cn } from "@/lib/cn";

type AdvancedSectionProps = {
  /** What is inside, after the title on wider screens: "discovery, token checks, claim mapping". */
  summary: string;
  /** How many fields inside have a problem: said on the closed section. */
  problems: number;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  children: ReactNode;
};

/** "Advanced settings", folded (a native <details>): the defaults suit most set-ups. */
export function AdvancedSection({ summary, problems, open, onOpenChange, children }: AdvancedSectionProps) {
  return (
    <details
      open={open}
      onToggle={(event) => onOpenChange(event.currentTarget.open)}
      className="group rounded-lg border"
      data-testid="advanced-settings"
    >
      <summary
        className={cn(
          "flex cursor-pointer list-none items-center gap-2 rounded-lg px-4 py-3 text-sm font-medium select-none [&::-webkit-details-marker]:hidden",
          "hover:bg-muted/50 focus-visible:ring-ring focus-visible:ring-2 focus-visible:outline-none",
        )}
      >
        <ChevronRight aria-hidden className="text-muted-foreground size-4 transition-transform group-open:rotate-90" />
        Advanced settings
        <span className="text-muted-foreground hidden font-normal sm:inline">· {summary}</span>
        {problems > 0 && !open && (
          <span className="text-destructive ml-auto text-xs font-medium">
            {problems} {problems === 1 ? "problem" : "problems"}
          </span>
        )}
      </summary>
      <div className="grid gap-8 border-t px-4 py-5">{children}</div>
    </details>
  );
}

/** A titled group of settings inside a card or the advanced section. */
export function SettingsGroup({ title, description, children }: { title: string; description?: ReactNode; children: ReactNode }) {
  return (
    <section className="grid gap-4">
      <div className="grid gap-1">
        <h3 className="text-sm font-semibold">{title}</h3>
        {description && <p className="text-muted-foreground text-sm">{description}</p>}
      </div>
      {children}
    </section>
  );
}
