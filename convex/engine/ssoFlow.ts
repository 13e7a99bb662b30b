import { v } from "convex/values";
import { isSsoErrorCode, type SsoErrorCode } from "../../lib/sso-errors";
import { parseRedirectTo } from "../../lib/redirect";
import type { Doc, Id } from "../_generated/dataModel";
import { internalMutation, type MutationCtx } from "../_generated/server";
import { auth } from "../auth";
import { recordEvent, type AuditInput } from "./audit";
import { getPolicy } from "./policy";
import { oidcDiscovered, type OidcConfig } from "./protocolShapes";
import { applyProvisioning, planProvisioning, type PlanResult } from "./provision";
import { issueHandoffCode } from "./ssoHandoff";
import { noteSetupProgress } from "./setupLink";
import { mapClaims, readClaim, type NormalizedProfile, type ProfileMapping } from "./ssoProfile";
import { sha256 } from "./tokens";
import { siteUrl } from "./urls";

/**
 * The database side of an SSO sign-in, called by the HTTP routes in
 * ssoRoutes.ts (which do the network half): begin (state), consume the
 * state at the callback, complete (provision or record a test), and record
 * failures. Every failure that can be tied to a connection is audited as
 * `login.failed` with its reason code.
 */
export const STATE_TTL_MS = 10 * 60 * 1000;


function idpActor(connection: Doc<"connections">): AuditInput["actor"] {
  return { type: "idp", id: connection._id, label: connection.name };
}

function signInErrorUrl(code: SsoErrorCode): string {
  return siteUrl(`/sign-in?sso_error=${code}`);
}

/**
 * Where a test's IdP tab lands: the console's result page; for a test started
 * from a setup link's wizard (whose token isn't stored, so no URL can name
 * it), a page saying the result is back in the wizard's tab.
 */
async function testResultUrl(ctx: MutationCtx, connectionId: Id<"connections">, testId: Id<"ssoTests">): Promise<string> {
  if ((await ctx.db.get(testId))?.setupLinkId) return siteUrl("/setup/test-finished");
  return siteUrl(`/settings/connections/${connectionId}/test/${testId}`);
}

async function auditFailure(ctx: MutationCtx, connection: Doc<"connections">, code: SsoErrorCode, detail: string, email?: string) {
  await recordEvent(ctx, {
    groupId: connection.groupId,
    connectionId: connection._id,
    kind: "login.failed",
    outcome: "failure",
    actor: idpActor(connection),
    reason: `${code}: ${detail}`,
    metadata: { failure: code, protocol: connection.protocol, email },
  });
}

async function failTest(ctx: MutationCtx, connection: Doc<"connections">, testId: Id<"ssoTests">, code: SsoErrorCode, message: string) {
  const now = Date.now();
  await ctx.db.patch(testId, { status: "failed", finishedTime: now, failure: { code, message } });
  await ctx.db.patch(connection._id, { lastTest: { testId, ok: false, time: now } });
}

/** Public OIDC settings for the start route (the client secret stays in the database). */
function withoutSecret(config: OidcConfig): OidcConfig {
  return { ...config, client: { id: config.client.id, authMethod: config.client.authMethod } };
}

/**
 * The start route's first step: which connection, whether it may start
 * (active, or a valid test link), and a new single-use state carrying what
 * the callback must check (OIDC: PKCE verifier and nonce; SAML: the
 * AuthnRequest's ID).
 */
