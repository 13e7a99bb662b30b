import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Doc } from "../_generated/dataModel";
import { action, mutation, query } from "../_generated/server";
import { auth } from "../auth";
import { fail } from "../engine/errors";
import { oidcSettingsArgs, oidcStatus, readSamlMetadata, samlSettingsArgs, samlStatus, validateOidcNow, validateSamlNow } from "../engine/protocolSetup";
import type { ValidationRun } from "../engine/protocolShapes";
import type { SamlView } from "../engine/samlConfig";
import { noteSetupProgress, openSetupLink, setupLinkActor } from "../engine/setupLink";
import { claimOf, requireSetupLink, setupView } from "../engine/setupLinkAccess";

/**
 * The setup wizard's RPC (`api.auth.setup.*`), for the customer's IT admin,
 * who has no account here, only a setup link. Every function takes the
 * link's raw token and resolves it on the server to one connection and the
 * link's scopes (engine/setupLinkAccess.ts), refusing unknown, revoked and
 * expired links and scopes the link doesn't cover. The work is the same
 * engine code the console's RPC calls, with the link as the audit actor; after
 * each change that can finish a step, the link is checked for completion.
 */
const token = v.string();

/**
 * What the link sets up and how far that is. The wizard subscribes to it, so
 * it switches live to the expired or revoked state (the error's code).
 */
export const getSetup = query({
  args: { token },
  handler: async (ctx, args) => setupView(ctx, await requireSetupLink(ctx, args.token, null)),
});

/** Called once as the wizard opens: audited as `setup_link.opened` (once per visit). */
export const open = mutation({
  args: { token },
  handler: async (ctx, args) => {
    const { link } = await requireSetupLink(ctx, args.token, null);
    await openSetupLink(ctx, link);
    return null;
  },
});

// Single sign-on (scope "sso")

export const getOidc = query({
  args: { token },
  handler: async (ctx, args) => {
    const { connection } = await requireSetupLink(ctx, args.token, "sso");
    return connection.oidc ? auth.connection.oidc.describe(connection.oidc) : null;
  },
});

export const getOidcStatus = query({
  args: { token },
  handler: async (ctx, args) => oidcStatus((await requireSetupLink(ctx, args.token, "sso")).connection),
});

export const setOidc = mutation({
  args: { token, ...oidcSettingsArgs },
  handler: async (ctx, { token, ...input }) => {
    const { link, connection } = await requireSetupLink(ctx, token, "sso");
    const view = await auth.connection.oidc.set(ctx, { connection, input, actor: setupLinkActor(link) });
    await noteSetupProgress(ctx, link._id);
    return view;
  },
});

export const validateOidc = action({
  args: { token },
  handler: async (ctx, args): Promise<ValidationRun> => {
    const connectionId = await ctx.runQuery(internal.engine.setupLinkAccess.resolve, { token: args.token, scope: "sso" });
    return await validateOidcNow(ctx, connectionId);
  },
});

export const getSaml = query({
  args: { token },
  handler: async (ctx, args) => {
    const { connection } = await requireSetupLink(ctx, args.token, "sso");
    return connection.saml ? auth.connection.saml.describe(connection._id, connection.saml) : null;
  },
});

export const getSamlStatus = query({
  args: { token },
  handler: async (ctx, args) => samlStatus((await requireSetupLink(ctx, args.token, "sso")).connection),
});

/** Reads the IdP's metadata (fetched from its URL, or pasted XML) and saves the SAML settings. */
export const setSaml = action({
  args: { token, ...samlSettingsArgs },
  handler: async (ctx, { token, ...input }): Promise<SamlView> => {
    const connectionId = await ctx.runQuery(internal.engine.setupLinkAccess.resolve, { token, scope: "sso" });
    const read = await readSamlMetadata(ctx, connectionId, input);
    return await ctx.runMutation(internal.engine.setupLinkAccess.saveSamlThroughLink, { token, input, metadata: read });
  },
});

export const validateSaml = action({
  args: { token },
  handler: async (ctx, args): Promise<ValidationRun> => {
    const connectionId = await ctx.runQuery(internal.engine.setupLinkAccess.resolve, { token: args.token, scope: "sso" });
    return await validateSamlNow(ctx, connectionId);
  },
});

/** A one-time sign-in at the IdP with the saved settings; its tab ends on a page pointing back to the wizard. */
export const startTestSignIn = mutation({
  args: { token },
  handler: async (ctx, args) => {
    const { link, connection } = await requireSetupLink(ctx, args.token, "sso");
    return await auth.connection.test.start(ctx, { connection, setupLinkId: link._id, actor: setupLinkActor(link) });
  },
});

