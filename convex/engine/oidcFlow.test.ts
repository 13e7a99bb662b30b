import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startDemoOidcIdp, type DemoOidcIdp } from "../../tools/demo-idp/oidc-idp";
import { loginAtDemoIdp } from "../../tools/testing/idp-login";
import { authEnv, CONVEX_SITE_URL, createUser, newBackend, SITE_URL, type Backend, type TestUser } from "../../tools/testing/convex";
import { api } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import { auth } from "../auth";

/**
 * The OIDC sign-in end to end against a real OpenID provider (`oidc-provider`,
 * in tools/demo-idp): signIn route → start → the IdP's login → callback →
 * provisioning → sso_code → session. Failure paths end on /sign-in with a
 * reason code and a `login.failed` audit event, and provision nothing.
 */
const g = api.auth.group;
const REDIRECT_URI = `${CONVEX_SITE_URL}/api/auth/sso/callback`;
let idp: DemoOidcIdp;
let otherIdp: DemoOidcIdp;

beforeAll(async () => {
  await authEnv();
  process.env.ENCRYPTION_KEYS = `k1:${btoa(String.fromCharCode(...new Uint8Array(32).fill(9)))}`;
  process.env.ALLOW_PRIVATE_IDP_URLS = "true";
  const clients = [{ clientId: "app", clientSecret: "app-secret", redirectUris: [REDIRECT_URI] }];
  [idp, otherIdp] = await Promise.all([startDemoOidcIdp({ port: 0, clients }), startDemoOidcIdp({ port: 0, clients })]);
});

afterAll(async () => {
  await Promise.all([idp?.close(), otherIdp?.close()]);
});

afterEach(() => {
  auth.sso.hooks.beforeProvision = undefined;
  auth.sso.hooks.afterProvision = undefined;
});

interface Setup {
  t: Backend;
  owner: TestUser;
  groupId: Id<"groups">;
  connectionId: Id<"connections">;
}

async function setUp(oidc: { discovery?: Record<string, unknown>; security?: Record<string, unknown> } = {}): Promise<Setup> {
  const t = newBackend();
  const owner = await createUser(t, { email: "owner@acme.test" });
  const { groupId } = await owner.client.mutation(api.groups.create, { name: "Acme" });
  const connectionId = await owner.client.mutation(g.createConnection, { groupId, protocol: "oidc", name: "Acme IdP" });
  await owner.client.mutation(g.setOidc, {
    connectionId,
    discovery: { issuer: idp.issuer, ...oidc.discovery },
    client: { id: "app", secret: "app-secret" },
    security: oidc.security,
  });
  await owner.client.mutation(g.setDomains, { connectionId, domains: ["acme.test"] });
  await t.run(async (ctx) => {
    const domain = (await ctx.db.query("domains").withIndex("by_domain", (q) => q.eq("domain", "acme.test")).unique())!;
    await ctx.db.patch(domain._id, { status: "verified", verifiedTime: Date.now() });
  });
  await owner.client.mutation(g.updateConnection, { id: connectionId, data: { status: "active", overrideTest: true } });
  return { t, owner, groupId, connectionId };
}

const pathOf = (url: string) => {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
};

/** Runs the start route and returns where it sends the browser. */
async function start(t: Backend, email: string, redirectTo?: string): Promise<string> {
  const route = await t.query(g.signIn, { email, redirectTo });
  expect(route).not.toBeNull();
  const response = await t.fetch(pathOf(route!.signInUrl));
  expect(response.status).toBe(302);
  return response.headers.get("location")!;
}

async function callback(t: Backend, callbackUrl: string): Promise<URL> {
  expect(callbackUrl.startsWith(REDIRECT_URI)).toBe(true);
  const response = await t.fetch(pathOf(callbackUrl));
  expect(response.status).toBe(302);
  return new URL(response.headers.get("location")!);
}

async function signIn(t: Backend, email: string, redirectTo?: string): Promise<URL> {
  return await callback(t, await loginAtDemoIdp(await start(t, email, redirectTo), email));
}

