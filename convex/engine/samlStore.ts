import { v } from "convex/values";
import type { Doc } from "../_generated/dataModel";
import { internalMutation, internalQuery, type MutationCtx } from "../_generated/server";
import { recordProtocolSet, userActor, type AuditInput } from "./audit";
import { fail } from "./errors";
import { parse, withoutUndefined } from "./parse";
import { validationRun, type SamlConfig } from "./protocolShapes";
import { describeSaml, mergeCertificates, samlInput, serviceProviderUrls, spEntityId, type ParsedIdpMetadata, type SamlView } from "./samlConfig";
import { metadataFor } from "./samlSpMetadata";
import { seal } from "./secret";

/** The database side of SAML set-up: the saved config for the Node actions, and saving a new one. */
export const load = internalQuery({
  args: { connectionId: v.id("connections") },
  handler: async (ctx, args) => {
    const connection = await ctx.db.get(args.connectionId);
    if (!connection?.saml) fail("NOT_READY", "Save the SAML settings first.");
    return { config: connection.saml, spEntityId: spEntityId(connection._id, connection.saml), acsUrl: serviceProviderUrls(connection._id).acsUrl };
  },
});

export const parsedMetadata = v.object({
  xml: v.string(),
  url: v.optional(v.string()),
  parsed: v.object({
    entityId: v.string(),
    ssoUrls: v.object({ redirect: v.optional(v.string()), post: v.optional(v.string()) }),
    certificates: v.array(v.object({ pem: v.string(), fingerprint: v.string(), notAfter: v.number() })),
  }),
});

/** Replaces the SAML settings; omitted private keys keep the saved ones. */
export async function saveSaml(
  ctx: MutationCtx,
  { connection, input, metadata, actor }: { connection: Doc<"connections">; input: unknown; metadata: { xml: string; url?: string; parsed: ParsedIdpMetadata }; actor: AuditInput["actor"] },
): Promise<SamlView> {
  if (connection.protocol !== "saml") fail("INVALID_INPUT", "This connection uses OpenID Connect, not SAML.");
  const { request, security, serviceProvider, idpInitiated, profile } = parse(samlInput, input, { nameField: true });
  const previous = connection.saml;
  const now = Date.now();
  // Certificates of the same IdP accumulate (rotation); another IdP starts afresh.
  const sameIdp = previous?.metadata.entityId === metadata.parsed.entityId;
  const { certificates } = mergeCertificates(sameIdp ? previous.metadata.certificates : [], metadata.parsed.certificates, now);
  const signingKey = serviceProvider.signingKey !== undefined ? await seal(serviceProvider.signingKey) : previous?.serviceProvider.signingKey;
  const encryptionKey = serviceProvider.encryptionKey !== undefined ? await seal(serviceProvider.encryptionKey) : previous?.serviceProvider.encryptionKey;
  if (request.signAuthnRequests && !signingKey) fail("INVALID_INPUT", "serviceProvider.signingKey: signing AuthnRequests needs an SP signing key.");
  const config: SamlConfig = {
    metadata: {
      ...(metadata.url ? { url: metadata.url } : {}),
      xml: metadata.xml,
      entityId: metadata.parsed.entityId,
      ssoUrls: metadata.parsed.ssoUrls,
      certificates,
      fetchedTime: now,
    },
    request: { signAuthnRequests: request.signAuthnRequests, forceAuthn: request.forceAuthn, ...(request.nameIdFormat ? { nameIdFormat: request.nameIdFormat } : {}) },
    security,
    serviceProvider: {
      ...(serviceProvider.entityId ? { entityId: serviceProvider.entityId } : {}),
      ...((serviceProvider.signingCert ?? previous?.serviceProvider.signingCert) ? { signingCert: serviceProvider.signingCert ?? previous?.serviceProvider.signingCert } : {}),
      ...(signingKey ? { signingKey } : {}),
      ...((serviceProvider.encryptionCert ?? previous?.serviceProvider.encryptionCert) ? { encryptionCert: serviceProvider.encryptionCert ?? previous?.serviceProvider.encryptionCert } : {}),
      ...(encryptionKey ? { encryptionKey } : {}),
    },
    idpInitiated,
    profile: { mapping: withoutUndefined(profile.mapping), ...(profile.extraFields ? { extraFields: profile.extraFields } : {}) },
  };
  await ctx.db.patch(connection._id, { saml: config });
  await recordProtocolSet(ctx, { connection, actor, metadata: { protocol: "saml", idpEntityId: metadata.parsed.entityId, certificates: certificates.length, idpInitiated: idpInitiated.enabled } });
  return describeSaml(connection._id, config);
}

export const save = internalMutation({
  args: { connectionId: v.id("connections"), userId: v.id("users"), input: v.any(), metadata: parsedMetadata },
  handler: async (ctx, args) => {
    const connection = await ctx.db.get(args.connectionId);
    if (!connection) fail("FORBIDDEN", "You don't have access to this.");
    const user = await ctx.db.get(args.userId);
    return await saveSaml(ctx, { connection, input: args.input, metadata: args.metadata, actor: userActor(args.userId, user?.name ?? user?.email) });
  },
});

/** Stores a validateSaml run. */
export const storeValidation = internalMutation({
  args: { connectionId: v.id("connections"), run: validationRun },
  handler: async (ctx, args) => {
    const connection = await ctx.db.get(args.connectionId);
    if (connection?.saml) await ctx.db.patch(connection._id, { saml: { ...connection.saml, validation: args.run } });
  },
});

/** The saved metadata's source, for a save that leaves the metadata out. */
export const savedMetadata = internalQuery({
  args: { connectionId: v.id("connections") },
  handler: async (ctx, args) => {
    const saml = (await ctx.db.get(args.connectionId))?.saml;
    if (!saml) return null;
    return saml.metadata.url !== undefined ? { url: saml.metadata.url } : { xml: saml.metadata.xml };
  },
});

/** A SAML connection's id, from the ACS path (anything else: null). */
export const connectionIdOf = internalQuery({
  args: { connectionId: v.string() },
  handler: async (ctx, args) => {
    const connectionId = ctx.db.normalizeId("connections", args.connectionId);
    const connection = connectionId ? await ctx.db.get(connectionId) : null;
    return connection?.saml ? connection._id : null;
  },
});

/** SP metadata for the public route and the `metadata` query; null for unknown and OIDC connections. */
export const spMetadata = internalQuery({
  args: { connectionId: v.string() },
  handler: (ctx, args) => metadataFor(ctx, args.connectionId),
});

