import * as z from "zod";
import { fieldErrors, linesField, optional, optionalRecord, urlField, wholeNumberField } from "@/components/sso/form-schema";
import { formatLines, normalizeLines } from "@/components/sso/key-value-lines";
import { DEFAULT_CLOCK_TOLERANCE_SECONDS, OIDC_LIMITS, SCOPE_TOKEN } from "@/lib/validation/oidc";
import { AUTHORIZATION_PARAM_RULE, EXTRA_FIELD_RULE, MAX_CLAIM_LENGTH } from "./key-value-lines";

/**
 * The OpenID Connect form: its working copy (`OidcDraft`, every field as it
 * is typed), the zod schema that checks it before anything is sent, and the
 * conversions between it and the server's shapes (`OidcView` in, the
 * `setOidc` arguments out). The server validates again and has the last word
 * (e.g. https-only issuers outside development).
 */

export const AUTH_METHODS = ["client_secret_basic", "client_secret_post"] as const;
export type AuthMethod = (typeof AUTH_METHODS)[number];

/** The names identity providers' consoles use (Okta, Auth0 and Keycloak show these very words). */
export const AUTH_METHOD_LABELS: Record<AuthMethod, string> = {
  client_secret_basic: "client_secret_basic",
  client_secret_post: "client_secret_post",
};

export const MAX_CLOCK_TOLERANCE_SECONDS = OIDC_LIMITS.maxClockToleranceSeconds;

export type OidcDraft = {
  issuer: string;
  clientId: string;
  /** "keep": the saved secret stays (nothing is sent); "set": `clientSecret` replaces it. */
  secretMode: "keep" | "set";
  clientSecret: string;
  authMethod: AuthMethod;
  /** Separated by spaces or commas. */
  scopes: string;
  discoveryUrl: string;
  jwksUri: string;
  audience: string;
  clockTolerance: string;
  strictIssuer: boolean;
  loginHint: boolean;
  /** One `key=value` per line. */
  authorizationParams: string;
  subjectClaim: string;
  emailClaim: string;
  nameClaim: string;
  groupsClaim: string;
  rolesClaim: string;
  /** One `field=claim` per line. */
  extraFields: string;
};

export type OidcField = keyof OidcDraft;

/** What `setOidc` takes besides the connection id (see the backend contract). */
export type OidcPayload = {
  discovery: { issuer: string; discoveryUrl?: string; jwksUri?: string; audience?: string };
  client: { id: string; secret?: string; authMethod: AuthMethod };
  request: { scopes: string[]; loginHint: boolean; authorizationParams?: Record<string, string> };
  security: { clockToleranceSeconds: number; strictIssuer: boolean };
  profile: {
    mapping: { subject: string; email: string; name?: string; groups?: string; roles?: string };
    extraFields?: Record<string, string>;
  };
};

/** The saved configuration as `getOidc` returns it (the secret only as `hasSecret`). */
export type SavedOidc = {
  discovery: { issuer: string; discoveryUrl?: string; jwksUri?: string; audience?: string };
  client: { id: string; authMethod: AuthMethod; hasSecret: boolean };
  request: { scopes: string[]; loginHint: boolean; authorizationParams?: Record<string, string> };
  security: { clockToleranceSeconds: number; strictIssuer: boolean };
  profile: {
    mapping: { subject: string; email: string; name?: string; groups?: string; roles?: string };
    extraFields?: Record<string, string>;
  };
};

// Field checks

/** OpenID Connect Discovery §3: the issuer is an https URL "with no query or fragment components". */
function issuerProblem(value: string): string | null {
  return /[?#]/.test(value) ? "The issuer has no ? or # part." : null;
}

function claimField(what: string, required: boolean) {
  return z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      if (value === "") {
        if (required) ctx.addIssue({ code: "custom", message: `Enter the claim that holds the ${what}.` });
        return;
      }
      if (/\s/.test(value)) ctx.addIssue({ code: "custom", message: "A claim name has no spaces." });
      else if (value.length > MAX_CLAIM_LENGTH) ctx.addIssue({ code: "custom", message: `Use at most ${MAX_CLAIM_LENGTH} characters.` });
    });
}

/** "openid email, profile" → ["openid", "email", "profile"], without duplicates. */
export function splitScopes(value: string): string[] {
  return [...new Set(value.split(/[\s,]+/).filter(Boolean))];
}

const scopesField = z.string().transform((value, ctx) => {
  const scopes = splitScopes(value);
  const invalid = scopes.find((scope) => !SCOPE_TOKEN.test(scope));
  if (invalid) {
    ctx.addIssue({ code: "custom", message: `“${invalid}” isn't a valid scope.` });
    return z.NEVER;
  }
  if (scopes.length > OIDC_LIMITS.maxScopes) {
    ctx.addIssue({ code: "custom", message: `Use at most ${OIDC_LIMITS.maxScopes} scopes.` });
    return z.NEVER;
  }
  if (!scopes.includes("openid")) {
    ctx.addIssue({ code: "custom", message: "Include the openid scope: without it there is no ID token." });
    return z.NEVER;
  }
  return scopes;
});

const clockToleranceField = wholeNumberField(0, MAX_CLOCK_TOLERANCE_SECONDS, `Enter whole seconds from 0 to ${MAX_CLOCK_TOLERANCE_SECONDS}.`);

