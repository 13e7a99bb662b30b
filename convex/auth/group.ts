import { paginationOptsValidator } from "convex/server";
import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Doc } from "../_generated/dataModel";
import { query, type QueryCtx } from "../_generated/server";
import { auth } from "../auth";
import { userActor } from "../engine/audit";
import { fail } from "../engine/errors";
import type { Grant } from "../engine/grants";
import { withoutUndefined } from "../engine/parse";
import type { SamlView } from "../engine/samlConfig";
import { policyFields } from "../engine/policyShape";
import { oidcSettingsArgs, oidcStatus, readSamlMetadata, samlSettingsArgs, samlStatus, validateOidcNow, validateSamlNow } from "../engine/protocolSetup";
import type { ValidationRun } from "../engine/protocolShapes";
import { httpSender, runSequences, type SelfCheckStep } from "../engine/scim/selfCheck";
import { SETUP_SCOPES, setupScope, type SetupScope } from "../engine/setupScope";
import { connectionStatus as connectionStatusValidator } from "../engine/validators";
import { authAction, authMutation, authQuery } from "../functions";

/**
 * The group SSO RPC (`api.auth.group.*`): every admin export authorizes with
 * `auth.member.assert` and forwards to the `auth.connection.*` facade. Only
 * `signIn` and `metadata` are public, as sign-in needs them before there is a
 * session. Ids arrive as strings: an unknown id, another table's id and
 * another group's id are all FORBIDDEN.
 */
const protocol = v.union(v.literal("oidc"), v.literal("saml"));

async function connectionFor(ctx: QueryCtx & { auth: { userId: Doc<"users">["_id"] } }, id: string, grants: Grant[]) {
  const connectionId = ctx.db.normalizeId("connections", id);
  const connection = connectionId ? await auth.connection.get(ctx, connectionId) : null;
  if (!connection) fail("FORBIDDEN", "You don't have access to this.");
  await auth.member.assert(ctx, { userId: ctx.auth.userId, groupId: connection.groupId, grants });
  return connection;
}

/** The caller as the audit log names them: id plus the name or email at the time. */
async function actorOf(ctx: QueryCtx & { auth: { userId: Doc<"users">["_id"] } }) {
  const user = await auth.user.get(ctx, ctx.auth.userId);
  return userActor(ctx.auth.userId, user?.name ?? user?.email ?? undefined);
}

// Connection

export const createConnection = authMutation({
  args: { groupId: v.string(), protocol, name: v.optional(v.string()) },
  handler: async (ctx, args) => {
    const { groupId } = await auth.member.assert(ctx, { userId: ctx.auth.userId, groupId: args.groupId, grants: ["connection.create"] });
    return await auth.connection.create(ctx, { groupId, protocol: args.protocol, name: args.name, actor: await actorOf(ctx) });
  },
});

export const getConnection = authQuery({
  args: { id: v.string() },
  handler: async (ctx, args) => auth.connection.describe(await connectionFor(ctx, args.id, ["connection.read"])),
});

export const getConnectionByDomain = authQuery({
  args: { domain: v.string() },
  handler: async (ctx, args) => {
    const connection = await auth.connection.getByDomain(ctx, args.domain.trim().toLowerCase());
    if (!connection) return null;
    await auth.member.assert(ctx, { userId: ctx.auth.userId, groupId: connection.groupId, grants: ["connection.read"] });
    return auth.connection.describe(connection);
  },
});

export const listConnections = authQuery({
  args: { groupId: v.string() },
  handler: async (ctx, args) => {
    const { groupId } = await auth.member.assert(ctx, { userId: ctx.auth.userId, groupId: args.groupId, grants: ["connection.read"] });
    const rows = [];
    for (const connection of await auth.connection.list(ctx, groupId)) {
      const domains = await auth.connection.domain.list(ctx, connection._id);
      rows.push({ ...auth.connection.describe(connection), domains: domains.map(auth.connection.domain.describe) });
    }
    return rows;
  },
});

