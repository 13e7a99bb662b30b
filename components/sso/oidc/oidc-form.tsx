"use client";

import { useMutation } from "convex/react";
import { LoaderCircle, Save, Undo2 } from "lucide-react";
import { useEffect, useId, useState, type FormEvent } from "react";
import { FormAlert } from "@/components/auth/form-alert";
import { FormMessage } from "@/components/console/form-message";
import { TextField } from "@/components/console/text-field";
import { useConsoleAction } from "@/components/console/use-action-state";
import { Callout } from "@/components/sso/policy/callout";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Form } from "@/components/ui/form";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { api } from "@/convex/_generated/api";
import { cn } from "@/lib/cn";
import { ADVANCED_FIELDS, AdvancedSettings } from "./advanced-settings";
import { ClientSecretField } from "./client-secret-field";
import {
  AUTH_METHOD_LABELS,
  AUTH_METHODS,
  draftFingerprint,
  parseOidcDraft,
  toDraft,
  type AuthMethod,
  type OidcDraft,
  type OidcField,
  type OidcFieldErrors,
} from "./oidc-form-schema";
import { TemplatePicker } from "./template-picker";
import { applyTemplate, detectTemplate, TEMPLATES_BY_ID, type TemplateId } from "./templates";
import type { OidcView } from "./types";

/** Form order, for moving focus to the first field with a problem. */
const FIELD_ORDER: readonly OidcField[] = [
  "issuer",
  "clientId",
  "clientSecret",
  "authMethod",
  "scopes",
  "discoveryUrl",
  "jwksUri",
  "audience",
  "clockTolerance",
  "authorizationParams",
  "subjectClaim",
  "emailClaim",
  "nameClaim",
  "groupsClaim",
  "rolesClaim",
  "extraFields",
];

type OidcFormProps = {
  connectionId: string;
  /** The saved settings, live (`null` before the first save). */
  saved: OidcView | null;
  canManage: boolean;
  /** Told whenever the form starts or stops having unsaved changes (the test card says to save first). */
  onDirtyChange: (dirty: boolean) => void;
};

/**
 * The identity provider's OpenID Connect settings as a guided form: a
 * provider template, the client's credentials, and the advanced settings
 * folded away. Checked with the form schema before `setOidc`; the server's
 * refusal (which names the field) shows above the save button.
 */
