"use client";

import { Check, Copy } from "lucide-react";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/cn";

const CONFIRMATION_MS = 2_000;

type CopyButtonProps = {
  value: string;
  /** What is copied, for the button's accessible name ("Copy {label}") and the confirmation. */
  label: string;
  /**
   * The id of a labelled field holding the value: the button is then named
   * just "Copy" and described by the field's label, so the label names the
   * field alone.
   */
  describedBy?: string;
  className?: string;
};

/**
 * Copies `value` to the clipboard and says so ("Copied", also announced) for a
 * moment. Where the clipboard is not available (an insecure origin, a denied
 * permission) it says that instead, so the text can be selected by hand.
 */
export function CopyButton({ value, label, describedBy, className }: CopyButtonProps) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), CONFIRMATION_MS);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      setState("failed");
    }
  }

  return (
    <span className={cn("inline-flex shrink-0 items-center gap-2", className)}>
      <span role="status" className={cn("text-xs", state === "failed" ? "text-destructive" : "sr-only")}>
        {state === "copied" ? `Copied ${label}` : state === "failed" ? "Couldn't copy; select the text instead." : ""}
      </span>
      <Button
        variant="outline"
        size="sm"
        onClick={copy}
        aria-label={describedBy ? "Copy" : `Copy ${label}`}
        aria-describedby={describedBy}
        className={cn(
          "h-7 gap-1.5 px-2 text-xs [&_svg]:size-3.5",
          state === "copied" &&
            "border-emerald-600/40 text-emerald-700 hover:bg-emerald-50 dark:text-emerald-400 dark:hover:bg-emerald-500/10",
        )}
      >
        {state === "copied" ? <Check aria-hidden /> : <Copy aria-hidden />}
        <span aria-hidden>{state === "copied" ? "Copied" : "Copy"}</span>
      </Button>
    </span>
  );
}