export const updateConnection = authMutation({
  args: {
    id: v.string(),
    data: v.object({ name: v.optional(v.string()), status: v.optional(connectionStatusValidator), overrideTest: v.optional(v.boolean()) }),
  },
  handler: async (ctx, args) => {
    const connection = await connectionFor(ctx, args.id, ["connection.manage"]);
    await auth.connection.update(ctx, { connection, patch: args.data, actor: await actorOf(ctx) });
    return null;
  },
});

export const deleteConnection = authMutation({
  args: { id: v.string() },
  handler: async (ctx, args) => {
    const connection = await connectionFor(ctx, args.id, ["connection.manage"]);
    await auth.connection.delete(ctx, { connection, actor: await actorOf(ctx) });
    return null;
  },
});

export const getConnectionStatus = authQuery({
  args: { id: v.string() },
  handler: async (ctx, args) => auth.connection.status(ctx, await connectionFor(ctx, args.id, ["connection.read"])),
});

// Domains

export const listDomains = authQuery({
  args: { connectionId: v.string() },
  handler: async (ctx, args) => {
    const connection = await connectionFor(ctx, args.connectionId, ["connection.read"]);
    return (await auth.connection.domain.list(ctx, connection._id)).map(auth.connection.domain.describe);
  },
});

export const getDomainStatus = authQuery({
  args: { connectionId: v.string(), domain: v.string() },
  handler: async (ctx, args) => {
    const connection = await connectionFor(ctx, args.connectionId, ["connection.read"]);
    const [check] = await auth.connection.domain.validate(ctx, { connectionId: connection._id, domains: [args.domain] });
    const row = check?.domain ? (await auth.connection.domain.list(ctx, connection._id)).find((d) => d.domain === check.domain) : null;
    return row ? auth.connection.domain.describe(row) : null;
  },
});

export const validateDomains = authQuery({
  args: { connectionId: v.string(), domains: v.array(v.string()) },
  handler: async (ctx, args) => {
    const connection = await connectionFor(ctx, args.connectionId, ["connection.read"]);
    if (args.domains.length > 100) fail("INVALID_INPUT", "Check at most 100 domains at once.");
    return await auth.connection.domain.validate(ctx, { connectionId: connection._id, domains: args.domains });
  },
});

export const setDomains = authMutation({
  args: { connectionId: v.string(), domains: v.array(v.string()), primary: v.optional(v.string()) },
  handler: async (ctx, args) => {
    const connection = await connectionFor(ctx, args.connectionId, ["connection.domain.manage"]);
    await auth.connection.domain.set(ctx, { connection, domains: args.domains, primary: args.primary, actor: await actorOf(ctx) });
    return (await auth.connection.domain.list(ctx, connection._id)).map(auth.connection.domain.describe);
  },
});

export const requestDomainVerification = authMutation({
  args: { connectionId: v.string(), domain: v.string() },
  handler: async (ctx, args) => {
    const connection = await connectionFor(ctx, args.connectionId, ["connection.domain.manage"]);
    const [check] = await auth.connection.domain.validate(ctx, { connectionId: connection._id, domains: [args.domain] });
    const row = check?.domain ? (await auth.connection.domain.list(ctx, connection._id)).find((d) => d.domain === check.domain) : null;
    if (!row) fail("NOT_FOUND", "This connection doesn't claim that domain.");
    return await auth.connection.domain.requestVerification(ctx, { domain: row, actor: await actorOf(ctx) });
  },
});

/** Looks up the TXT record over DNS (a Node action) and records the outcome. */
export const confirmDomainVerification = authAction({
  args: { connectionId: v.string(), domain: v.string() },
  handler: async (ctx, args): Promise<Doc<"domains">["status"]> => {
    const target = { userId: ctx.auth.userId, connectionId: args.connectionId, domain: args.domain };
    const { recordName } = await ctx.runQuery(internal.engine.domainVerification.prepare, target);
    const lookup = await ctx.runAction(internal.engine.dns.resolveTxt, { name: recordName });
    return await ctx.runMutation(internal.engine.domainVerification.record, { ...target, lookup });
  },
});

