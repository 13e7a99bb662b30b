"use client";

import { TextField } from "@/components/console/text-field";
import { AdvancedSection, SettingsGroup as Group } from "@/components/sso/advanced-section";
import { LinesField } from "@/components/sso/lines-field";
import { SwitchField } from "@/components/sso/policy/switch-field";
import { ProfileMappingFields, type MappingField } from "@/components/sso/profile-mapping-fields";
import { switchFieldBinder, textFieldBinder } from "@/components/sso/settings-form";
import type { SettingsForm } from "@/components/sso/use-settings-form";
import { MAX_CLOCK_TOLERANCE_SECONDS, type OidcDraft, type OidcField } from "./oidc-form-schema";

/** The fields in the collapsible section: a problem in one of them opens it. */
export const ADVANCED_FIELDS: ReadonlySet<OidcField> = new Set<OidcField>([
  "discoveryUrl",
  "jwksUri",
  "audience",
  "clockTolerance",
  "strictIssuer",
  "loginHint",
  "authorizationParams",
  "subjectClaim",
  "emailClaim",
  "nameClaim",
  "groupsClaim",
  "rolesClaim",
  "extraFields",
]);

const CLAIM_FIELDS: ReadonlyArray<MappingField<OidcDraft>> = [
  { field: "subjectClaim", label: "Subject claim", placeholder: "sub", hint: "The user's stable, unique ID." },
  { field: "emailClaim", label: "Email claim", placeholder: "email", hint: "The email address." },
  { field: "nameClaim", label: "Name claim", placeholder: "name", hint: "Optional: the display name." },
  { field: "groupsClaim", label: "Groups claim", placeholder: "groups", hint: "Optional: for role mapping by group." },
  { field: "rolesClaim", label: "Roles claim", placeholder: "roles", hint: "Optional: for role mapping by role." },
];

const EXTRA_CLAIMS: Omit<MappingField<OidcDraft>, "label"> = {
  field: "extraFields",
  placeholder: "department=dept",
  hint: "Other claims to keep on the profile, one field=claim per line, e.g. department=dept.",
};

type AdvancedSettingsProps = {
  form: SettingsForm<OidcDraft>;
  disabled: boolean;
  open: boolean;
  onOpenChange: (open: boolean) => void;
};

/**
 * Discovery overrides, token checks, extra request parameters and the claim
 * mapping: the templates' defaults suit most set-ups, so they start folded.
 */
export function AdvancedSettings({ form, disabled, open, onOpenChange }: AdvancedSettingsProps) {
  const text = textFieldBinder(form, disabled);
  const toggle = switchFieldBinder(form, disabled);
  const problems = [...ADVANCED_FIELDS].filter((field) => form.errors[field]).length;

  return (
    <AdvancedSection summary="discovery, token checks, claim mapping" problems={problems} open={open} onOpenChange={onOpenChange}>
      <Group title="Discovery and token checks">
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label="Discovery URL"
            type="url"
            inputMode="url"
            placeholder="<issuer>/.well-known/openid-configuration"
            hint="Only if your provider's discovery document isn't at the standard place."
            {...text("discoveryUrl")}
          />
          <TextField
            label="JWKS URI"
            type="url"
            inputMode="url"
            placeholder="From the discovery document"
            hint="Only to override the jwks_uri from discovery."
            {...text("jwksUri")}
          />
          <TextField
            label="Audience"
            placeholder="The client ID"
            hint="What the ID token's aud must contain, if not the client ID."
            {...text("audience")}
          />
          <TextField
            label="Clock tolerance (seconds)"
            type="number"
            inputMode="numeric"
            min={0}
            max={MAX_CLOCK_TOLERANCE_SECONDS}
            step={1}
            hint={`Allowed clock difference when checking token times, 0 to ${MAX_CLOCK_TOLERANCE_SECONDS}.`}
            {...text("clockTolerance")}
          />
        </div>
        <SwitchField
          label="Require the exact issuer"
          description="The ID token's iss must match the issuer URL above exactly. Turn it off only for providers whose tokens name a different issuer than their discovery document (e.g. multi-tenant Entra apps)."
          {...toggle("strictIssuer")}
        />
      </Group>

      <Group title="Sign-in request">
        <SwitchField
          label="Send the email address as login_hint"
          description="The identity provider can skip asking for the address that was already typed on our sign-in page."
          {...toggle("loginHint")}
        />
        <LinesField
          label="Authorization parameters"
          hint="Extra parameters for every sign-in request, one key=value per line, e.g. prompt=login or hd=acme.com."
          placeholder={"prompt=login"}
          {...text("authorizationParams")}
        />
      </Group>

      <Group title="Claim mapping" description="Which ID token claims fill the profile. Nested claims use dots, e.g. realm_access.roles.">
        <ProfileMappingFields form={form} disabled={disabled} fields={CLAIM_FIELDS} extra={EXTRA_CLAIMS} />
      </Group>
    </AdvancedSection>
  );
}