async function exchange(t: Backend, code: string) {
  return (await t.action(api.auth.signIn, { provider: "sso", params: { code } })) as { tokens?: { token: string } | null };
}

async function lastAudit(t: Backend): Promise<Doc<"auditEvents">> {
  return await t.run(async (ctx) => (await ctx.db.query("auditEvents").order("desc").first())!);
}

async function userByEmail(t: Backend, email: string) {
  return await t.run((ctx) => ctx.db.query("users").withIndex("email", (q) => q.eq("email", email)).first());
}

function expectFailure(landing: URL, code: string) {
  expect(`${landing.origin}${landing.pathname}`).toBe(`${SITE_URL}/sign-in`);
  expect(landing.searchParams.get("sso_error")).toBe(code);
}

async function expectAuditedFailure(t: Backend, landing: URL, code: string) {
  expectFailure(landing, code);
  expect(await lastAudit(t)).toMatchObject({ kind: "login.failed", outcome: "failure", metadata: { failure: code } });
}

/** The callback URL for a sign-in whose state row is changed first (to reach checks past the state's). */
async function loginThenTamper(t: Backend, email: string, patch: Partial<Doc<"ssoStates">>): Promise<string> {
  const callbackUrl = await loginAtDemoIdp(await start(t, email), email);
  await t.run(async (ctx) => {
    const state = (await ctx.db.query("ssoStates").order("desc").first())!;
    await ctx.db.patch(state._id, patch);
  });
  return callbackUrl;
}

