"use client";

import { LoaderCircle, Save, Undo2 } from "lucide-react";
import { FormAlert } from "@/components/auth/form-alert";
import { FormMessage } from "@/components/console/form-message";
import { Callout } from "@/components/sso/policy/callout";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/cn";
import type { SettingsForm } from "./use-settings-form";

/**
 * The parts every protocol settings form has around its fields: the notices
 * on top, the save bar at the bottom, and the props of a plain text field.
 */

/** Props for a TextField or LinesField bound to a draft's string field. */
export function textFieldBinder<Draft extends object>(form: SettingsForm<Draft>, disabled: boolean) {
  return (field: keyof Draft & string) => ({
    id: form.fieldId(field),
    name: field,
    value: form.draft[field] as string,
    error: form.errors[field],
    disabled,
    autoComplete: "off",
    autoCapitalize: "none",
    spellCheck: false,
    onChange: (event: { target: { value: string } }) => form.change({ [field]: event.target.value } as Partial<Draft>),
  });
}

/** Props for a SwitchField bound to a draft's boolean field. */
export function switchFieldBinder<Draft extends object>(form: SettingsForm<Draft>, disabled: boolean) {
  return (field: keyof Draft & string) => ({
    checked: form.draft[field] as boolean,
    onChange: (checked: boolean) => form.change({ [field]: checked } as Partial<Draft>),
    disabled,
  });
}

/** "Read-only" for people who can't change the settings; a warning when someone else saved meanwhile. */
export function SettingsNotices({ readOnly, changedElsewhere, onDiscard }: { readOnly: boolean; changedElsewhere: boolean; onDiscard: () => void }) {
  return (
    <>
      {readOnly && (
        <Callout tone="info" title="Read-only">
          Only admins and owners can change the identity provider settings.
        </Callout>
      )}
      {changedElsewhere && (
        <Callout tone="warning" title="Someone else saved these settings while you were editing" live>
          <p>Saving now replaces their version with yours.</p>
          <Button variant="outline" size="sm" className="mt-2" onClick={onDiscard}>
            <Undo2 aria-hidden />
            Discard my edits and load theirs
          </Button>
        </Callout>
      )}
    </>
  );
}

type SaveBarProps = {
  testId: string;
  dirty: boolean;
  pending: boolean;
  error: { message: string } | null;
  savedNotice: boolean;
  problemCount: number;
  /** Settings are saved already ("No unsaved changes" rather than "Nothing saved yet"). */
  hasSaved: boolean;
  onDiscard: () => void;
};

/**
 * Discard and Save, with what is going on: saved, problems to fix, unsaved
 * changes. Pinned to the bottom of the screen only while there is something
 * to save (or a failure to read).
 */
export function SaveBar({ testId, dirty, pending, error, savedNotice, problemCount, hasSaved, onDiscard }: SaveBarProps) {
  return (
    <div
      data-testid={testId}
      className={cn(
        "bg-card grid gap-3 rounded-xl border px-4 py-3",
        (dirty || error) &&
          "bg-background/95 sticky bottom-0 z-20 -mx-4 rounded-none border-x-0 border-b-0 backdrop-blur sm:bottom-4 sm:mx-0 sm:rounded-xl sm:border sm:shadow-lg",
      )}
    >
      {error && (
        <FormAlert>
          <span className="font-medium">Not saved. </span>
          {error.message}
        </FormAlert>
      )}
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <div className="min-w-0 text-sm" aria-live="polite">
          {savedNotice && !dirty ? (
            <FormMessage tone="success">Settings saved. Validate them, then run a test sign-in.</FormMessage>
          ) : problemCount > 0 ? (
            <p className="text-destructive">
              {problemCount === 1 ? "One field needs" : `${problemCount} fields need`} attention before saving.
            </p>
          ) : dirty ? (
            <p className="text-muted-foreground">
              <span className="text-foreground font-medium">Unsaved changes.</span> Sign-in keeps using the saved settings until you save.
            </p>
          ) : (
            <p className="text-muted-foreground">{hasSaved ? "No unsaved changes." : "Nothing saved yet."}</p>
          )}
        </div>
        <div className="flex shrink-0 gap-2">
          <Button variant="outline" onClick={onDiscard} disabled={!dirty || pending} className="flex-1 sm:flex-none">
            <Undo2 aria-hidden />
            Discard
          </Button>
          <Button type="submit" disabled={!dirty || pending} className="flex-1 sm:flex-none" aria-busy={pending || undefined}>
            {pending ? <LoaderCircle aria-hidden className="animate-spin" /> : <Save aria-hidden />}
            {pending ? "Saving…" : "Save settings"}
          </Button>
        </div>
      </div>
    </div>
  );
}
