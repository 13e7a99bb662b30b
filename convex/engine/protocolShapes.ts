import { v, type Infer } from "convex/values";

/**
 * The stored protocol configuration of a connection, in the spec's shapes.
 * Secrets (client secret, SP private keys) are `sealed` (see secret.ts) and
 * never leave the server; reads report `hasSecret` instead.
 */
export const sealed = v.object({ keyId: v.string(), iv: v.string(), ciphertext: v.string() });

const extraFields = v.optional(v.record(v.string(), v.string()));

/** One result of a validation run (`validateOidc`, later SAML and SCIM). */
export const validationCheck = v.object({
  id: v.string(),
  ok: v.boolean(),
  severity: v.union(v.literal("error"), v.literal("warning")),
  message: v.string(),
});
export const validationRun = v.object({ ok: v.boolean(), time: v.number(), checks: v.array(validationCheck) });

/**
 * The IdP's metadata as last fetched (discovery), kept so sign-in keeps
 * working on the last good copy when the discovery endpoint is down.
 */
export const oidcDiscovered = v.object({
  issuer: v.string(),
  authorizationEndpoint: v.string(),
  tokenEndpoint: v.string(),
  userinfoEndpoint: v.optional(v.string()),
  jwksUri: v.string(),
  idTokenSigningAlgs: v.optional(v.array(v.string())),
  fetchedTime: v.number(),
});

export const oidcConfig = v.object({
  discovery: v.object({
    issuer: v.string(),
    discoveryUrl: v.optional(v.string()),
    jwksUri: v.optional(v.string()),
    audience: v.optional(v.string()),
  }),
  client: v.object({
    id: v.string(),
    secret: v.optional(sealed),
    authMethod: v.union(v.literal("client_secret_basic"), v.literal("client_secret_post")),
  }),
  request: v.object({
    scopes: v.array(v.string()),
    loginHint: v.boolean(),
    authorizationParams: v.optional(v.record(v.string(), v.string())),
  }),
  security: v.object({ clockToleranceSeconds: v.number(), strictIssuer: v.boolean() }),
  profile: v.object({
    mapping: v.object({
      subject: v.string(),
      email: v.string(),
      name: v.optional(v.string()),
      groups: v.optional(v.string()),
      roles: v.optional(v.string()),
    }),
    extraFields,
  }),
  discovered: v.optional(oidcDiscovered),
  validation: v.optional(validationRun),
});

export const samlConfig = v.object({
  metadata: v.object({
    url: v.optional(v.string()),
    xml: v.optional(v.string()),
    entityId: v.optional(v.string()),
    ssoUrls: v.optional(v.object({ redirect: v.optional(v.string()), post: v.optional(v.string()) })),
    certificates: v.optional(v.array(v.object({ pem: v.string(), notAfter: v.optional(v.number()) }))),
    fetchedTime: v.optional(v.number()),
  }),
  request: v.object({
    signAuthnRequests: v.boolean(),
    nameIdFormat: v.optional(v.string()),
    forceAuthn: v.boolean(),
  }),
  security: v.object({
    requireSignedAssertions: v.boolean(),
    requireTimestamps: v.boolean(),
    clockSkewSeconds: v.number(),
    weakAlgorithmHandling: v.union(v.literal("warn"), v.literal("reject")),
    maxMetadataSize: v.number(),
    maxResponseSize: v.number(),
  }),
  serviceProvider: v.object({
    entityId: v.optional(v.string()),
    acsUrl: v.optional(v.string()),
    sloUrl: v.optional(v.string()),
    signingCert: v.optional(v.string()),
    signingKey: v.optional(sealed),
    encryptionCert: v.optional(v.string()),
    encryptionKey: v.optional(sealed),
  }),
  profile: v.object({
    mapping: v.object({
      subject: v.optional(v.string()),
      email: v.string(),
      name: v.optional(v.string()),
      firstName: v.optional(v.string()),
      lastName: v.optional(v.string()),
      groups: v.optional(v.string()),
      roles: v.optional(v.string()),
    }),
    extraFields,
  }),
});

export const scimConfig = v.object({
  status: v.union(v.literal("enabled"), v.literal("disabled")),
  // Bearer tokens, hashed; a rotated-out token may keep working until `expiresTime`.
  tokens: v.array(v.object({ hash: v.string(), prefix: v.string(), createdTime: v.number(), expiresTime: v.optional(v.number()) })),
  security: v.object({ maxRequestSize: v.number() }),
  profile: v.object({
    mapping: v.object({
      externalId: v.string(),
      userName: v.string(),
      email: v.string(),
      name: v.optional(v.string()),
      active: v.string(),
      groups: v.optional(v.string()),
      roles: v.optional(v.string()),
    }),
    extraFields,
  }),
});

export type OidcConfig = Infer<typeof oidcConfig>;
export type OidcDiscovered = Infer<typeof oidcDiscovered>;
export type ValidationCheck = Infer<typeof validationCheck>;
export type ValidationRun = Infer<typeof validationRun>;
export type SamlConfig = Infer<typeof samlConfig>;
export type ScimConfig = Infer<typeof scimConfig>;
