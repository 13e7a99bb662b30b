"use client";

import { TextField } from "@/components/console/text-field";
import { AdvancedSection, SettingsGroup } from "@/components/sso/advanced-section";
import { LinesField } from "@/components/sso/lines-field";
import { ChoiceGroup, type Choice } from "@/components/sso/policy/choice-group";
import { SwitchField } from "@/components/sso/policy/switch-field";
import { SelectField } from "@/components/sso/select-field";
import { switchFieldBinder, textFieldBinder } from "@/components/sso/settings-form";
import type { SettingsForm } from "@/components/sso/use-settings-form";
import { WriteOnlyField } from "@/components/sso/write-only-field";
import {
  MAX_CLOCK_SKEW_SECONDS,
  MAX_DOCUMENT_KB,
  MIN_DOCUMENT_KB,
  NAME_ID_FORMATS,
  type SamlDraft,
  type SamlField,
  type WeakAlgorithmHandling,
} from "./saml-form-schema";

/** The fields in the collapsible section: a problem in one of them opens it. */
export const SAML_ADVANCED_FIELDS: ReadonlySet<SamlField> = new Set<SamlField>([
  "requireSignedAssertions",
  "requireTimestamps",
  "clockSkew",
  "weakAlgorithms",
  "maxResponseKb",
  "maxMetadataKb",
  "signAuthnRequests",
  "nameIdFormat",
  "forceAuthn",
  "signingKey",
  "signingCert",
  "spEntityId",
  "encryptionKey",
  "encryptionCert",
]);

const WEAK_ALGORITHM_CHOICES: ReadonlyArray<Choice<WeakAlgorithmHandling>> = [
  { value: "reject", label: "Reject", description: "Refuse responses signed or digested with SHA-1. Recommended." },
  { value: "warn", label: "Accept", description: "Accept SHA-1, for old identity providers that can't do better.", tone: "danger" },
];

const PEM_CERT = "-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----";
const PEM_KEY = "-----BEGIN PRIVATE KEY-----\n…\n-----END PRIVATE KEY-----";

type SamlAdvancedSettingsProps = {
  form: SettingsForm<SamlDraft>;
  /** What is saved of our own keys: they are write-only. */
  keys: { hasSigningKey: boolean; hasEncryptionKey: boolean };
  /** Our default SP entity ID (the SP metadata URL), for the placeholder. */
  defaultEntityId: string | null;
  disabled: boolean;
  pending: boolean;
  open: boolean;
  onOpenChange: (open: boolean) => void;
};

/**
 * The response checks, the sign-in request and our own service provider
 * settings (entity ID, keys): the defaults are strict and suit most
 * identity providers, so they start folded.
 */
