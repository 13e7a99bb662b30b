import { z } from "zod";
import type { Id } from "../_generated/dataModel";
import { parseRedirectTo } from "../../lib/redirect";
import type { SamlCertificate, SamlConfig } from "./protocolShapes";
import { convexSiteUrl } from "./urls";

/**
 * auth.connection.saml: a connection's SAML settings in the spec's shape
 * (metadata, request, security, serviceProvider, profile) plus
 * `idpInitiated`. Input is parsed here; the IdP metadata itself is parsed
 * by samlMetadata.ts (it needs X.509 parsing, a Node action).
 */
export const SAML_LIMITS = { maxDocumentSize: 1024 * 1024, defaultDocumentSize: 256 * 1024, maxClockSkewSeconds: 300, maxPem: 16 * 1024 } as const;

const pem = (label: string) =>
  z
    .string()
    .trim()
    .max(SAML_LIMITS.maxPem, `The ${label} is too long.`)
    .refine((text) => /^-----BEGIN [A-Z ]+-----[\s\S]+-----END [A-Z ]+-----$/.test(text), `Paste the ${label} in PEM form (-----BEGIN …-----).`);

const attribute = z.string().trim().min(1, "Name an attribute.").max(300, "Use at most 300 characters for an attribute name.");
const documentSize = z.number().int().min(8 * 1024, "Allow at least 8 KB.").max(SAML_LIMITS.maxDocumentSize, "Allow at most 1 MB.");

export const samlInput = z.object({
  // Left out: the saved metadata is read again (its URL fetched, or its XML re-parsed).
  metadata: z
    .object({ url: z.string().trim().min(1).optional(), xml: z.string().min(1).optional() })
    .refine((metadata) => (metadata.url === undefined) !== (metadata.xml === undefined), "Give the IdP metadata as a URL or as XML, not both.")
    .optional(),
  request: z
    .object({
      signAuthnRequests: z.boolean().default(false),
      nameIdFormat: z.string().trim().max(200).optional(),
      forceAuthn: z.boolean().default(false),
    })
    .default({ signAuthnRequests: false, forceAuthn: false }),
  security: z
    .object({
      requireSignedAssertions: z.boolean().default(true),
      requireTimestamps: z.boolean().default(true),
      clockSkewSeconds: z.number().int("Use whole seconds.").min(0).max(SAML_LIMITS.maxClockSkewSeconds, "Use at most 300 seconds of clock skew.").default(60),
      weakAlgorithmHandling: z.enum(["warn", "reject"]).default("reject"),
      maxMetadataSize: documentSize.default(SAML_LIMITS.defaultDocumentSize),
      maxResponseSize: documentSize.default(SAML_LIMITS.defaultDocumentSize),
    })
    .default({
      requireSignedAssertions: true,
      requireTimestamps: true,
      clockSkewSeconds: 60,
      weakAlgorithmHandling: "reject",
      maxMetadataSize: SAML_LIMITS.defaultDocumentSize,
      maxResponseSize: SAML_LIMITS.defaultDocumentSize,
    }),
  serviceProvider: z
    .object({
      entityId: z.string().trim().min(1).max(500).optional(),
      signingCert: pem("signing certificate").optional(),
      signingKey: pem("signing key").optional(),
      encryptionCert: pem("encryption certificate").optional(),
      encryptionKey: pem("encryption key").optional(),
    })
    .default({}),
  idpInitiated: z
    .object({
      enabled: z.boolean().default(false),
      defaultRedirect: z
        .string()
        .default("/dashboard")
        .refine((path) => parseRedirectTo(path) !== null, "Use a path on this site, like /dashboard."),
    })
    .default({ enabled: false, defaultRedirect: "/dashboard" }),
  profile: z
    .object({
      mapping: z
        .object({
          subject: attribute.optional(),
          email: attribute.default("email"),
          name: attribute.optional(),
          firstName: attribute.optional(),
          lastName: attribute.optional(),
          groups: attribute.optional(),
          roles: attribute.optional(),
        })
        .default({ email: "email", name: "name", firstName: "firstName", lastName: "lastName", groups: "groups" }),
      extraFields: z
        .record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/, "Field names start with a letter: letters, digits and _."), attribute)
        .refine((fields) => Object.keys(fields).length <= 20, "Map at most 20 extra fields.")
        .optional(),
    })
    .default({ mapping: { email: "email", name: "name", firstName: "firstName", lastName: "lastName", groups: "groups" } }),
});

export type SamlInput = z.output<typeof samlInput>;

/** The IdP's metadata, as samlMetadata.ts reads it. */
export interface ParsedIdpMetadata {
  entityId: string;
  ssoUrls: { redirect?: string; post?: string };
  certificates: Array<Omit<SamlCertificate, "addedTime">>;
}

/** Where the IdP reaches us: fixed per connection, so nobody can point the ACS elsewhere. */
export function serviceProviderUrls(connectionId: Id<"connections">) {
  const base = `/api/auth/saml/${connectionId}`;
  return { metadataUrl: convexSiteUrl(`${base}/metadata`), acsUrl: convexSiteUrl(`${base}/acs`) };
}

export function spEntityId(connectionId: Id<"connections">, config: Pick<SamlConfig, "serviceProvider"> | undefined): string {
  return config?.serviceProvider.entityId ?? serviceProviderUrls(connectionId).metadataUrl;
}

/**
 * Certificates to trust after reading metadata: what the IdP publishes now,
 * plus previously trusted ones that haven't expired (an IdP mid-rotation may
 * still sign with the old key after publishing the new one).
 */
export function mergeCertificates(previous: SamlCertificate[], published: ParsedIdpMetadata["certificates"], now = Date.now()) {
  const known = new Map(previous.map((cert) => [cert.fingerprint, cert]));
  const current = published.map((cert) => known.get(cert.fingerprint) ?? { ...cert, addedTime: now });
  const kept = previous.filter((cert) => !published.some((p) => p.fingerprint === cert.fingerprint) && cert.notAfter > now);
  const added = current.filter((cert) => !known.has(cert.fingerprint)).map((cert) => cert.fingerprint);
  const removed = previous.filter((cert) => !current.includes(cert) && !kept.includes(cert)).map((cert) => cert.fingerprint);
  return { certificates: [...current, ...kept], added, removed };
}

/** The admin-facing view: no private keys, no raw metadata. */
export function describeSaml(connectionId: Id<"connections">, config: SamlConfig) {
  const { metadata, request, security, serviceProvider, idpInitiated, profile } = config;
  const urls = serviceProviderUrls(connectionId);
  return {
    metadata: {
      url: metadata.url ?? null,
      entityId: metadata.entityId,
      ssoUrls: metadata.ssoUrls,
      certificates: metadata.certificates.map(({ fingerprint, notAfter, addedTime }) => ({ fingerprint, notAfter, addedTime })),
      fetchedTime: metadata.fetchedTime,
      lastRefresh: metadata.lastRefresh ?? null,
    },
    request,
    security,
    serviceProvider: {
      entityId: spEntityId(connectionId, config),
      acsUrl: urls.acsUrl,
      metadataUrl: urls.metadataUrl,
      signingCert: serviceProvider.signingCert ?? null,
      encryptionCert: serviceProvider.encryptionCert ?? null,
      hasSigningKey: Boolean(serviceProvider.signingKey),
      hasEncryptionKey: Boolean(serviceProvider.encryptionKey),
    },
    idpInitiated,
    profile,
  };
}

export type SamlView = ReturnType<typeof describeSaml>;