// Protocols

export const setOidc = authMutation({
  args: { connectionId: v.string(), ...oidcSettingsArgs },
  handler: async (ctx, { connectionId, ...input }) => {
    const connection = await connectionFor(ctx, connectionId, ["connection.protocol.manage"]);
    return await auth.connection.oidc.set(ctx, { connection, input, actor: await actorOf(ctx) });
  },
});

export const getOidc = authQuery({
  args: { connectionId: v.string() },
  handler: async (ctx, args) => auth.connection.describe(await connectionFor(ctx, args.connectionId, ["connection.read"])).oidc,
});

export const getOidcStatus = authQuery({
  args: { connectionId: v.string() },
  handler: async (ctx, args) => oidcStatus(await connectionFor(ctx, args.connectionId, ["connection.read"])),
});

/** Fetches the IdP's discovery document and keys with the saved settings; the result is also stored. */
export const validateOidc = authAction({
  args: { connectionId: v.string() },
  handler: async (ctx, args): Promise<ValidationRun> => {
    const connectionId = await ctx.runQuery(internal.auth.access.assertConnection, { userId: ctx.auth.userId, connectionId: args.connectionId, grant: "connection.protocol.manage" });
    return await validateOidcNow(ctx, connectionId);
  },
});

// Test sign-in

/** A one-time link that runs a real IdP login against the saved settings, without a session. */
export const startTestSignIn = authMutation({
  args: { connectionId: v.string() },
  handler: async (ctx, args) => {
    const connection = await connectionFor(ctx, args.connectionId, ["connection.protocol.manage"]);
    return await auth.connection.test.start(ctx, { connection, userId: ctx.auth.userId, actor: await actorOf(ctx) });
  },
});

export const getTestSignIn = authQuery({
  args: { testId: v.string() },
  handler: async (ctx, args) => {
    const testId = ctx.db.normalizeId("ssoTests", args.testId);
    const test = testId ? await ctx.db.get(testId) : null;
    if (!test) fail("FORBIDDEN", "You don't have access to this.");
    await connectionFor(ctx, test.connectionId, ["connection.read"]);
    return auth.connection.test.describe(test);
  },
});

/** Reads the IdP's metadata (fetched from its URL, or pasted XML) and saves the SAML settings. */
export const setSaml = authAction({
  args: { connectionId: v.string(), ...samlSettingsArgs },
  handler: async (ctx, { connectionId: rawId, ...input }): Promise<SamlView> => {
    const connectionId = await ctx.runQuery(internal.auth.access.assertConnection, { userId: ctx.auth.userId, connectionId: rawId, grant: "connection.protocol.manage" });
    const read = await readSamlMetadata(ctx, connectionId, input);
    return await ctx.runMutation(internal.engine.samlStore.save, { connectionId, userId: ctx.auth.userId, input, metadata: read });
  },
});

export const getSaml = authQuery({
  args: { connectionId: v.string() },
  handler: async (ctx, args) => auth.connection.describe(await connectionFor(ctx, args.connectionId, ["connection.read"])).saml,
});

export const getSamlStatus = authQuery({
  args: { connectionId: v.string() },
  handler: async (ctx, args) => samlStatus(await connectionFor(ctx, args.connectionId, ["connection.read"])),
});

export const validateSaml = authAction({
  args: { connectionId: v.string() },
  handler: async (ctx, args): Promise<ValidationRun> => {
    const connectionId = await ctx.runQuery(internal.auth.access.assertConnection, { userId: ctx.auth.userId, connectionId: args.connectionId, grant: "connection.protocol.manage" });
    return await validateSamlNow(ctx, connectionId);
  },
});

