import { z } from "zod";
import {
  DEFAULT_CLOCK_TOLERANCE_SECONDS,
  EXTRA_FIELD_NAME,
  OIDC_LIMITS,
  PARAM_NAME,
  RESERVED_AUTHORIZATION_PARAMS,
  SCOPE_TOKEN,
} from "../../lib/validation/oidc";
import type { Doc } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { recordProtocolSet, type AuditInput } from "./audit";
import { fail } from "./errors";
import { parse, withoutUndefined } from "./parse";
import type { OidcConfig } from "./protocolShapes";
import { seal } from "./secret";
import { checkOutboundUrl } from "./urlGuard";

/**
 * auth.connection.oidc: a connection's OpenID Connect settings, in the
 * spec's shape (discovery, client, request, security, profile). Input is
 * parsed here, at the edge; the stored config is trusted everywhere else.
 */
export const DEFAULT_SCOPES = ["openid", "profile", "email"];

/** Whether the server may fetch IdP URLs on private networks (the local demo IdP); never in production. */
export function allowPrivateIdpUrls(): boolean {
  return process.env.ALLOW_PRIVATE_IDP_URLS === "true";
}

const outboundUrl = z.string().trim().transform((raw, ctx) => {
  const checked = checkOutboundUrl(raw, { allowPrivate: allowPrivateIdpUrls() });
  if (!checked.ok) {
    ctx.addIssue({ code: "custom", message: checked.message });
    return z.NEVER;
  }
  return checked.url;
});

// The issuer is compared byte for byte with the ID token's `iss`: checked like
// any URL we fetch, but stored as typed (URL normalization would add a slash).
const issuer = z
  .string()
  .trim()
  .min(1, "Enter the issuer URL.")
  .superRefine((raw, ctx) => {
    const checked = checkOutboundUrl(raw, { allowPrivate: allowPrivateIdpUrls() });
    if (!checked.ok) ctx.addIssue({ code: "custom", message: checked.message });
    else if (/[?#]/.test(raw)) ctx.addIssue({ code: "custom", message: "The issuer has no query or fragment." });
  });

const claimPath = z.string().trim().min(1, "Name a claim.").max(OIDC_LIMITS.maxClaimLength, `Use at most ${OIDC_LIMITS.maxClaimLength} characters for a claim name.`);
const scope = z.string().regex(SCOPE_TOKEN, "Scopes are single words without quotes or backslashes.");

export const oidcInput = z.object({
  discovery: z.object({
    issuer,
    discoveryUrl: outboundUrl.optional(),
    jwksUri: outboundUrl.optional(),
    audience: z.string().trim().min(1).max(500).optional(),
  }),
  client: z.object({
    id: z.string().trim().min(1, "Enter the client ID.").max(500, "The client ID is too long."),
    secret: z.string().min(1, "The client secret is empty.").max(4096, "The client secret is too long.").optional(),
    authMethod: z.enum(["client_secret_basic", "client_secret_post"]).default("client_secret_basic"),
  }),
  request: z
    .object({
      scopes: z
        .array(scope)
        .max(OIDC_LIMITS.maxScopes, `Use at most ${OIDC_LIMITS.maxScopes} scopes.`)
        .refine((scopes) => scopes.includes("openid"), "The scopes must include openid.")
        .default(DEFAULT_SCOPES),
      loginHint: z.boolean().default(true),
      authorizationParams: z
        .record(z.string().regex(PARAM_NAME, "Parameter names are letters, digits, _ . and -."), z.string().max(OIDC_LIMITS.maxParamValueLength))
        .refine((params) => Object.keys(params).length <= OIDC_LIMITS.maxAuthorizationParams, `Use at most ${OIDC_LIMITS.maxAuthorizationParams} authorization parameters.`)
        .refine((params) => Object.keys(params).every((key) => !RESERVED_AUTHORIZATION_PARAMS.has(key.toLowerCase())), "The sign-in flow sets that parameter itself.")
        .optional(),
    })
    .default({ scopes: DEFAULT_SCOPES, loginHint: true }),
  security: z
    .object({
      clockToleranceSeconds: z
        .number()
        .int("Use whole seconds.")
        .min(0)
        .max(OIDC_LIMITS.maxClockToleranceSeconds, `Use at most ${OIDC_LIMITS.maxClockToleranceSeconds} seconds of clock tolerance.`)
        .default(DEFAULT_CLOCK_TOLERANCE_SECONDS),
      strictIssuer: z.boolean().default(true),
    })
    .default({ clockToleranceSeconds: DEFAULT_CLOCK_TOLERANCE_SECONDS, strictIssuer: true }),
  profile: z
    .object({
      mapping: z
        .object({
          subject: claimPath.default("sub"),
          email: claimPath.default("email"),
          name: claimPath.optional(),
          groups: claimPath.optional(),
          roles: claimPath.optional(),
        })
        .default({ subject: "sub", email: "email", name: "name", groups: "groups" }),
      extraFields: z
        .record(z.string().regex(EXTRA_FIELD_NAME, "Field names start with a letter: letters, digits and _."), claimPath)
        .refine((fields) => Object.keys(fields).length <= OIDC_LIMITS.maxExtraFields, `Map at most ${OIDC_LIMITS.maxExtraFields} extra fields.`)
        .optional(),
    })
    .default({ mapping: { subject: "sub", email: "email", name: "name", groups: "groups" } }),
});

export type OidcInput = z.input<typeof oidcInput>;

/** The admin-facing view: no secret, no cached IdP metadata. */
export function describeOidc(config: OidcConfig) {
  const { discovery, client, request, security, profile } = config;
  return { discovery, client: { id: client.id, authMethod: client.authMethod, hasSecret: Boolean(client.secret) }, request, security, profile };
}

export type OidcView = ReturnType<typeof describeOidc>;

/** Replaces the connection's OIDC settings; an omitted client secret keeps the saved one. */
export async function setOidc(
  ctx: MutationCtx,
  { connection, input, actor }: { connection: Doc<"connections">; input: unknown; actor: AuditInput["actor"] },
): Promise<OidcView> {
  if (connection.protocol !== "oidc") fail("INVALID_INPUT", "This connection uses SAML, not OpenID Connect.");
  const { discovery, client, request, security, profile } = parse(oidcInput, input, { nameField: true });
  const previous = connection.oidc;
  const secret = client.secret !== undefined ? await seal(client.secret) : previous?.client.secret;
  // Cached metadata belongs to the IdP it was fetched from.
  const sameIdp =
    previous?.discovery.issuer === discovery.issuer &&
    previous.discovery.discoveryUrl === discovery.discoveryUrl &&
    previous.discovery.jwksUri === discovery.jwksUri;
  const config: OidcConfig = {
    discovery: withoutUndefined(discovery),
    client: { id: client.id, authMethod: client.authMethod, ...(secret ? { secret } : {}) },
    request: withoutUndefined(request),
    security,
    profile: withoutUndefined({ mapping: withoutUndefined(profile.mapping), extraFields: profile.extraFields }),
    ...(sameIdp && previous.discovered ? { discovered: previous.discovered } : {}),
  };
  await ctx.db.patch(connection._id, { oidc: config });
  await recordProtocolSet(ctx, { connection, actor, metadata: { protocol: "oidc", issuer: discovery.issuer, clientId: client.id, secretReplaced: client.secret !== undefined } });
  return describeOidc(config);
}

