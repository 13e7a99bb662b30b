import { randomBytes } from "node:crypto";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import schema from "../../convex/schema";
import { generateSamlSigningCertificate } from "../demo-idp/saml-certificates";
import { renderSamlMetadata } from "../demo-idp/saml-metadata";
import { createUser, type Backend, type TestUser } from "./convex";
import { needle, pemNeedles, textOf, type Needle } from "./leaks";

/**
 * A group with everything that has a secret set up through the public RPC,
 * as an admin would: an OIDC connection with a client secret, a SAML
 * connection with SP signing and encryption keys, a webhook endpoint, a SCIM
 * token, a setup link, a test sign-in and an invitation. The tests that
 * look for secrets where they must not be (convex/secrets.test.ts,
 * convex/engine/secretRotation.test.ts) start from it.
 *
 * Needs ENCRYPTION_KEYS, and ALLOW_PRIVATE_IDP_URLS for the IdP address
 * (127.0.0.1:9, where nothing listens, so fetches fail at once).
 */
export interface ConfiguredTenant {
  admin: TestUser;
  groupId: Id<"groups">;
  oidcConnectionId: Id<"connections">;
  samlConnectionId: Id<"connections">;
  endpointId: Id<"webhookEndpoints">;
  deliveryId: Id<"webhookDeliveries">;
  testId: Id<"ssoTests">;
  setupLinkId: Id<"setupLinks">;
  domain: string;
  /** The raw values the admin typed or was shown once. */
  plaintexts: {
    clientSecret: string;
    spSigningKey: string;
    spEncryptionKey: string;
    webhookSecret: string;
    scimToken: string;
    setupLinkToken: string;
    testToken: string;
    inviteToken?: string;
  };
  /** The SP keys' certificates, which are public and share the key's modulus. */
  certificates: { spSigningKey: string; spEncryptionKey: string };
}

const IDP = "http://127.0.0.1:9";

export async function configuredTenant(t: Backend, name = "acme"): Promise<ConfiguredTenant> {
  const g = api.auth.group;
  const domain = `${name}.test`;
  const admin = await createUser(t, { email: `admin@${domain}` });
  const { groupId } = await admin.client.mutation(api.groups.create, { name });

  const clientSecret = `client-secret-${randomBytes(16).toString("hex")}`;
  const oidcConnectionId = await admin.client.mutation(g.createConnection, { groupId, protocol: "oidc", name: `${name} OIDC` });
  await admin.client.mutation(g.setOidc, { connectionId: oidcConnectionId, discovery: { issuer: IDP }, client: { id: "app", secret: clientSecret } });
  await admin.client.mutation(g.setDomains, { connectionId: oidcConnectionId, domains: [domain] });
  await t.run(async (ctx) => {
    const row = (await ctx.db.query("domains").withIndex("by_domain", (q) => q.eq("domain", domain)).unique())!;
    await ctx.db.patch(row._id, { status: "verified", verifiedTime: Date.now() });
  });

  const [idpCertificate, spSigning, spEncryption] = await Promise.all([generateSamlSigningCertificate(), generateSamlSigningCertificate(), generateSamlSigningCertificate()]);
  const samlConnectionId = await admin.client.mutation(g.createConnection, { groupId, protocol: "saml", name: `${name} SAML` });
  await admin.client.action(g.setSaml, {
    connectionId: samlConnectionId,
    metadata: { xml: renderSamlMetadata({ entityId: `${IDP}/saml`, ssoUrl: `${IDP}/saml/sso`, certificatePems: [idpCertificate.certificatePem] }) },
    request: { signAuthnRequests: true },
    serviceProvider: {
      signingCert: spSigning.certificatePem,
      signingKey: spSigning.privateKeyPem,
      encryptionCert: spEncryption.certificatePem,
      encryptionKey: spEncryption.privateKeyPem,
    },
  });

  const { endpointId, secret: webhookSecret } = await admin.client.mutation(g.createWebhookEndpoint, { connectionId: oidcConnectionId, url: `${IDP}/hook`, kinds: ["*"] });
  await admin.client.mutation(g.sendWebhookTestEvent, { endpointId });
  const deliveryId = await t.run(async (ctx) => (await ctx.db.query("webhookDeliveries").withIndex("by_endpointId", (q) => q.eq("endpointId", endpointId)).first())!._id);
  const { token: scimToken } = await admin.client.mutation(g.setScim, { connectionId: oidcConnectionId });
  const { setupLinkId, url } = await admin.client.mutation(g.createSetupLink, { connectionId: samlConnectionId, scopes: ["sso", "scim", "domains"] });
  const test = await admin.client.mutation(g.startTestSignIn, { connectionId: oidcConnectionId });
  return {
    admin,
    groupId,
    oidcConnectionId,
    samlConnectionId,
    endpointId,
    deliveryId,
    testId: test.testId,
    setupLinkId,
    domain,
    plaintexts: {
      clientSecret,
      spSigningKey: spSigning.privateKeyPem,
      spEncryptionKey: spEncryption.privateKeyPem,
      webhookSecret,
      scimToken: scimToken!,
      setupLinkToken: new URL(url).pathname.split("/").pop()!,
      testToken: new URL(test.url).searchParams.get("test")!,
    },
    certificates: { spSigningKey: spSigning.certificatePem, spEncryptionKey: spEncryption.certificatePem },
  };
}