/** Re-reads the IdP's metadata URL now (the daily job does it too); the last good copy stays on failure. */
export const refreshSaml = authAction({
  args: { connectionId: v.string() },
  handler: async (ctx, args): Promise<{ ok: boolean; message: string }> => {
    const connectionId = await ctx.runQuery(internal.auth.access.assertConnection, { userId: ctx.auth.userId, connectionId: args.connectionId, grant: "connection.protocol.manage" });
    const actor = { type: "user" as const, id: ctx.auth.userId };
    return (await ctx.runAction(internal.engine.samlRefresh.refreshOne, { connectionId, actor })) ?? fail("NOT_READY", "Save the SAML settings first.");
  },
});

/** Saves SCIM settings; the bearer token is returned once, when it is issued (first set-up or `rotateToken`). */
export const setScim = authMutation({
  args: {
    connectionId: v.string(),
    status: v.optional(v.any()),
    security: v.optional(v.any()),
    profile: v.optional(v.any()),
    rotateToken: v.optional(v.boolean()),
    overlapSeconds: v.optional(v.number()),
    revokeTokens: v.optional(v.boolean()),
  },
  handler: async (ctx, { connectionId, ...input }) => {
    const connection = await connectionFor(ctx, connectionId, ["connection.scim.manage"]);
    return await auth.connection.scim.set(ctx, { connection, input, actor: await actorOf(ctx) });
  },
});

export const getScim = authQuery({
  args: { connectionId: v.string() },
  handler: async (ctx, args) => auth.connection.scim.describe(await connectionFor(ctx, args.connectionId, ["connection.read"])),
});

export const getScimStatus = authQuery({
  args: { connectionId: v.string() },
  handler: async (ctx, args) => {
    const connection = await connectionFor(ctx, args.connectionId, ["connection.read"]);
    return { ...auth.connection.scim.describe(connection), checks: auth.connection.scim.check(connection) };
  },
});

/** The checks on the saved settings, and what the endpoint supports. */
export const validateScim = authAction({
  args: { connectionId: v.string() },
  handler: async (ctx, args): Promise<ValidationRun & { capabilities: string[] }> => {
    const connectionId = await ctx.runQuery(internal.auth.access.assertConnection, { userId: ctx.auth.userId, connectionId: args.connectionId, grant: "connection.scim.manage" });
    return await ctx.runQuery(internal.engine.scim.validation.run, { connectionId });
  },
});

/**
 * Runs recorded Entra ID and Okta request sequences against the live SCIM
 * endpoint with a short-lived token of its own, then removes its test users.
 */
export const runScimSelfCheck = authAction({
  args: { connectionId: v.string() },
  handler: async (ctx, args): Promise<{ ok: boolean; time: number; steps: SelfCheckStep[] }> => {
    const connectionId = await ctx.runQuery(internal.auth.access.assertConnection, { userId: ctx.auth.userId, connectionId: args.connectionId, grant: "connection.scim.manage" });
    const { token, tokenHash, baseUrl, domain } = await ctx.runMutation(internal.engine.scim.selfCheck.begin, { connectionId });
    let result: Awaited<ReturnType<typeof runSequences>> = { steps: [], emails: [] };
    try {
      result = await runSequences(httpSender(baseUrl, token), domain);
    } finally {
      await ctx.runMutation(internal.engine.scim.selfCheck.finish, { connectionId, tokenHash, emails: result.emails });
    }
    return { ok: result.steps.every((step) => step.ok), time: Date.now(), steps: result.steps };
  },
});

// Setup links

/** A link may only hand over what its creator may do themselves. */
function grantsFor(scopes: readonly SetupScope[]): Grant[] {
  const byScope: Record<SetupScope, Grant> = { sso: "connection.protocol.manage", scim: "connection.scim.manage", domains: "connection.domain.manage" };
  return SETUP_SCOPES.filter((scope) => scopes.includes(scope)).map((scope) => byScope[scope]);
}