describe("OIDC sign-in", () => {
  it("provisions a new user just in time and hands off a one-time code for a session", async () => {
    const { t, groupId, connectionId } = await setUp();
    const authorizeUrl = new URL(await start(t, "bob@acme.test", "/dashboard?tab=2"));
    expect(authorizeUrl.origin).toBe(idp.issuer);
    expect(authorizeUrl.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorizeUrl.searchParams.get("login_hint")).toBe("bob@acme.test");
    expect(authorizeUrl.searchParams.get("nonce")).toBeTruthy();

    const landing = await callback(t, await loginAtDemoIdp(authorizeUrl.href, "bob@acme.test"));
    expect(`${landing.origin}${landing.pathname}`).toBe(`${SITE_URL}/sso/complete`);
    expect(landing.searchParams.get("redirectTo")).toBe("/dashboard?tab=2");
    const code = landing.searchParams.get("sso_code")!;

    const user = (await userByEmail(t, "bob@acme.test"))!;
    expect(user).toMatchObject({ name: "Bob Builder", provisionedByConnectionId: connectionId });
    expect(user.emailVerificationTime).toBeTypeOf("number");
    const member = await t.run((ctx) => ctx.db.query("members").withIndex("by_groupId_and_userId", (q) => q.eq("groupId", groupId).eq("userId", user._id)).unique());
    expect(member).toMatchObject({ role: "member", status: "active" });
    expect(await lastAudit(t)).toMatchObject({ kind: "login.succeeded", target: { id: user._id }, metadata: { user: "create", membership: "create", role: "member" } });
    // Only the code's hash is stored.
    expect(JSON.stringify(await t.run((ctx) => ctx.db.query("ssoCodes").collect()))).not.toContain(code);

    const first = await exchange(t, code);
    expect(first.tokens?.token).toBeTruthy();
    expect((await exchange(t, code)).tokens ?? null).toBeNull();
  });

  it("signs the same identity in again as the same user, and maps IdP groups to roles", async () => {
    const { t, owner, groupId } = await setUp();
    await owner.client.mutation(g.updatePolicy, { groupId, data: { roleMapping: [{ source: "groups", value: "acme-admins", role: "admin" }] } });
    await signIn(t, "alice@acme.test");
    const again = await signIn(t, "alice@acme.test");
    expect(again.pathname).toBe("/sso/complete");
    const users = await t.run((ctx) => ctx.db.query("users").withIndex("email", (q) => q.eq("email", "alice@acme.test")).collect());
    expect(users).toHaveLength(1);
    const member = await t.run((ctx) => ctx.db.query("members").withIndex("by_groupId_and_userId", (q) => q.eq("groupId", groupId).eq("userId", users[0]!._id)).unique());
    expect(member?.role).toBe("admin");
    expect(await lastAudit(t)).toMatchObject({ metadata: { user: "existing", membership: "existing", matchedRule: "groups:acme-admins → admin" } });
  });

  it("links an existing account by a verified email", async () => {
    const { t } = await setUp();
    const existing = await createUser(t, { email: "bob@acme.test" });
    await signIn(t, "bob@acme.test");
    expect((await userByEmail(t, "bob@acme.test"))?._id).toBe(existing.userId);
    expect(await lastAudit(t)).toMatchObject({ kind: "login.succeeded", metadata: { user: "link" } });
  });

  it("never links by an unverified email", async () => {
    const { t, groupId } = await setUp();
    const existing = await createUser(t, { email: "carol@acme.test" });
    await expectAuditedFailure(t, await signIn(t, "carol@acme.test"), "email_unverified");
    expect(await t.run((ctx) => ctx.db.query("ssoIdentities").collect())).toEqual([]);
    const member = await t.run((ctx) => ctx.db.query("members").withIndex("by_groupId_and_userId", (q) => q.eq("groupId", groupId).eq("userId", existing.userId)).unique());
    expect(member).toBeNull();
  });

  it("applies the policy: no linking, no account creation, no JIT membership, deactivated users", async () => {
    const { t, owner, groupId } = await setUp();
    await createUser(t, { email: "bob@acme.test" });
    await owner.client.mutation(g.updatePolicy, { groupId, data: { accountLinking: "none" } });
    await expectAuditedFailure(t, await signIn(t, "bob@acme.test"), "link_refused");
    await owner.client.mutation(g.updatePolicy, { groupId, data: { userCreation: "scim" } });
    await expectAuditedFailure(t, await signIn(t, "alice@acme.test"), "user_creation_disabled");
    await owner.client.mutation(g.updatePolicy, { groupId, data: { userCreation: "jit", accountLinking: "verifiedEmail", jit: { mode: "off", defaultRole: "member" } } });
    await expectAuditedFailure(t, await signIn(t, "alice@acme.test"), "not_a_member");
    await t.run(async (ctx) => {
      const bob = (await ctx.db.query("users").withIndex("email", (q) => q.eq("email", "bob@acme.test")).first())!;
      await ctx.db.patch(bob._id, { status: "deactivated" });
    });
    await expectAuditedFailure(t, await signIn(t, "bob@acme.test"), "user_deactivated");
    expect(await userByEmail(t, "alice@acme.test")).toBeNull();
  });

  it("signs a user the group's directory (SCIM) provisioned in as that user, even with linking off (scimReuse)", async () => {
    const { t, owner, groupId, connectionId } = await setUp();
    await owner.client.mutation(g.updatePolicy, { groupId, data: { accountLinking: "none" } });
    const { token } = await owner.client.mutation(g.setScim, { connectionId });
    const created = await t.fetch(`/scim/v2/${connectionId}/Users`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/scim+json" },
      body: JSON.stringify({ schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: "bob@acme.test", emails: [{ value: "bob@acme.test", primary: true }] }),
    });
    expect(created.status).toBe(201);
    const provisioned = (await userByEmail(t, "bob@acme.test"))!;
    expect((await signIn(t, "bob@acme.test")).pathname).toBe("/sso/complete");
    expect(await lastAudit(t)).toMatchObject({ kind: "login.succeeded", target: { id: provisioned._id }, metadata: { user: "link" } });
    await owner.client.mutation(g.updatePolicy, { groupId, data: { scimReuse: false } });
    await t.run(async (ctx) => {
      for (const identity of await ctx.db.query("ssoIdentities").collect()) await ctx.db.delete(identity._id);
    });
    await expectAuditedFailure(t, await signIn(t, "bob@acme.test"), "link_refused");
  });

  it("trusts an IdP only for its group's verified domains", async () => {
    const { t, connectionId } = await setUp();
    await t.run(async (ctx) => {
      const domain = (await ctx.db.query("domains").withIndex("by_domain", (q) => q.eq("domain", "acme.test")).unique())!;
      await ctx.db.patch(domain._id, { status: "pending" });
    });
    const route = await t.query(g.signIn, { connectionId });
    const authorizeUrl = (await t.fetch(pathOf(route!.signInUrl))).headers.get("location")!;
    await expectAuditedFailure(t, await callback(t, await loginAtDemoIdp(authorizeUrl, "bob@acme.test")), "email_domain_not_allowed");
    expect(await userByEmail(t, "bob@acme.test")).toBeNull();
  });

  it("undoes everything when a provisioning hook refuses or throws", async () => {
    const { t } = await setUp();
    auth.sso.hooks.beforeProvision = () => false;
    await expectAuditedFailure(t, await signIn(t, "bob@acme.test"), "hook_refused");
    auth.sso.hooks.beforeProvision = undefined;
    auth.sso.hooks.afterProvision = () => {
      throw new Error("downstream system unavailable");
    };
    await expectAuditedFailure(t, await signIn(t, "bob@acme.test"), "internal_error");
    expect(await userByEmail(t, "bob@acme.test")).toBeNull();
    expect(await t.run((ctx) => ctx.db.query("ssoIdentities").collect())).toEqual([]);
  });
});