export const begin = internalMutation({
  args: {
    connectionId: v.string(),
    stateHash: v.string(),
    codeVerifier: v.string(),
    nonce: v.string(),
    requestId: v.string(),
    redirectTo: v.optional(v.string()),
    testToken: v.optional(v.string()),
  },
  handler: async (ctx, args) => {
    const connectionId = ctx.db.normalizeId("connections", args.connectionId);
    const connection = connectionId ? await ctx.db.get(connectionId) : null;
    if (!connection) return { ok: false as const, redirect: signInErrorUrl("connection_unavailable") };

    let testId: Id<"ssoTests"> | undefined;
    if (args.testToken !== undefined) {
      const tokenHash = await sha256(args.testToken);
      const test = await ctx.db
        .query("ssoTests")
        .withIndex("by_tokenHash", (q) => q.eq("tokenHash", tokenHash))
        .unique();
      if (!test || test.connectionId !== connection._id || test.status !== "pending" || test.expiresTime <= Date.now()) {
        return { ok: false as const, redirect: signInErrorUrl("state_missing") };
      }
      testId = test._id;
      // One IdP round trip per test link.
      await ctx.db.patch(test._id, { tokenHash: `used:${test._id}` });
    }
    const configured = connection.protocol === "oidc" ? Boolean(connection.oidc) : Boolean(connection.saml);
    if (!testId && (connection.status !== "active" || !configured)) {
      await auditFailure(ctx, connection, "connection_unavailable", `The connection is ${connection.status}${configured ? "" : " and not configured"}.`);
      return { ok: false as const, redirect: signInErrorUrl("connection_unavailable") };
    }
    if (!configured) {
      await failTest(ctx, connection, testId!, "connection_unavailable", "Save the identity provider settings first.");
      return { ok: false as const, redirect: await testResultUrl(ctx, connection._id, testId!) };
    }

    const oidc = connection.protocol === "oidc";
    const stateId = await ctx.db.insert("ssoStates", {
      stateHash: args.stateHash,
      connectionId: connection._id,
      mode: testId ? "test" : "signIn",
      ...(testId ? { testId } : {}),
      ...(oidc ? { codeVerifier: args.codeVerifier, nonce: args.nonce } : { requestId: args.requestId }),
      ...(args.redirectTo !== undefined && parseRedirectTo(args.redirectTo) ? { redirectTo: args.redirectTo } : {}),
      expiresTime: Date.now() + STATE_TTL_MS,
    });
    return { ok: true as const, stateId, connectionId: connection._id, protocol: connection.protocol, oidc: connection.oidc ? withoutSecret(connection.oidc) : null };
  },
});

/** Keeps the last good discovery metadata (sign-in falls back on it when the IdP's discovery is down). */
export const storeDiscovered = internalMutation({
  args: { connectionId: v.id("connections"), issuer: v.string(), discovered: oidcDiscovered },
  handler: async (ctx, args) => {
    const connection = await ctx.db.get(args.connectionId);
    // The settings may have changed while the metadata was fetched.
    if (!connection?.oidc || connection.oidc.discovery.issuer !== args.issuer) return;
    // A fresh copy ends a degraded spell (idpHealth.ts).
    const lastRefresh = { ok: true, time: Date.now(), message: "Discovery document read." };
    await ctx.db.patch(connection._id, { oidc: { ...connection.oidc, discovered: args.discovered, lastRefresh } });
  },
});

/** The callback's first step: the state is single use, so it is spent whatever happens next. */
export const consumeState = internalMutation({
  args: { state: v.string() },
  handler: async (ctx, args) => {
    const stateHash = await sha256(args.state);
    const row = await ctx.db
      .query("ssoStates")
      .withIndex("by_stateHash", (q) => q.eq("stateHash", stateHash))
      .unique();
    if (!row) return { ok: false as const, redirect: signInErrorUrl("state_missing") };
    const connection = await ctx.db.get(row.connectionId);
    const problem: SsoErrorCode | null = row.consumedTime !== undefined ? "state_reused" : row.expiresTime <= Date.now() ? "state_expired" : !connection?.oidc ? "connection_unavailable" : null;
    if (problem || !connection?.oidc) {
      const code = problem ?? "connection_unavailable";
      if (!connection) return { ok: false as const, redirect: signInErrorUrl(code) };
      return { ok: false as const, redirect: await settleFailure(ctx, connection, row, code, describeStateProblem(code)) };
    }
    await ctx.db.patch(row._id, { consumedTime: Date.now() });
    return {
      ok: true as const,
      stateId: row._id,
      connectionId: connection._id,
      config: connection.oidc,
      nonce: row.nonce!,
      codeVerifier: row.codeVerifier!,
    };
  },
});

function describeStateProblem(code: SsoErrorCode): string {
  if (code === "state_reused") return "The callback's state was already used (a replay or a double submit).";
  if (code === "state_expired") return `The sign-in took longer than ${STATE_TTL_MS / 60_000} minutes.`;
  return "The connection's settings were removed during the sign-in.";
}

/** Audits a failure and answers where the browser goes: the test page for tests, else the sign-in page. */
async function settleFailure(ctx: MutationCtx, connection: Doc<"connections">, state: Flow, code: SsoErrorCode, detail: string, email?: string): Promise<string> {
  if (state.mode === "test" && state.testId) {
    await failTest(ctx, connection, state.testId, code, detail);
    return await testResultUrl(ctx, connection._id, state.testId);
  }
  await auditFailure(ctx, connection, code, detail, email);
  return signInErrorUrl(code);
}

export const recordFailure = internalMutation({
  args: { stateId: v.id("ssoStates"), code: v.string(), detail: v.string() },
  handler: async (ctx, args) => {
    const state = await ctx.db.get(args.stateId);
    const connection = state ? await ctx.db.get(state.connectionId) : null;
    const code = isSsoErrorCode(args.code) ? args.code : "internal_error";
    if (!state || !connection) return signInErrorUrl(code);
    return await settleFailure(ctx, connection, state, code, args.detail);
  },
});