/** Creates a setup link for the customer's IT admin; its URL (which carries the token) is returned this once. */
export const createSetupLink = authMutation({
  args: { connectionId: v.string(), scopes: v.array(setupScope), ttlHours: v.optional(v.number()), note: v.optional(v.string()) },
  handler: async (ctx, { connectionId, ...args }) => {
    const connection = await connectionFor(ctx, connectionId, ["connection.manage", ...grantsFor(args.scopes)]);
    return await auth.connection.setupLink.create(ctx, { connection, ...args, userId: ctx.auth.userId, actor: await actorOf(ctx) });
  },
});

export const listSetupLinks = authQuery({
  args: { connectionId: v.string() },
  handler: async (ctx, args) => auth.connection.setupLink.list(ctx, await connectionFor(ctx, args.connectionId, ["connection.read"])),
});

export const revokeSetupLink = authMutation({
  args: { setupLinkId: v.string() },
  handler: async (ctx, args) => {
    const setupLinkId = ctx.db.normalizeId("setupLinks", args.setupLinkId);
    const link = setupLinkId ? await ctx.db.get(setupLinkId) : null;
    if (!link) fail("FORBIDDEN", "You don't have access to this.");
    await connectionFor(ctx, link.connectionId, ["connection.manage", ...grantsFor(link.scopes)]);
    await auth.connection.setupLink.revoke(ctx, { link, userId: ctx.auth.userId, actor: await actorOf(ctx) });
    return null;
  },
});

// Policy

const policyPatch = v.object(Object.fromEntries(Object.entries(policyFields).map(([key, validator]) => [key, v.optional(validator)])) as {
  [K in keyof typeof policyFields]: ReturnType<typeof v.optional<(typeof policyFields)[K]>>;
});

export const getPolicy = authQuery({
  args: { groupId: v.string() },
  handler: async (ctx, args) => {
    const { groupId } = await auth.member.assert(ctx, { userId: ctx.auth.userId, groupId: args.groupId, grants: ["connection.read"] });
    return await auth.connection.policy.get(ctx, groupId);
  },
});

export const updatePolicy = authMutation({
  args: { groupId: v.string(), data: policyPatch },
  handler: async (ctx, args) => {
    const { groupId } = await auth.member.assert(ctx, { userId: ctx.auth.userId, groupId: args.groupId, grants: ["connection.policy.manage"] });
    return await auth.connection.policy.update(ctx, { groupId, patch: withoutUndefined(args.data), actor: await actorOf(ctx) });
  },
});

export const validatePolicy = authQuery({
  args: { groupId: v.string(), data: policyPatch },
  handler: async (ctx, args) => {
    const { groupId } = await auth.member.assert(ctx, { userId: ctx.auth.userId, groupId: args.groupId, grants: ["connection.read"] });
    const candidate = { ...(await auth.connection.policy.get(ctx, groupId)), ...withoutUndefined(args.data) };
    return await auth.connection.policy.validate(ctx, groupId, candidate);
  },
});


// Audit and webhooks

export const listAudit = authQuery({
  args: {
    groupId: v.string(),
    connectionId: v.optional(v.string()),
    kind: v.optional(v.string()),
    outcome: v.optional(v.union(v.literal("success"), v.literal("failure"))),
    from: v.optional(v.number()),
    to: v.optional(v.number()),
    paginationOpts: paginationOptsValidator,
  },
  handler: async (ctx, args) => {
    const { groupId } = await auth.member.assert(ctx, { userId: ctx.auth.userId, groupId: args.groupId, grants: ["connection.audit.read"] });
    let connectionId: Doc<"connections">["_id"] | undefined;
    if (args.connectionId !== undefined) {
      const connection = await connectionFor(ctx, args.connectionId, ["connection.audit.read"]);
      if (connection.groupId !== groupId) fail("FORBIDDEN", "You don't have access to this.");
      connectionId = connection._id;
    }
    if (args.paginationOpts.numItems > 200) fail("INVALID_INPUT", "Ask for at most 200 events at a time.");
    return await auth.event.list(ctx, { groupId, connectionId, kind: args.kind, outcome: args.outcome, from: args.from, to: args.to }, args.paginationOpts);
  },
});

