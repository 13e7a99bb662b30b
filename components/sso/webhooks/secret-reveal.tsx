"use client";

import { useId } from "react";
import { CopyButton } from "@/components/sso/copy-button";
import { Callout } from "@/components/sso/policy/callout";
import { Label } from "@/components/ui/label";
import { cn } from "@/lib/cn";

/** A signing secret, shown the one time the server returns it, with a copy button and the reason to copy it now. */
export function SecretReveal({ secret }: { secret: string }) {
  const id = useId();
  return (
    <div className="grid gap-4">
      <Callout tone="warning" title="Copy it now: it won't be shown again">
        Store it where your receiver reads its configuration. If it gets lost, rotate the secret to get a new one.
      </Callout>
      <div className="grid gap-2">
        <div className="flex items-center justify-between gap-2">
          <Label htmlFor={id}>Signing secret</Label>
          <CopyButton value={secret} label="signing secret" />
        </div>
        {/* A read-only textarea: the whole secret wraps into view on a phone, and selects in one go. */}
        <textarea
          id={id}
          readOnly
          value={secret}
          rows={1}
          spellCheck={false}
          autoComplete="off"
          onFocus={(event) => event.currentTarget.select()}
          className={cn(
            "bg-background w-full resize-none rounded-md border px-3 py-2 font-mono text-xs leading-relaxed break-all shadow-xs field-sizing-content",
            "focus-visible:border-ring focus-visible:ring-ring/30 focus-visible:ring-3 focus-visible:outline-none",
          )}
        />
      </div>
    </div>
  );
}
