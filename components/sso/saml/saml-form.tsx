"use client";

import { useAction } from "convex/react";
import { useState } from "react";
import { ProviderCard } from "@/components/sso/provider-picker";
import { SaveBar, SettingsNotices } from "@/components/sso/settings-form";
import { useSettingsForm } from "@/components/sso/use-settings-form";
import { Form } from "@/components/ui/form";
import { api } from "@/convex/_generated/api";
import { AttributeMappingCard } from "./attribute-mapping-card";
import { IdpInitiatedCard } from "./idp-initiated-card";
import { MetadataCard } from "./metadata-card";
import { SAML_ADVANCED_FIELDS, SamlAdvancedSettings } from "./saml-advanced-settings";
import { draftFingerprint, parseSamlDraft, savedState, toDraft, type SamlPayload } from "./saml-form-schema";
import { describeSamlError, fieldOfSamlError } from "./saml-server-errors";
import { applySamlTemplate, SAML_TEMPLATES, SAML_TEMPLATES_BY_ID, type SamlTemplateId } from "./templates";
import type { SamlView } from "./types";

type SamlFormProps = {
  connectionId: string;
  /** The saved settings, live (`null` before the first save). */
  saved: SamlView | null;
  /** The picked identity provider (the step 1 card names our values as its console does). */
  template: SamlTemplateId;
  onTemplateChange: (template: SamlTemplateId) => void;
  /** Our default SP entity ID, for the advanced section's placeholder. */
  defaultEntityId: string | null;
  canManage: boolean;
  /** Told whenever the form starts or stops having unsaved changes (the status cards say to save first). */
  onDirtyChange: (dirty: boolean) => void;
  /** Saves the settings another way than the console's `setSaml` (the setup wizard saves through its link). */
  save?: (payload: SamlPayload) => Promise<SamlView>;
};

/**
 * The identity provider's SAML settings as a guided form: which provider,
 * its metadata (step 2), the attribute mapping, IdP-initiated sign-in, and
 * the advanced settings folded away. Checked with the form schema before
 * `setSaml`, which re-reads the metadata; a refusal that names a field
 * marks that field too.
 */
export function SamlForm({ connectionId, saved, template, onTemplateChange, defaultEntityId, canManage, onDirtyChange, save }: SamlFormProps) {
  const setSaml = useAction(api.auth.group.setSaml);
  const [advancedOpen, setAdvancedOpen] = useState(false);
  const state = savedState(saved);
  const form = useSettingsForm({
    saved,
    toDraft,
    fingerprint: draftFingerprint,
    hidden: (settings) => JSON.stringify([settings?.serviceProvider.hasSigningKey, settings?.serviceProvider.hasEncryptionKey, settings?.metadata.url]),
    parse: (draft) => parseSamlDraft(draft, state),
    send: (payload) => (save ? save(payload) : setSaml({ connectionId, ...payload })),
    canManage,
    onDirtyChange,
    onProblemAt: (field) => {
      if (SAML_ADVANCED_FIELDS.has(field)) setAdvancedOpen(true);
    },
    fieldOfError: fieldOfSamlError,
  });
  const { draft, change } = form;
  const readOnly = !canManage;
  const current = SAML_TEMPLATES_BY_ID[template];

  function pickTemplate(id: SamlTemplateId) {
    onTemplateChange(id);
    change(applySamlTemplate(draft, SAML_TEMPLATES_BY_ID[id]));
  }

  return (
    <Form onSubmit={form.submit} aria-label="SAML settings" className="grid gap-6" disabled={readOnly}>
      <SettingsNotices readOnly={readOnly} changedElsewhere={form.changedElsewhere} onDiscard={form.discard} />

      <ProviderCard
        intro="Where your people sign in. Set up a SAML application there with the values from step 1."
        templates={SAML_TEMPLATES}
        stepsHeading={template === "generic" ? "Set-up at your identity provider" : `Set-up in ${current.name}`}
        value={template}
        onChange={pickTemplate}
        disabled={readOnly}
        description="Picking one names the values above as its console does and fills in its attribute names; you can change them below."
      />

      <MetadataCard form={form} template={current} savedAsXml={state.savedAsXml} disabled={readOnly} />
      <AttributeMappingCard form={form} template={current} disabled={readOnly} />
      <IdpInitiatedCard form={form} template={current} disabled={readOnly} />
      <SamlAdvancedSettings
        form={form}
        keys={state}
        defaultEntityId={defaultEntityId}
        disabled={readOnly}
        pending={form.pending}
        open={advancedOpen}
        onOpenChange={setAdvancedOpen}
      />

      {canManage && (
        <SaveBar
          testId="saml-save-bar"
          dirty={form.dirty}
          pending={form.pending}
          error={form.error && { message: describeSamlError(form.error, draft) }}
          savedNotice={form.savedNotice}
          problemCount={form.problemCount}
          hasSaved={saved !== null}
          onDiscard={form.discard}
        />
      )}
    </Form>
  );
}
