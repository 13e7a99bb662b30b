"use client";

import { useMutation } from "convex/react";
import { useState } from "react";
import { TextField } from "@/components/console/text-field";
import { ProviderCard } from "@/components/sso/provider-picker";
import { SelectField } from "@/components/sso/select-field";
import { SaveBar, SettingsNotices, textFieldBinder } from "@/components/sso/settings-form";
import { useSettingsForm } from "@/components/sso/use-settings-form";
import { WriteOnlyField } from "@/components/sso/write-only-field";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Form } from "@/components/ui/form";
import { api } from "@/convex/_generated/api";
import { ADVANCED_FIELDS, AdvancedSettings } from "./advanced-settings";
import { AUTH_METHOD_LABELS, AUTH_METHODS, draftFingerprint, parseOidcDraft, toDraft, type AuthMethod, type OidcPayload } from "./oidc-form-schema";
import { applyTemplate, detectTemplate, OIDC_TEMPLATES, TEMPLATES_BY_ID, type TemplateId } from "./templates";
import type { OidcView } from "./types";

type OidcFormProps = {
  connectionId: string;
  /** The saved settings, live (`null` before the first save). */
  saved: OidcView | null;
  canManage: boolean;
  /** Told whenever the form starts or stops having unsaved changes (the test card says to save first). */
  onDirtyChange: (dirty: boolean) => void;
  /** Saves the settings another way than the console's `setOidc` (the setup wizard saves through its link). */
  save?: (payload: OidcPayload) => Promise<OidcView>;
};

/**
 * The identity provider's OpenID Connect settings as a guided form: a
 * provider template, the client's credentials, and the advanced settings
 * folded away. Checked with the form schema before `setOidc`; the server's
 * refusal (which names the field) shows above the save button.
 */
export function OidcForm({ connectionId, saved, canManage, onDirtyChange, save }: OidcFormProps) {
  const setOidc = useMutation(api.auth.group.setOidc);
  const [template, setTemplate] = useState<TemplateId>(() => detectTemplate(saved?.discovery.issuer ?? ""));
  const [advancedOpen, setAdvancedOpen] = useState(false);
  const form = useSettingsForm({
    saved,
    toDraft,
    fingerprint: draftFingerprint,
    hidden: (settings) => String(settings?.client.hasSecret ?? false),
    parse: parseOidcDraft,
    send: (payload) => (save ? save(payload) : setOidc({ connectionId, ...payload })),
    canManage,
    onDirtyChange,
    onProblemAt: (field) => {
      if (ADVANCED_FIELDS.has(field)) setAdvancedOpen(true);
    },
  });
  const { draft, errors, change, fieldId } = form;

  function pickTemplate(id: TemplateId) {
    setTemplate(id);
    change(applyTemplate(draft, TEMPLATES_BY_ID[id]));
  }

  const readOnly = !canManage;
  const text = textFieldBinder(form, readOnly);
  const hasSecret = saved?.client.hasSecret ?? false;
  const current = TEMPLATES_BY_ID[template];

  return (
    <Form onSubmit={form.submit} aria-label="OpenID Connect settings" className="grid gap-6" disabled={readOnly}>
      <SettingsNotices readOnly={readOnly} changedElsewhere={form.changedElsewhere} onDiscard={form.discard} />

      <ProviderCard
        intro="Where your people sign in. Create an application there first; the steps say how."
        templates={OIDC_TEMPLATES}
        stepsHeading={`Where to find these values${template === "generic" ? "" : ` in ${current.name}`}`}
        value={template}
        onChange={pickTemplate}
        disabled={readOnly}
        description="Picking one fills in its scopes, claim mapping and client authentication; you can change any of them below."
      />

      <Card>
        <CardHeader>
          <CardTitle as="h2">Client</CardTitle>
          <CardDescription>The application you registered at {current.id === "generic" ? "your identity provider" : current.name}.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-5">
          <TextField
            label="Issuer URL"
            type="url"
            inputMode="url"
            placeholder={current.issuer.pattern}
            hint={current.issuer.hint}
            {...text("issuer")}
          />
          <TextField label="Client ID" {...text("clientId")} />
          <WriteOnlyField
            id={fieldId("clientSecret")}
            label="Client secret"
            noun="secret"
            saved={hasSecret}
            mode={hasSecret ? draft.secretMode : "set"}
            value={draft.clientSecret}
            error={errors.clientSecret}
            disabled={readOnly || form.pending}
            savedHint="Stored encrypted and never shown again. Replace it when you rotate it at your identity provider."
            hint="Stored encrypted; after saving it is never shown again."
            onModeChange={(secretMode) => change({ secretMode })}
            onChange={(clientSecret) => change({ clientSecret })}
          />
          <div className="grid gap-5 sm:grid-cols-2">
            <SelectField
              id={fieldId("authMethod")}
              label="Client authentication"
              name="authMethod"
              value={draft.authMethod}
              onChange={(event) => change({ authMethod: event.target.value as AuthMethod })}
              hint="Basic sends the secret in an Authorization header, post in the request body."
            >
              {AUTH_METHODS.map((method) => (
                <option key={method} value={method}>
                  {AUTH_METHOD_LABELS[method]}
                </option>
              ))}
            </SelectField>
            <TextField label="Scopes" hint="Separated by spaces or commas; openid is required." {...text("scopes")} />
          </div>
        </CardContent>
      </Card>

      <AdvancedSettings form={form} disabled={readOnly} open={advancedOpen} onOpenChange={setAdvancedOpen} />

      {canManage && (
        <SaveBar
          testId="oidc-save-bar"
          dirty={form.dirty}
          pending={form.pending}
          error={form.error}
          savedNotice={form.savedNotice}
          problemCount={form.problemCount}
          hasSaved={saved !== null}
          onDiscard={form.discard}
        />
      )}
    </Form>
  );
}