/** A test this link started (an admin's tests show their own identity's claims, so they stay in the console). */
export const getTestSignIn = query({
  args: { token, testId: v.string() },
  handler: async (ctx, args) => {
    const { link } = await requireSetupLink(ctx, args.token, "sso");
    const testId = ctx.db.normalizeId("ssoTests", args.testId);
    const test = testId ? await ctx.db.get(testId) : null;
    if (!test || test.setupLinkId !== link._id) fail("FORBIDDEN", "This test sign-in wasn't started from this setup link.");
    return auth.connection.test.describe(test);
  },
});

// SCIM provisioning (scope "scim")

export const getScimStatus = query({
  args: { token },
  handler: async (ctx, args) => {
    const { connection } = await requireSetupLink(ctx, args.token, "scim");
    return { ...auth.connection.scim.describe(connection), checks: auth.connection.scim.check(connection) };
  },
});

/**
 * Issues a SCIM bearer token, returned this once: the first one turns SCIM
 * on; a later one replaces the current token at once (a lost token can't be
 * shown again, only replaced).
 */
export const issueScimToken = mutation({
  args: { token },
  handler: async (ctx, args) => {
    const { link, connection } = await requireSetupLink(ctx, args.token, "scim");
    const input = connection.scim ? { rotateToken: true } : {};
    const { token: issued } = await auth.connection.scim.set(ctx, { connection, input, actor: setupLinkActor(link) });
    await noteSetupProgress(ctx, link._id);
    return { token: issued! };
  },
});

// Domains (scope "domains")

export const listDomains = query({
  args: { token },
  handler: async (ctx, args) => {
    const { connection } = await requireSetupLink(ctx, args.token, "domains");
    return (await auth.connection.domain.list(ctx, connection._id)).map(auth.connection.domain.describe);
  },
});

/** Adds a domain to the connection's (others stay as they are); it starts pending, with a TXT record to publish. */
export const addDomain = mutation({
  args: { token, domain: v.string() },
  handler: async (ctx, args) => {
    const { link, connection } = await requireSetupLink(ctx, args.token, "domains");
    const existing = await auth.connection.domain.list(ctx, connection._id);
    const primary = existing.find((row) => row.isPrimary)?.domain;
    const domains = [...existing.map((row) => row.domain), args.domain];
    await auth.connection.domain.set(ctx, { connection, domains, primary, actor: setupLinkActor(link) });
    return null;
  },
});

/** Removes a domain added by mistake; verified domains route sign-in, so only the group's admins remove those. */
export const removeDomain = mutation({
  args: { token, domain: v.string() },
  handler: async (ctx, args) => {
    const access = await requireSetupLink(ctx, args.token, "domains");
    const claim = await claimOf(ctx, access, args.domain);
    if (claim.status === "verified") fail("FORBIDDEN", "A verified domain can only be removed by the organization's admins.");
    const rest: Doc<"domains">[] = (await auth.connection.domain.list(ctx, access.connection._id)).filter((row) => row._id !== claim._id);
    const primary = rest.find((row) => row.isPrimary)?.domain;
    await auth.connection.domain.set(ctx, { connection: access.connection, domains: rest.map((row) => row.domain), primary, actor: setupLinkActor(access.link) });
    return null;
  },
});

/** A fresh TXT record for the domain (the old value stops counting). */
export const requestDomainVerification = mutation({
  args: { token, domain: v.string() },
  handler: async (ctx, args) => {
    const access = await requireSetupLink(ctx, args.token, "domains");
    const claim = await claimOf(ctx, access, args.domain);
    return await auth.connection.domain.requestVerification(ctx, { domain: claim, actor: setupLinkActor(access.link) });
  },
});

/** Looks up the TXT record over DNS (a Node action) and records the outcome. */
export const confirmDomainVerification = action({
  args: { token, domain: v.string() },
  handler: async (ctx, args): Promise<Doc<"domains">["status"]> => {
    const recordName = await ctx.runQuery(internal.engine.setupLinkAccess.prepareDomainCheck, args);
    const lookup = await ctx.runAction(internal.engine.dns.resolveTxt, { name: recordName });
    return await ctx.runMutation(internal.engine.setupLinkAccess.recordDomainCheck, { ...args, lookup });
  },
});
