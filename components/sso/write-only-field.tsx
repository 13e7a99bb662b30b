"use client";

import { KeyRound, RotateCcw } from "lucide-react";
import { TextField } from "@/components/console/text-field";
import { ghostButton } from "@/components/console/button-styles";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { cn } from "@/lib/cn";
import { LinesField } from "./lines-field";

type WriteOnlyFieldProps = {
  id: string;
  /** "Client secret", "SP signing key". */
  label: string;
  /** "secret", "key": in "A secret is saved", "Keep the saved secret". */
  noun: string;
  /** One is stored: it can be kept or replaced, never shown. */
  saved: boolean;
  mode: "keep" | "set";
  value: string;
  error?: string;
  disabled: boolean;
  /** Under the saved one: where it is used, when to replace it. */
  savedHint: string;
  /** Under the input before anything is saved. */
  hint: string;
  /** A multi-line input (a PEM private key) rather than a password field. */
  multiline?: boolean;
  placeholder?: string;
  onModeChange: (mode: "keep" | "set") => void;
  onChange: (value: string) => void;
};

/**
 * A write-only secret (a client secret, a private key): the server never
 * returns it. With one saved, the field says so and offers "Replace";
 * otherwise it is an input (a password field, or a text area for a PEM key).
 */
export function WriteOnlyField(props: WriteOnlyFieldProps) {
  const { id, label, noun, saved, mode, value, error, disabled, savedHint, hint, multiline, placeholder, onModeChange, onChange } = props;
  const focusSoon = () => requestAnimationFrame(() => document.getElementById(id)?.focus());

  if (saved && mode === "keep") {
    return (
      <div className="grid gap-2">
        <Label id={`${id}-label`}>{label}</Label>
        <div
          role="group"
          aria-labelledby={`${id}-label`}
          className="bg-muted/40 flex flex-wrap items-center justify-between gap-2 rounded-md border px-3 py-2"
        >
          <p data-testid="secret-saved" className="flex items-center gap-2 text-sm">
            <KeyRound aria-hidden className="text-muted-foreground size-4" />A {noun} is saved
          </p>
          <Button
            id={id}
            variant="outline"
            size="sm"
            disabled={disabled}
            onClick={() => {
              onModeChange("set");
              // After the input replaces this row.
              focusSoon();
            }}
          >
            Replace
            <span className="sr-only"> the {inSentence(label)}</span>
          </Button>
        </div>
        <p className="text-muted-foreground text-xs">{savedHint}</p>
      </div>
    );
  }

  const inputLabel = saved ? `New ${inSentence(label)}` : label;
  const inputHint = saved ? `Replaces the saved ${noun} when you save.` : hint;
  return (
    <div className="grid gap-1">
      {multiline ? (
        <LinesField
          id={id}
          label={inputLabel}
          hint={inputHint}
          error={error}
          value={value}
          placeholder={placeholder}
          disabled={disabled}
          rows={4}
          className="max-h-48 overflow-auto"
          onChange={(event) => onChange(event.target.value)}
        />
      ) : (
        <TextField
          id={id}
          label={inputLabel}
          type="password"
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="none"
          placeholder={placeholder}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          error={error}
          hint={inputHint}
          disabled={disabled}
        />
      )}
      {saved && (
        <Button
          variant="outline"
          size="sm"
          className={cn(ghostButton, "text-muted-foreground -ml-2 w-fit")}
          disabled={disabled}
          onClick={() => {
            onChange("");
            onModeChange("keep");
            focusSoon();
          }}
        >
          <RotateCcw aria-hidden />
          Keep the saved {noun}
        </Button>
      )}
    </div>
  );
}

/** "Client secret" → "client secret"; an acronym ("SP signing key") stays. */
function inSentence(label: string): string {
  return /^[A-Z][a-z]/.test(label) ? `${label.charAt(0).toLowerCase()}${label.slice(1)}` : label;
}