describe("OIDC callback checks", () => {
  it("refuses a replayed state", async () => {
    const { t } = await setUp();
    const callbackUrl = await loginAtDemoIdp(await start(t, "bob@acme.test"), "bob@acme.test");
    expect((await callback(t, callbackUrl)).pathname).toBe("/sso/complete");
    await expectAuditedFailure(t, await callback(t, callbackUrl), "state_reused");
  });

  it("refuses a missing, unknown or expired state", async () => {
    const { t } = await setUp();
    expectFailure(await callback(t, `${REDIRECT_URI}?code=abc`), "state_missing");
    expectFailure(await callback(t, `${REDIRECT_URI}?code=abc&state=forged`), "state_missing");
    const expired = await loginThenTamper(t, "bob@acme.test", { expiresTime: Date.now() - 1 });
    await expectAuditedFailure(t, await callback(t, expired), "state_expired");
  });

  it("lets the IdP refuse a reused authorization code", async () => {
    const { t } = await setUp();
    const callbackUrl = await loginAtDemoIdp(await start(t, "bob@acme.test"), "bob@acme.test");
    expect((await callback(t, callbackUrl)).pathname).toBe("/sso/complete");
    // Past our own replay check, the IdP must refuse the spent code.
    await t.run(async (ctx) => {
      const state = (await ctx.db.query("ssoStates").order("desc").first())!;
      await ctx.db.patch(state._id, { consumedTime: undefined });
    });
    await expectAuditedFailure(t, await callback(t, callbackUrl), "token_exchange_failed");
  });

  it("sends the PKCE verifier the IdP requires", async () => {
    const { t } = await setUp();
    const wrongVerifier = await loginThenTamper(t, "bob@acme.test", { codeVerifier: "x".repeat(64) });
    await expectAuditedFailure(t, await callback(t, wrongVerifier), "token_exchange_failed");
  });

  it("refuses an ID token for another sign-in (nonce)", async () => {
    const { t } = await setUp();
    await expectAuditedFailure(t, await callback(t, await loginThenTamper(t, "bob@acme.test", { nonce: "another-nonce" })), "id_token_invalid");
  });

  it("refuses an ID token from another issuer", async () => {
    // The discovery document matches after URL normalization; the token's `iss` must match exactly.
    const { t } = await setUp({ discovery: { issuer: `${idp.issuer}/` } });
    await expectAuditedFailure(t, await signIn(t, "bob@acme.test"), "id_token_invalid");
    expect((await lastAudit(t)).reason).toContain("iss");
  });

  it("refuses an ID token for another audience", async () => {
    const { t } = await setUp({ discovery: { audience: "another-app" } });
    await expectAuditedFailure(t, await signIn(t, "bob@acme.test"), "id_token_invalid");
  });

  it("refuses an ID token whose signature doesn't verify with the IdP's keys", async () => {
    const { t } = await setUp({ discovery: { jwksUri: `${otherIdp.issuer}/jwks` } });
    await expectAuditedFailure(t, await signIn(t, "bob@acme.test"), "id_token_invalid");
    expect(await userByEmail(t, "bob@acme.test")).toBeNull();
  });

  it("refuses an expired ID token", async () => {
    const { t } = await setUp({ security: { clockToleranceSeconds: 0 } });
    const callbackUrl = await loginAtDemoIdp(await start(t, "bob@acme.test"), "bob@acme.test");
    // The IdP runs in this process and shares its clock, so ours jumps ahead (past the token's
    // one-hour lifetime) only once the token endpoint has answered.
    const realFetch = globalThis.fetch;
    const realNow = Date.now;
    globalThis.fetch = async (input, init) => {
      const response = await realFetch(input, init);
      if (String(input instanceof Request ? input.url : input).endsWith("/token")) Date.now = () => realNow() + 2 * 3600_000;
      return response;
    };
    try {
      await expectAuditedFailure(t, await callback(t, callbackUrl), "id_token_expired");
    } finally {
      globalThis.fetch = realFetch;
      Date.now = realNow;
    }
  });

  it("reports an IdP error response", async () => {
    const { t } = await setUp();
    const callbackUrl = await loginAtDemoIdp(await start(t, "bob@acme.test"), "", { cancel: true });
    expect(new URL(callbackUrl).searchParams.get("error")).toBe("access_denied");
    await expectAuditedFailure(t, await callback(t, callbackUrl), "idp_error");
  });

  it("follows the IdP's signing-key rotation", async () => {
    const { t } = await setUp();
    expect((await signIn(t, "bob@acme.test")).pathname).toBe("/sso/complete");
    await idp.rotateSigningKey();
    expect((await signIn(t, "bob@acme.test")).pathname).toBe("/sso/complete");
  });

  it("refuses to start through an inactive connection", async () => {
    const { t, owner, connectionId } = await setUp();
    await owner.client.mutation(g.updateConnection, { id: connectionId, data: { status: "disabled" } });
    const response = await t.fetch(`/api/auth/sso/${connectionId}/start`);
    await expectAuditedFailure(t, new URL(response.headers.get("location")!), "connection_unavailable");
  });
});