export const oidcFormSchema = z
  .object({
    issuer: urlField("issuer URL", { required: true, problem: issuerProblem }),
    clientId: z.string().trim().min(1, "Enter the client ID.").max(500, "Use at most 500 characters."),
    secretMode: z.enum(["keep", "set"]),
    clientSecret: z.string().trim().max(4096, "Use at most 4096 characters."),
    authMethod: z.enum(AUTH_METHODS, "Pick how the client authenticates."),
    scopes: scopesField,
    discoveryUrl: urlField("discovery URL", { required: false }),
    jwksUri: urlField("JWKS URI", { required: false }),
    audience: z.string().trim().max(500, "Use at most 500 characters."),
    clockTolerance: clockToleranceField,
    strictIssuer: z.boolean(),
    loginHint: z.boolean(),
    authorizationParams: linesField(AUTHORIZATION_PARAM_RULE),
    subjectClaim: claimField("user's stable ID", true),
    emailClaim: claimField("email address", true),
    nameClaim: claimField("name", false),
    groupsClaim: claimField("groups", false),
    rolesClaim: claimField("roles", false),
    extraFields: linesField(EXTRA_FIELD_RULE),
  })
  .refine((draft) => draft.secretMode === "keep" || draft.clientSecret !== "", {
    path: ["clientSecret"],
    message: "Enter the client secret.",
    // Checked even when other fields have problems, so every message shows at once.
    when: (payload) => typeof payload.value === "object" && payload.value !== null,
  });

export type OidcFormValues = z.output<typeof oidcFormSchema>;
export type OidcFieldErrors = Partial<Record<OidcField, string>>;

/** The draft checked: the `setOidc` arguments, or the first message for each field with a problem. */
export function parseOidcDraft(draft: OidcDraft): { ok: true; payload: OidcPayload } | { ok: false; errors: OidcFieldErrors } {
  const parsed = oidcFormSchema.safeParse(draft);
  if (!parsed.success) return { ok: false, errors: fieldErrors<OidcField>(parsed.error.issues) };
  return { ok: true, payload: toPayload(parsed.data) };
}

/** Checked form values in `setOidc`'s shape. Empty optional fields are left out; so is the secret unless replaced. */
export function toPayload(values: OidcFormValues): OidcPayload {
  return {
    discovery: {
      issuer: values.issuer,
      discoveryUrl: optional(values.discoveryUrl),
      jwksUri: optional(values.jwksUri),
      audience: optional(values.audience),
    },
    client: {
      id: values.clientId,
      secret: values.secretMode === "set" ? values.clientSecret : undefined,
      authMethod: values.authMethod,
    },
    request: {
      scopes: values.scopes,
      loginHint: values.loginHint,
      authorizationParams: optionalRecord(values.authorizationParams),
    },
    security: { clockToleranceSeconds: values.clockTolerance, strictIssuer: values.strictIssuer },
    profile: {
      mapping: {
        subject: values.subjectClaim,
        email: values.emailClaim,
        name: optional(values.nameClaim),
        groups: optional(values.groupsClaim),
        roles: optional(values.rolesClaim),
      },
      extraFields: optionalRecord(values.extraFields),
    },
  };
}

/** A form for a new configuration: the generic defaults (templates fill in their own). */
export function emptyDraft(): OidcDraft {
  return {
    issuer: "",
    clientId: "",
    secretMode: "set",
    clientSecret: "",
    authMethod: "client_secret_basic",
    scopes: "openid email profile",
    discoveryUrl: "",
    jwksUri: "",
    audience: "",
    clockTolerance: String(DEFAULT_CLOCK_TOLERANCE_SECONDS),
    strictIssuer: true,
    loginHint: true,
    authorizationParams: "",
    subjectClaim: "sub",
    emailClaim: "email",
    nameClaim: "name",
    groupsClaim: "groups",
    rolesClaim: "",
    extraFields: "",
  };
}

/** The saved configuration as a form (`null`: nothing saved yet). The secret is never in it. */
export function toDraft(saved: SavedOidc | null): OidcDraft {
  if (!saved) return emptyDraft();
  return {
    issuer: saved.discovery.issuer,
    clientId: saved.client.id,
    secretMode: saved.client.hasSecret ? "keep" : "set",
    clientSecret: "",
    authMethod: saved.client.authMethod,
    scopes: saved.request.scopes.join(" "),
    discoveryUrl: saved.discovery.discoveryUrl ?? "",
    jwksUri: saved.discovery.jwksUri ?? "",
    audience: saved.discovery.audience ?? "",
    clockTolerance: String(saved.security.clockToleranceSeconds),
    strictIssuer: saved.security.strictIssuer,
    loginHint: saved.request.loginHint,
    authorizationParams: formatLines(saved.request.authorizationParams),
    subjectClaim: saved.profile.mapping.subject,
    emailClaim: saved.profile.mapping.email,
    nameClaim: saved.profile.mapping.name ?? "",
    groupsClaim: saved.profile.mapping.groups ?? "",
    rolesClaim: saved.profile.mapping.roles ?? "",
    extraFields: formatLines(saved.profile.extraFields),
  };
}

/**
 * A comparable form of the draft, for "is there anything to save?": surrounding
 * whitespace, the scope separators and blank lines don't count as changes; a
 * secret typed in does.
 */
export function draftFingerprint(draft: OidcDraft): string {
  return JSON.stringify({
    ...Object.fromEntries(Object.entries(draft).map(([key, value]) => [key, typeof value === "string" ? value.trim() : value])),
    scopes: splitScopes(draft.scopes).join(" "),
    authorizationParams: normalizeLines(draft.authorizationParams),
    extraFields: normalizeLines(draft.extraFields),
  });
}
