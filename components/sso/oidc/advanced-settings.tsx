"use client";

import { ChevronRight } from "lucide-react";
import type { ReactNode } from "react";
import { TextField } from "@/components/console/text-field";
import { SwitchField } from "@/components/sso/policy/switch-field";
import { cn } from "@/lib/cn";
import { LinesField } from "./lines-field";
import { MAX_CLOCK_TOLERANCE_SECONDS, type OidcDraft, type OidcField, type OidcFieldErrors } from "./oidc-form-schema";

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

type AdvancedSettingsProps = {
  draft: OidcDraft;
  errors: OidcFieldErrors;
  change: (patch: Partial<OidcDraft>) => void;
  fieldId: (field: OidcField) => string;
  disabled: boolean;
  open: boolean;
  onOpenChange: (open: boolean) => void;
};

/**
 * Discovery overrides, token checks, extra request parameters and the claim
 * mapping: the templates' defaults suit most set-ups, so they start folded.
 */
export function AdvancedSettings({ draft, errors, change, fieldId, disabled, open, onOpenChange }: AdvancedSettingsProps) {
  const text = (field: OidcField) => ({
    id: fieldId(field),
    name: field,
    value: draft[field] as string,
    error: errors[field],
    disabled,
    autoComplete: "off",
    autoCapitalize: "none",
    spellCheck: false,
    onChange: (event: { target: { value: string } }) => change({ [field]: event.target.value }),
  });
  const problems = [...ADVANCED_FIELDS].filter((field) => errors[field]).length;

  return (
    <details
      open={open}
      onToggle={(event) => onOpenChange(event.currentTarget.open)}
      className="group rounded-lg border"
      data-testid="advanced-settings"
    >
      <summary
        className={cn(
          "flex cursor-pointer list-none items-center gap-2 rounded-lg px-4 py-3 text-sm font-medium select-none [&::-webkit-details-marker]:hidden",
          "hover:bg-muted/50 focus-visible:ring-ring focus-visible:ring-2 focus-visible:outline-none",
        )}
      >
        <ChevronRight aria-hidden className="text-muted-foreground size-4 transition-transform group-open:rotate-90" />
        Advanced settings
        <span className="text-muted-foreground hidden font-normal sm:inline">· discovery, token checks, claim mapping</span>
        {problems > 0 && !open && (
          <span className="text-destructive ml-auto text-xs font-medium">
            {problems} {problems === 1 ? "problem" : "problems"}
          </span>
        )}
      </summary>
      <div className="grid gap-8 border-t px-4 py-5">
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
            checked={draft.strictIssuer}
            onChange={(strictIssuer) => change({ strictIssuer })}
            disabled={disabled}
          />
        </Group>

        <Group title="Sign-in request">
          <SwitchField
            label="Send the email address as login_hint"
            description="The identity provider can skip asking for the address that was already typed on our sign-in page."
            checked={draft.loginHint}
            onChange={(loginHint) => change({ loginHint })}
            disabled={disabled}
          />
          <LinesField
            label="Authorization parameters"
            hint="Extra parameters for every sign-in request, one key=value per line, e.g. prompt=login or hd=acme.com."
            placeholder={"prompt=login"}
            {...text("authorizationParams")}
          />
        </Group>

        <Group title="Claim mapping" description="Which ID token claims fill the profile. Nested claims use dots, e.g. realm_access.roles.">
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField label="Subject claim" placeholder="sub" hint="The user's stable, unique ID." {...text("subjectClaim")} />
            <TextField label="Email claim" placeholder="email" hint="The email address." {...text("emailClaim")} />
            <TextField label="Name claim" placeholder="name" hint="Optional: the display name." {...text("nameClaim")} />
            <TextField label="Groups claim" placeholder="groups" hint="Optional: for role mapping by group." {...text("groupsClaim")} />
            <TextField label="Roles claim" placeholder="roles" hint="Optional: for role mapping by role." {...text("rolesClaim")} />
          </div>
          <LinesField
            label="Extra profile fields"
            hint="Other claims to keep on the profile, one field=claim per line, e.g. department=dept."
            placeholder={"department=dept"}
            {...text("extraFields")}
          />
        </Group>
      </div>
    </details>
  );
}

function Group({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  return (
    <section className="grid gap-4">
      <div className="grid gap-1">
        <h3 className="text-sm font-semibold">{title}</h3>
        {description && <p className="text-muted-foreground text-sm">{description}</p>}
      </div>
      {children}
    </section>
  );
}