describe("test sign-in", () => {
  it("shows claims, profile and the policy's plan without provisioning, and unlocks activation", async () => {
    const { t, owner, connectionId } = await setUp();
    await owner.client.mutation(g.updateConnection, { id: connectionId, data: { status: "draft" } });
    await t.run((ctx) => ctx.db.patch(connectionId, { lastTest: undefined }));
    const { testId, url } = await owner.client.mutation(g.startTestSignIn, { connectionId });
    const authorizeUrl = (await t.fetch(pathOf(url))).headers.get("location")!;
    const landing = await callback(t, await loginAtDemoIdp(authorizeUrl, "alice@acme.test"));
    expect(landing.href).toBe(`${SITE_URL}/settings/connections/${connectionId}/test/${testId}`);

    const result = await owner.client.query(g.getTestSignIn, { testId });
    expect(result).toMatchObject({
      status: "succeeded",
      claims: { email: "alice@acme.test", groups: ["acme-admins"] },
      profile: { email: "alice@acme.test", emailVerified: true, name: "Alice Admin", groups: ["acme-admins"] },
      plan: { ok: true, user: { action: "create", email: "alice@acme.test" }, membership: { action: "create", role: "member" } },
    });
    expect(await userByEmail(t, "alice@acme.test")).toBeNull();
    // The link works once.
    expect(new URL((await t.fetch(pathOf(url))).headers.get("location")!).searchParams.get("sso_error")).toBe("state_missing");
    await owner.client.mutation(g.updateConnection, { id: connectionId, data: { status: "active" } });
    expect((await owner.client.query(g.getConnectionStatus, { id: connectionId })).checks.find((c) => c.id === "tested")?.ok).toBe(true);
  });
});