export const createWebhookEndpoint = authMutation({
  args: { connectionId: v.string(), url: v.string(), kinds: v.array(v.string()) },
  handler: async (ctx, args) => {
    const connection = await connectionFor(ctx, args.connectionId, ["connection.webhook.manage"]);
    return await auth.connection.webhook.create(ctx, {
      groupId: connection.groupId,
      connectionId: connection._id,
      url: args.url,
      kinds: args.kinds,
      createdByUserId: ctx.auth.userId,
      actor: await actorOf(ctx),
    });
  },
});

export const listWebhookEndpoints = authQuery({
  args: { connectionId: v.string() },
  handler: async (ctx, args) => {
    const connection = await connectionFor(ctx, args.connectionId, ["connection.webhook.manage"]);
    return await auth.connection.webhook.list(ctx, connection._id);
  },
});

async function endpointFor(ctx: QueryCtx & { auth: { userId: Doc<"users">["_id"] } }, id: string) {
  const endpointId = ctx.db.normalizeId("webhookEndpoints", id);
  const endpoint = endpointId ? await ctx.db.get(endpointId) : null;
  if (!endpoint) fail("FORBIDDEN", "You don't have access to this.");
  await auth.member.assert(ctx, { userId: ctx.auth.userId, groupId: endpoint.groupId, grants: ["connection.webhook.manage"] });
  return endpoint;
}

export const disableWebhookEndpoint = authMutation({
  args: { endpointId: v.string() },
  handler: async (ctx, args) => {
    const endpoint = await endpointFor(ctx, args.endpointId);
    await auth.connection.webhook.disable(ctx, endpoint._id, await actorOf(ctx));
    return null;
  },
});

export const rotateWebhookSecret = authMutation({
  args: { endpointId: v.string() },
  handler: async (ctx, args) => auth.connection.webhook.rotateSecret(ctx, (await endpointFor(ctx, args.endpointId))._id, await actorOf(ctx)),
});

export const listWebhookDeliveries = authQuery({
  args: { endpointId: v.string(), limit: v.optional(v.number()) },
  handler: async (ctx, args) => auth.connection.webhook.deliveries(ctx, (await endpointFor(ctx, args.endpointId))._id, { limit: Math.min(args.limit ?? 50, 200) }),
});

export const resendWebhookDelivery = authMutation({
  args: { deliveryId: v.string() },
  handler: async (ctx, args) => {
    const deliveryId = ctx.db.normalizeId("webhookDeliveries", args.deliveryId);
    const delivery = deliveryId ? await ctx.db.get(deliveryId) : null;
    if (!delivery) fail("FORBIDDEN", "You don't have access to this.");
    await endpointFor(ctx, delivery.endpointId);
    return await auth.connection.webhook.resend(ctx, delivery._id);
  },
});

export const sendWebhookTestEvent = authMutation({
  args: { endpointId: v.string() },
  handler: async (ctx, args) => auth.connection.webhook.sendTest(ctx, { endpointId: (await endpointFor(ctx, args.endpointId))._id }),
});

// Public, before sign-in

export const signIn = query({
  args: {
    connectionId: v.optional(v.string()),
    email: v.optional(v.string()),
    domain: v.optional(v.string()),
    redirectTo: v.optional(v.string()),
    loginHint: v.optional(v.string()),
  },
  handler: (ctx, args) => auth.connection.signIn(ctx, args),
});

/** Our SAML service-provider metadata XML for a connection (public: IdPs and admins need it before set-up); null for OIDC. */
export const metadata = query({
  args: { connectionId: v.string() },
  handler: async (ctx, args) => auth.connection.metadata(ctx, args.connectionId),
});
