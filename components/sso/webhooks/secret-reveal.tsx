"use client";

import { useId, type ReactNode } from "react";
import { CopyButton } from "@/components/sso/copy-button";
import { Callout } from "@/components/sso/policy/callout";
import { Label } from "@/components/ui/label";
import { cn } from "@/lib/cn";

type SecretRevealProps = {
  secret: string;
  /** What the secret is, as the field's label ("Signing secret", "SCIM token"). */
  label?: string;
  /** Where to keep it, and what to do if it gets lost. */
  hint?: ReactNode;
};

/** A secret (a webhook signing secret, a bearer token), shown the one time the server returns it, with a copy button and the reason to copy it now. */
export function SecretReveal({
  secret,
  label = "Signing secret",
  hint = "Store it where your receiver reads its configuration. If it gets lost, rotate the secret to get a new one.",
}: SecretRevealProps) {
  const id = useId();
  return (
    <div className="grid gap-4">
      <Callout tone="warning" title="Copy it now: it won't be shown again">
        {hint}
      </Callout>
      <div className="grid gap-2">
        <div className="flex items-center justify-between gap-2">
          <Label htmlFor={id}>{label}</Label>
          <CopyButton value={secret} label={label.toLowerCase()} />
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
