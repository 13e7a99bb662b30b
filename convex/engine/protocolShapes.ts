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

/**
 * The last attempt to re-read the IdP's metadata (OIDC discovery at sign-in,
 * SAML metadata by its URL). A failure keeps the last good copy in use and
 * reads as "degraded" (idpHealth.ts) until an attempt succeeds.
 */
export const refreshOutcome = v.object({ ok: v.boolean(), time: v.number(), message: v.string() });

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
  lastRefresh: v.optional(refreshOutcome),
  validation: v.optional(validationRun),
});

/** An IdP signing certificate: several are kept, so a rotation needs no downtime. */
export const samlCertificate = v.object({
  pem: v.string(),
  fingerprint: v.string(),
  notAfter: v.number(),
  addedTime: v.number(),
  // When admins were told it expires soon (once per certificate).
  expiryWarnedTime: v.optional(v.number()),
});

export const samlConfig = v.object({
  metadata: v.object({
    url: v.optional(v.string()),
    // The IdP's metadata as last read (bounded by security.maxMetadataSize).
    xml: v.string(),
    entityId: v.string(),
    ssoUrls: v.object({ redirect: v.optional(v.string()), post: v.optional(v.string()) }),
    certificates: v.array(samlCertificate),
    fetchedTime: v.number(),
    lastRefresh: v.optional(refreshOutcome),
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
    // Defaults to the connection's SP metadata URL; some IdPs want a URN instead.
    entityId: v.optional(v.string()),
    signingCert: v.optional(v.string()),
    signingKey: v.optional(sealed),
    encryptionCert: v.optional(v.string()),
    encryptionKey: v.optional(sealed),
  }),
  // Unsolicited responses (started at the IdP's dashboard): off unless enabled.
  idpInitiated: v.object({ enabled: v.boolean(), defaultRedirect: v.string() }),
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
  validation: v.optional(validationRun),
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
export type SamlCertificate = Infer<typeof samlCertificate>;
export type ScimConfig = Infer<typeof scimConfig>;