/** How a sign-in ends: a stored state, or (SAML, IdP-initiated) one made up on the spot. */
type Flow = Pick<Doc<"ssoStates">, "mode" | "testId" | "redirectTo">;

/**
 * The callback's last step, with the IdP's validated claims: map them,
 * plan per policy and either record the test or provision and hand off.
 */
async function finish(
  ctx: MutationCtx,
  { connection, flow, claims, mapping, extraFields }: { connection: Doc<"connections">; flow: Flow; claims: Record<string, unknown>; mapping: ProfileMapping; extraFields?: Record<string, string> },
): Promise<string> {
  const mapped = mapClaims(claims, mapping, extraFields);
  if (!mapped.ok) return await settleFailure(ctx, connection, flow, "profile_incomplete", mapped.message);
  const hooks = auth.sso.hooks;
  const profile: NormalizedProfile = (await hooks.profileResolved?.(ctx, { connection, profile: mapped.profile, claims })) ?? mapped.profile;
  const policy = await getPolicy(ctx, connection.groupId);
  const planned = await planProvisioning(ctx, { connection, policy, profile, hooks });

  if (flow.mode === "test" && flow.testId) return await recordTest(ctx, { connection, testId: flow.testId, claims: JSON.stringify(claims), profile, planned });
  if (!planned.ok) return await settleFailure(ctx, connection, flow, planned.code, planned.message, profile.email);

  // A refusing hook throws ProvisionRefused out of this mutation, undoing its writes; the route records it.
  const { userId } = await applyProvisioning(ctx, { connection, policy, profile, plan: planned.plan, hooks });
  const code = await issueHandoffCode(ctx, { userId, connectionId: connection._id });
  await recordEvent(ctx, {
    groupId: connection.groupId,
    connectionId: connection._id,
    kind: "login.succeeded",
    actor: idpActor(connection),
    target: { type: "user", id: userId, label: profile.email },
    metadata: {
      protocol: connection.protocol,
      user: planned.plan.user.action,
      membership: planned.plan.membership.action,
      role: planned.plan.membership.role,
      matchedRule: planned.plan.matchedRule,
    },
  });
  const params = new URLSearchParams({ sso_code: code });
  if (flow.redirectTo) params.set("redirectTo", flow.redirectTo);
  return siteUrl(`/sso/complete?${params}`);
}

export const complete = internalMutation({
  args: { stateId: v.id("ssoStates"), claims: v.string() },
  handler: async (ctx, args) => {
    const state = (await ctx.db.get(args.stateId))!;
    const connection = await ctx.db.get(state.connectionId);
    if (!connection?.oidc) return await settleOrphan(ctx, state);
    const claims = JSON.parse(args.claims) as Record<string, unknown>;
    return await finish(ctx, { connection, flow: state, claims, mapping: connection.oidc.profile.mapping, extraFields: connection.oidc.profile.extraFields });
  },
});

const validatedAssertion = v.object({
  assertionId: v.string(),
  notOnOrAfter: v.number(),
  inResponseTo: v.optional(v.string()),
  nameId: v.string(),
  attributes: v.string(),
  weakAlgorithms: v.array(v.string()),
});

/**
 * The SAML ACS's last step, after samlAcs.validate checked the response:
 * the assertion ID is spent (a replay is refused until the assertion
 * expires), an answer to our request must match an outstanding one (and the
 * RelayState it was sent with), and an unsolicited one is accepted only when
 * IdP-initiated sign-in is on.
 */