/** The plaintexts as needles (a PEM key by each of its private lines). */
export function plaintextNeedles({ plaintexts, certificates }: Pick<ConfiguredTenant, "plaintexts" | "certificates">): Needle[] {
  return Object.entries(plaintexts).flatMap(([label, value]) => {
    if (value === undefined) return [];
    if (label in certificates) return pemNeedles(label, value, certificates[label as keyof typeof certificates]);
    return [needle(label, value)];
  });
}

/** Every document of every table as one text, to search for what must not be stored. */
export async function databaseText(t: Backend): Promise<string> {
  return await t.run(async (ctx) => {
    const tables: Record<string, unknown> = {};
    for (const table of Object.keys(schema.tables) as Array<keyof typeof schema.tables>) tables[table] = await ctx.db.query(table).collect();
    return textOf(tables);
  });
}

/** Fields that hold a hash of a credential (tokens, codes, states) or a protocol secret kept for one sign-in. */
const HASH_FIELD = /hash$|^codeVerifier$|^nonce$/i;
/** @convex-dev/auth's own: the password hash and the hashed email code. */
const LIBRARY_SECRETS: Record<string, string[]> = { authAccounts: ["secret"], authVerificationCodes: ["code"] };

/**
 * What the database holds that must never leave it: every sealed value's
 * ciphertext and iv, and every hash of a credential, read from all tables.
 */
export async function storedSecrets(t: Backend): Promise<Needle[]> {
  return await t.run(async (ctx) => {
    const found: Needle[] = [];
    const walk = (table: string, field: string, value: unknown): void => {
      if (typeof value === "string") {
        if (HASH_FIELD.test(field) || LIBRARY_SECRETS[table]?.includes(field)) found.push(needle(`${table}.${field}`, value));
      } else if (Array.isArray(value)) {
        for (const item of value) walk(table, field, item);
      } else if (typeof value === "object" && value !== null) {
        const record = value as Record<string, unknown>;
        if (typeof record.ciphertext === "string" && typeof record.iv === "string" && typeof record.keyId === "string") {
          found.push(needle(`${table}.${field} ciphertext`, record.ciphertext), needle(`${table}.${field} iv`, record.iv));
          return;
        }
        for (const [key, item] of Object.entries(record)) walk(table, key, item);
      }
    };
    for (const table of Object.keys(schema.tables) as Array<keyof typeof schema.tables>) {
      for (const doc of await ctx.db.query(table).collect()) walk(table, "", doc);
    }
    return found;
  });
}