export function OidcForm({ connectionId, saved, canManage, onDirtyChange }: OidcFormProps) {
  const setOidc = useMutation(api.auth.group.setOidc);
  const [draft, setDraft] = useState<OidcDraft>(() => toDraft(saved));
  const [base, setBase] = useState<OidcView | null>(saved);
  const [template, setTemplate] = useState<TemplateId>(() => detectTemplate(saved?.discovery.issuer ?? ""));
  const [errors, setErrors] = useState<OidcFieldErrors>({});
  const [advancedOpen, setAdvancedOpen] = useState(false);
  const [savedNotice, setSavedNotice] = useState(false);
  const [changedElsewhere, setChangedElsewhere] = useState(false);
  const { pending, error, run, reset } = useConsoleAction();
  const formId = useId();
  const fieldId = (field: OidcField) => `${formId}-${field}`;

  const savedFingerprint = draftFingerprint(toDraft(saved));
  const baseFingerprint = draftFingerprint(toDraft(base));
  const draftPrint = draftFingerprint(draft);
  // The stored settings changed. Our own save lands here too, just before its promise resolves; an untouched
  // form follows; edits are kept, with a warning that saving overwrites the other change.
  if (savedFingerprint !== baseFingerprint || saved?.client.hasSecret !== base?.client.hasSecret) {
    setBase(saved);
    if (pending || draftPrint === baseFingerprint) setDraft(toDraft(saved));
    else setChangedElsewhere(true);
  }
  const dirty = draftPrint !== savedFingerprint;

  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);

  function change(patch: Partial<OidcDraft>) {
    setDraft((current) => ({ ...current, ...patch }));
    setErrors((current) => {
      const next = { ...current };
      for (const field of Object.keys(patch) as OidcField[]) delete next[field];
      return next;
    });
    setSavedNotice(false);
    reset();
  }

  function pickTemplate(id: TemplateId) {
    setTemplate(id);
    const next = applyTemplate(draft, TEMPLATES_BY_ID[id]);
    change(next);
  }

  function discard() {
    setDraft(toDraft(saved));
    setErrors({});
    setChangedElsewhere(false);
    setSavedNotice(false);
    reset();
  }

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!canManage || pending) return;
    setSavedNotice(false);
    const parsed = parseOidcDraft(draft);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      const first = FIELD_ORDER.find((field) => parsed.errors[field]);
      if (first && ADVANCED_FIELDS.has(first)) setAdvancedOpen(true);
      // After the re-render that opens the advanced section.
      if (first) requestAnimationFrame(() => document.getElementById(fieldId(first))?.focus());
      return;
    }
    setErrors({});
    const outcome = await run(() => setOidc({ connectionId, ...parsed.payload }));
    if (outcome.ok) {
      setBase(outcome.value);
      setDraft(toDraft(outcome.value));
      setChangedElsewhere(false);
      setSavedNotice(true);
    }
  }

  const readOnly = !canManage;
  const hasSecret = saved?.client.hasSecret ?? false;
  const current = TEMPLATES_BY_ID[template];
  const problemCount = Object.keys(errors).length;

  return (
    <Form onSubmit={save} aria-label="OpenID Connect settings" className="grid gap-6" disabled={readOnly}>
      {readOnly && (
        <Callout tone="info" title="Read-only">
          Only admins and owners can change the identity provider settings.
        </Callout>
      )}
      {changedElsewhere && (
        <Callout tone="warning" title="Someone else saved these settings while you were editing" live>
          <p>Saving now replaces their version with yours.</p>
          <Button variant="outline" size="sm" className="mt-2" onClick={discard}>
            <Undo2 aria-hidden />
            Discard my edits and load theirs
          </Button>
        </Callout>
      )}

      <Card>
        <CardHeader>
          <CardTitle as="h2">Identity provider</CardTitle>
          <CardDescription>Where your people sign in. Create an application there first; the steps say how.</CardDescription>
        </CardHeader>
        <CardContent>
          <TemplatePicker value={template} onChange={pickTemplate} disabled={readOnly} />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle as="h2">Client</CardTitle>
          <CardDescription>The application you registered at {current.id === "generic" ? "your identity provider" : current.name}.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-5">
          <TextField
            id={fieldId("issuer")}
            label="Issuer URL"
            name="issuer"
            type="url"
            inputMode="url"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            placeholder={current.issuer.pattern}
            hint={current.issuer.hint}
            value={draft.issuer}
            onChange={(event) => change({ issuer: event.target.value })}
            error={errors.issuer}
          />
          <TextField
            id={fieldId("clientId")}
            label="Client ID"
            name="clientId"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            value={draft.clientId}
            onChange={(event) => change({ clientId: event.target.value })}
            error={errors.clientId}
          />
          <ClientSecretField
            id={fieldId("clientSecret")}
            hasSecret={hasSecret}
            mode={hasSecret ? draft.secretMode : "set"}
            value={draft.clientSecret}
            error={errors.clientSecret}
            disabled={readOnly || pending}
            onModeChange={(secretMode) => change({ secretMode })}
            onChange={(clientSecret) => change({ clientSecret })}
          />
          <div className="grid gap-5 sm:grid-cols-2">
            <div className="grid content-start gap-2">
              <Label htmlFor={fieldId("authMethod")}>Client authentication</Label>
              <Select
                id={fieldId("authMethod")}
                name="authMethod"
                value={draft.authMethod}
                onChange={(event) => change({ authMethod: event.target.value as AuthMethod })}
                aria-describedby={`${fieldId("authMethod")}-hint`}
              >
                {AUTH_METHODS.map((method) => (
                  <option key={method} value={method}>
                    {AUTH_METHOD_LABELS[method]}
                  </option>
                ))}
              </Select>
              <p id={`${fieldId("authMethod")}-hint`} className="text-muted-foreground text-xs">
                Basic sends the secret in an Authorization header, post in the request body.
              </p>
            </div>
            <TextField
              id={fieldId("scopes")}
              label="Scopes"
              name="scopes"
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              value={draft.scopes}
              onChange={(event) => change({ scopes: event.target.value })}
              error={errors.scopes}
              hint="Separated by spaces or commas; openid is required."
            />
          </div>
        </CardContent>
      </Card>

      <AdvancedSettings
        draft={draft}
        errors={errors}
        change={change}
        fieldId={fieldId}
        disabled={readOnly}
        open={advancedOpen}
        onOpenChange={setAdvancedOpen}
      />

      {canManage && (
        <div
          data-testid="oidc-save-bar"
          className={cn(
            "bg-card grid gap-3 rounded-xl border px-4 py-3",
            // Pinned to the bottom of the screen only while there is something to save (or a failure to read).
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
                <p className="text-muted-foreground">{saved ? "No unsaved changes." : "Nothing saved yet."}</p>
              )}
            </div>
            <div className="flex shrink-0 gap-2">
              <Button variant="outline" onClick={discard} disabled={!dirty || pending} className="flex-1 sm:flex-none">
                <Undo2 aria-hidden />
                Discard
              </Button>
              <Button type="submit" disabled={!dirty || pending} className="flex-1 sm:flex-none">
                {pending ? <LoaderCircle aria-hidden className="animate-spin" /> : <Save aria-hidden />}
                Save settings
              </Button>
            </div>
          </div>
        </div>
      )}
    </Form>
  );
}