export const completeSaml = internalMutation({
  args: { connectionId: v.id("connections"), relayState: v.optional(v.string()), assertion: validatedAssertion },
  handler: async (ctx, { connectionId, relayState, assertion }) => {
    const connection = await ctx.db.get(connectionId);
    if (!connection?.saml) return signInErrorUrl("connection_unavailable");
    const saml = connection.saml;
    let flow: Flow;
    if (assertion.inResponseTo !== undefined) {
      const state = await ctx.db
        .query("ssoStates")
        .withIndex("by_requestId", (q) => q.eq("requestId", assertion.inResponseTo))
        .unique();
      const unsolicitedFlow: Flow = { mode: "signIn" };
      if (!state || state.connectionId !== connection._id) {
        return await settleFailure(ctx, connection, unsolicitedFlow, "assertion_invalid", "InResponseTo names none of our outstanding requests.");
      }
      if (relayState === undefined || (await sha256(relayState)) !== state.stateHash) {
        return await settleFailure(ctx, connection, state, "assertion_invalid", "The RelayState doesn't belong to the request this answers.");
      }
      if (state.consumedTime !== undefined || state.expiresTime <= Date.now()) {
        const code = state.consumedTime !== undefined ? "state_reused" : "state_expired";
        return await settleFailure(ctx, connection, state, code, describeStateProblem(code));
      }
      await ctx.db.patch(state._id, { consumedTime: Date.now() });
      flow = state;
    } else {
      flow = { mode: "signIn", redirectTo: saml.idpInitiated.defaultRedirect };
      if (!saml.idpInitiated.enabled) return await settleFailure(ctx, connection, flow, "idp_initiated_disabled", "An unsolicited response arrived and IdP-initiated sign-in is off.");
      if (connection.status !== "active") return await settleFailure(ctx, connection, flow, "connection_unavailable", `The connection is ${connection.status}.`);
    }

    const seen = await ctx.db
      .query("samlAssertions")
      .withIndex("by_connectionId_and_assertionId", (q) => q.eq("connectionId", connection._id).eq("assertionId", assertion.assertionId))
      .unique();
    if (seen) return await settleFailure(ctx, connection, flow, "assertion_replayed", `Assertion ${assertion.assertionId} was already used.`);
    await ctx.db.insert("samlAssertions", {
      connectionId: connection._id,
      assertionId: assertion.assertionId,
      expiresTime: assertion.notOnOrAfter + saml.security.clockSkewSeconds * 1000,
    });

    const { mapping, extraFields } = saml.profile;
    const claims: Record<string, unknown> = { ...(JSON.parse(assertion.attributes) as Record<string, unknown>), nameID: assertion.nameId };
    // An enterprise IdP asserts the address on a domain the group verified (provisioning checks that): trusted as verified.
    claims.email_verified = true;
    if (readClaim(claims, mapping.email) === undefined && assertion.nameId.includes("@")) claims[mapping.email] = assertion.nameId;
    const fullName = [mapping.firstName, mapping.lastName].map((key) => (key ? readClaim(claims, key) : undefined)).filter((part) => typeof part === "string");
    const nameKey = mapping.name ?? "name";
    if (readClaim(claims, nameKey) === undefined && fullName.length > 0) claims[nameKey] = fullName.join(" ");
    return await finish(ctx, {
      connection,
      flow,
      claims,
      mapping: { subject: mapping.subject ?? "nameID", email: mapping.email, name: nameKey, groups: mapping.groups, roles: mapping.roles },
      extraFields,
    });
  },
});

/** A SAML response that failed validation (before any state was tied to it). */
export const recordSamlFailure = internalMutation({
  args: { connectionId: v.id("connections"), relayState: v.optional(v.string()), code: v.string(), detail: v.string() },
  handler: async (ctx, args) => {
    const connection = await ctx.db.get(args.connectionId);
    const code = isSsoErrorCode(args.code) ? args.code : "internal_error";
    if (!connection) return signInErrorUrl(code);
    // The RelayState names our state: a failed test lands back on its result page, and the state is spent.
    const stateHash = args.relayState === undefined ? null : await sha256(args.relayState);
    const found = stateHash
      ? await ctx.db
          .query("ssoStates")
          .withIndex("by_stateHash", (q) => q.eq("stateHash", stateHash))
          .unique()
      : null;
    const state = found?.connectionId === connection._id && found.consumedTime === undefined ? found : null;
    if (state) await ctx.db.patch(state._id, { consumedTime: Date.now() });
    return await settleFailure(ctx, connection, state ?? { mode: "signIn" }, code, args.detail);
  },
});

async function settleOrphan(ctx: MutationCtx, state: Doc<"ssoStates">): Promise<string> {
  const connection = await ctx.db.get(state.connectionId);
  if (!connection) return signInErrorUrl("connection_unavailable");
  return await settleFailure(ctx, connection, state, "connection_unavailable", describeStateProblem("connection_unavailable"));
}

async function recordTest(
  ctx: MutationCtx,
  { connection, testId, claims, profile, planned }: { connection: Doc<"connections">; testId: Id<"ssoTests">; claims: string; profile: NormalizedProfile; planned: PlanResult },
): Promise<string> {
  const now = Date.now();
  await ctx.db.patch(testId, {
    status: "succeeded",
    finishedTime: now,
    claims: claims.length > 64_000 ? JSON.stringify({ note: "The claims were too large to keep." }) : claims,
    profile,
    plan: planned,
  });
  await ctx.db.patch(connection._id, { lastTest: { testId, ok: true, time: now } });
  const { setupLinkId } = (await ctx.db.get(testId))!;
  if (setupLinkId) await noteSetupProgress(ctx, setupLinkId);
  return await testResultUrl(ctx, connection._id, testId);
}
