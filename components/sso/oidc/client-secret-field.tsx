"use client";

import { KeyRound, RotateCcw } from "lucide-react";
import { TextField } from "@/components/console/text-field";
import { ghostButton } from "@/components/console/button-styles";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { cn } from "@/lib/cn";

type ClientSecretFieldProps = {
  id: string;
  /** A secret is stored: it can be kept or replaced, never shown. */
  hasSecret: boolean;
  mode: "keep" | "set";
  value: string;
  error?: string;
  disabled: boolean;
  onModeChange: (mode: "keep" | "set") => void;
  onChange: (value: string) => void;
};

/**
 * The client secret, write-only: the server never returns it. With one saved,
 * the field says so and offers "Replace"; otherwise it is a password input.
 */
export function ClientSecretField({ id, hasSecret, mode, value, error, disabled, onModeChange, onChange }: ClientSecretFieldProps) {
  if (hasSecret && mode === "keep") {
    return (
      <div className="grid gap-2">
        <Label id={`${id}-label`}>Client secret</Label>
        <div
          role="group"
          aria-labelledby={`${id}-label`}
          className="bg-muted/40 flex flex-wrap items-center justify-between gap-2 rounded-md border px-3 py-2"
        >
          <p data-testid="secret-saved" className="flex items-center gap-2 text-sm">
            <KeyRound aria-hidden className="text-muted-foreground size-4" />
            A secret is saved
          </p>
          <Button
            id={id}
            variant="outline"
            size="sm"
            disabled={disabled}
            onClick={() => {
              onModeChange("set");
              // After the input replaces this row.
              requestAnimationFrame(() => document.getElementById(id)?.focus());
            }}
          >
            Replace
            <span className="sr-only"> the client secret</span>
          </Button>
        </div>
        <p className="text-muted-foreground text-xs">Stored encrypted and never shown again. Replace it when you rotate it at your identity provider.</p>
      </div>
    );
  }

  return (
    <div className="grid gap-1">
      <TextField
        id={id}
        label={hasSecret ? "New client secret" : "Client secret"}
        type="password"
        autoComplete="off"
        spellCheck={false}
        autoCapitalize="none"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        error={error}
        hint={
          hasSecret
            ? "Replaces the saved secret when you save."
            : "Stored encrypted; after saving it is never shown again."
        }
        disabled={disabled}
      />
      {hasSecret && (
        <Button
          variant="outline"
          size="sm"
          className={cn(ghostButton, "text-muted-foreground -ml-2 w-fit")}
          disabled={disabled}
          onClick={() => {
            onChange("");
            onModeChange("keep");
            requestAnimationFrame(() => document.getElementById(id)?.focus());
          }}
        >
          <RotateCcw aria-hidden />
          Keep the saved secret
        </Button>
      )}
    </div>
  );
}