export function SamlAdvancedSettings({ form, keys, defaultEntityId, disabled, pending, open, onOpenChange }: SamlAdvancedSettingsProps) {
  const { draft, errors, change, fieldId } = form;
  const text = textFieldBinder(form, disabled);
  const toggle = switchFieldBinder(form, disabled);
  const problems = [...SAML_ADVANCED_FIELDS].filter((field) => errors[field]).length;
  const customFormat = NAME_ID_FORMATS.every((format) => format.value !== draft.nameIdFormat);
  const showSigning = draft.signAuthnRequests || keys.hasSigningKey || draft.signingCert.trim() !== "";

  return (
    <AdvancedSection summary="response checks, request signing, service provider" problems={problems} open={open} onOpenChange={onOpenChange}>
      <SettingsGroup title="Response checks" description="What an answer from the identity provider must satisfy to be accepted.">
        <SwitchField
          label="Require signed assertions"
          description="Each assertion must carry the identity provider's signature. Off, a signed response is enough."
          {...toggle("requireSignedAssertions")}
        />
        <SwitchField
          label="Require validity times"
          description="Assertions must say from when and until when they are valid (NotBefore and NotOnOrAfter)."
          {...toggle("requireTimestamps")}
        />
        <ChoiceGroup
          legend="Weak algorithms"
          name="weakAlgorithms"
          value={draft.weakAlgorithms}
          choices={WEAK_ALGORITHM_CHOICES}
          onChange={(weakAlgorithms) => change({ weakAlgorithms })}
          disabled={disabled}
          columns={2}
        />
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField
            label="Clock skew (seconds)"
            type="number"
            inputMode="numeric"
            min={0}
            max={MAX_CLOCK_SKEW_SECONDS}
            step={1}
            hint={`Allowed clock difference, 0 to ${MAX_CLOCK_SKEW_SECONDS}.`}
            {...text("clockSkew")}
          />
          <TextField
            label="Largest response (KB)"
            type="number"
            inputMode="numeric"
            min={MIN_DOCUMENT_KB}
            max={MAX_DOCUMENT_KB}
            step={1}
            hint={`${MIN_DOCUMENT_KB} to ${MAX_DOCUMENT_KB} KB. Large group lists need more.`}
            {...text("maxResponseKb")}
          />
          <TextField
            label="Largest metadata (KB)"
            type="number"
            inputMode="numeric"
            min={MIN_DOCUMENT_KB}
            max={MAX_DOCUMENT_KB}
            step={1}
            hint={`${MIN_DOCUMENT_KB} to ${MAX_DOCUMENT_KB} KB.`}
            {...text("maxMetadataKb")}
          />
        </div>
      </SettingsGroup>

      <SettingsGroup title="Sign-in request" description="The AuthnRequest we send to start a sign-in.">
        <SelectField
          id={fieldId("nameIdFormat")}
          label="NameID format"
          name="nameIdFormat"
          value={draft.nameIdFormat}
          onChange={(event) => change({ nameIdFormat: event.target.value })}
          hint="Ask for a format only if your identity provider needs it: it must be one the application there is set up to send."
        >
          {NAME_ID_FORMATS.map((format) => (
            <option key={format.value} value={format.value}>
              {format.label}
            </option>
          ))}
          {customFormat && <option value={draft.nameIdFormat}>{draft.nameIdFormat}</option>}
        </SelectField>
        <SwitchField
          label="Always ask to sign in"
          description="Sends ForceAuthn: people enter their credentials at the identity provider even if they are signed in there."
          {...toggle("forceAuthn")}
        />
        <SwitchField
          label="Sign requests"
          description="Sign the AuthnRequest with our key, for identity providers that require it. They check it with the certificate below, which the SP metadata then includes."
          {...toggle("signAuthnRequests")}
        />
        {showSigning && (
          <KeyPairFields form={form} kind="signing" saved={keys.hasSigningKey} disabled={disabled || pending} />
        )}
      </SettingsGroup>

      <SettingsGroup title="Service provider" description="How we present ourselves to the identity provider.">
        <TextField
          label="SP entity ID"
          placeholder={defaultEntityId ?? "The SP metadata URL"}
          hint="Empty: the SP metadata URL. Some identity providers want a URN (urn:…); change it there too."
          {...text("spEntityId")}
        />
        <KeyPairFields form={form} kind="encryption" saved={keys.hasEncryptionKey} disabled={disabled || pending} />
      </SettingsGroup>
    </AdvancedSection>
  );
}

const KEY_PAIRS = {
  signing: {
    keyField: "signingKey",
    modeField: "signingKeyMode",
    certField: "signingCert",
    label: "SP signing",
    savedHint: "Stored encrypted and never shown again. Replace it together with its certificate.",
    keyHint: "The private key, PEM. Stored encrypted; after saving it is never shown again.",
    certHint: "The key's certificate, PEM. Public: it is in the SP metadata.",
  },
  encryption: {
    keyField: "encryptionKey",
    modeField: "encryptionKeyMode",
    certField: "encryptionCert",
    label: "Encryption",
    savedHint: "Stored encrypted and never shown again. Encrypted assertions are decrypted with it.",
    keyHint: "Optional: only if your identity provider encrypts assertions. The private key, PEM.",
    certHint: "Optional: the key's certificate, PEM. The identity provider encrypts with it; it is in the SP metadata.",
  },
} as const;

type KeyPairFieldsProps = {
  form: SettingsForm<SamlDraft>;
  kind: keyof typeof KEY_PAIRS;
  /** A key is saved: it can be kept or replaced, never shown. */
  saved: boolean;
  disabled: boolean;
};

/** One of our key pairs: the private key write-only (with Replace once saved), the certificate in the open. */
function KeyPairFields({ form, kind, saved, disabled }: KeyPairFieldsProps) {
  const { keyField, modeField, certField, label, savedHint, keyHint, certHint } = KEY_PAIRS[kind];
  const text = textFieldBinder(form, disabled);
  return (
    <div className="grid gap-4">
      <WriteOnlyField
        id={form.fieldId(keyField)}
        label={`${label} key`}
        noun="key"
        multiline
        placeholder={PEM_KEY}
        saved={saved}
        mode={saved ? form.draft[modeField] : "set"}
        value={form.draft[keyField]}
        error={form.errors[keyField]}
        disabled={disabled}
        savedHint={savedHint}
        hint={keyHint}
        onModeChange={(mode) => form.change({ [modeField]: mode })}
        onChange={(value) => form.change({ [keyField]: value })}
      />
      <LinesField label={`${label} certificate`} hint={certHint} placeholder={PEM_CERT} rows={4} className="max-h-48 overflow-auto" {...text(certField)} />
    </div>
  );
}
