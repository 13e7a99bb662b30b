"use client";

import { useEffect, useId, useState, type FormEvent } from "react";
import { useConsoleAction } from "@/components/console/use-action-state";

export type FieldErrors<Draft> = Partial<Record<keyof Draft & string, string>>;

export type ParsedDraft<Draft, Payload> = { ok: true; payload: Payload } | { ok: false; errors: FieldErrors<Draft> };

type SettingsFormOptions<Saved, Draft extends object, Payload> = {
  /** The saved settings, live (`null` before the first save). */
  saved: Saved | null;
  /** The settings as a form; its fields in the form's order. */
  toDraft: (saved: Saved | null) => Draft;
  /** A comparable form of a draft: equal fingerprints mean nothing to save. */
  fingerprint: (draft: Draft) => string;
  /** What a save changes that the draft doesn't show (e.g. whether a secret is stored), as a comparable string. */
  hidden?: (saved: Saved | null) => string;
  /** The draft checked: the payload to send, or a message per field. */
  parse: (draft: Draft) => ParsedDraft<Draft, Payload>;
  send: (payload: Payload) => Promise<Saved>;
  canManage: boolean;
  /** Told whenever the form starts or stops having unsaved changes (the status cards say to save first). */
  onDirtyChange: (dirty: boolean) => void;
  /** Before focus moves to a field with a problem (e.g. to open the section it is in). */
  onProblemAt?: (field: keyof Draft & string) => void;
  /** The field a refused save is about (the server's message names it), to mark it as well. */
  fieldOfError?: (error: { code: string; message: string }, draft: Draft) => { field: keyof Draft & string; message: string } | null;
};

/**
 * A protocol settings form's state: the working copy, per-field problems,
 * "unsaved changes", saving (checked first, then sent) and what happens when
 * the stored settings change meanwhile: an untouched form follows them, edits
 * are kept with a warning that saving overwrites the other change.
 */
export function useSettingsForm<Saved, Draft extends object, Payload>(options: SettingsFormOptions<Saved, Draft, Payload>) {
  const { saved, toDraft, fingerprint, hidden, parse, send, canManage, onDirtyChange, onProblemAt, fieldOfError } = options;
  type Field = keyof Draft & string;
  const [draft, setDraft] = useState<Draft>(() => toDraft(saved));
  const [base, setBase] = useState<Saved | null>(saved);
  const [errors, setErrors] = useState<FieldErrors<Draft>>({});
  const [savedNotice, setSavedNotice] = useState(false);
  const [changedElsewhere, setChangedElsewhere] = useState(false);
  const { pending, error, run, reset } = useConsoleAction();
  const formId = useId();
  const fieldId = (field: Field) => `${formId}-${field}`;

  const version = (settings: Saved | null) => `${fingerprint(toDraft(settings))}\n${hidden?.(settings) ?? ""}`;
  const draftPrint = fingerprint(draft);
  // The stored settings changed. Our own save lands here too, just before its promise resolves.
  if (version(saved) !== version(base)) {
    setBase(saved);
    if (pending || draftPrint === fingerprint(toDraft(base))) setDraft(toDraft(saved));
    else setChangedElsewhere(true);
  }
  const dirty = draftPrint !== fingerprint(toDraft(saved));

  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);

  function change(patch: Partial<Draft>) {
    setDraft((current) => ({ ...current, ...patch }));
    setErrors((current) => {
      const next = { ...current };
      for (const field of Object.keys(patch) as Field[]) delete next[field];
      return next;
    });
    setSavedNotice(false);
    reset();
  }

  function discard() {
    setDraft(toDraft(saved));
    setErrors({});
    setChangedElsewhere(false);
    setSavedNotice(false);
    reset();
  }

  function focusProblem(problems: FieldErrors<Draft>) {
    // A draft's fields are in the form's order.
    const first = (Object.keys(draft) as Field[]).find((field) => problems[field]);
    if (!first) return;
    onProblemAt?.(first);
    // After the re-render that may open the section the field is in; centred, so the pinned save bar doesn't cover it.
    requestAnimationFrame(() => {
      const element = document.getElementById(fieldId(first));
      element?.focus({ preventScroll: true });
      element?.scrollIntoView({ block: "center" });
    });
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!canManage || pending) return;
    setSavedNotice(false);
    const parsed = parse(draft);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      focusProblem(parsed.errors);
      return;
    }
    setErrors({});
    const outcome = await run(() => send(parsed.payload));
    if (outcome.ok) {
      setBase(outcome.value);
      setDraft(toDraft(outcome.value));
      setChangedElsewhere(false);
      setSavedNotice(true);
      return;
    }
    const named = fieldOfError?.(outcome, draft);
    if (named) {
      const problems = { [named.field]: named.message } as FieldErrors<Draft>;
      setErrors(problems);
      focusProblem(problems);
    }
  }

  return {
    draft,
    errors,
    change,
    discard,
    submit,
    fieldId,
    dirty,
    changedElsewhere,
    savedNotice,
    pending,
    error,
    problemCount: Object.keys(errors).length,
  };
}

export type SettingsForm<Draft extends object> = Pick<
  ReturnType<typeof useSettingsForm<unknown, Draft, unknown>>,
  "draft" | "errors" | "change" | "fieldId"
>;
