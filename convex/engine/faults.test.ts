import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startDemoOidcIdp, type DemoOidcIdp } from "../../tools/demo-idp/oidc-idp";
import { startDemoSamlIdp, type StandaloneDemoSamlIdp } from "../../tools/demo-idp/saml-idp";
import { SAML_DEMO_USERS } from "../../tools/demo-idp/users";
import { authEnv, CONVEX_SITE_URL, createUser, newBackend, SITE_URL, type Backend, type TestUser } from "../../tools/testing/convex";
import { loginAtDemoIdp } from "../../tools/testing/idp-login";
import { startMisbehavingDnsServer, startMisbehavingServer, type Behavior, type MisbehavingDnsServer, type MisbehavingServer } from "../../tools/testing/misbehaving-server";
import { loginAtDemoSamlIdp } from "../../tools/testing/saml-login";
import { api, internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import { MAX_ATTEMPTS } from "./webhook";

/**
 * Faults: each dependency the app talks to misbehaves for real (a local HTTP
 * server that answers 500, stalls or sends forever; a DNS server that goes
 * silent or fails), and the app degrades that one feature, says why, and
 * recovers when the dependency does.
 *
 * - OIDC discovery / JWKS down or slow: the last good metadata is kept and the
 *   connection reads "degraded"; without a good copy, sign-in fails with
 *   `idp_unreachable` and a `login.failed` audit event.
 * - SAML metadata URL down or slow: the same, through the metadata refresh.
 * - Key rotation: covered for OIDC by oidcFlow.test.ts ("follows the IdP's
 *   signing-key rotation") and for SAML by samlFlow.test.ts ("trusts a new
 *   signing certificate after a refresh"); here, the daily job picks it up.
 * - Webhook receiver that stalls: every attempt times out, retries back off,
 *   the delivery is dead-lettered (`failed`), and a manual resend delivers once
 *   the receiver is back. (500-then-200 is in webhook.test.ts.)
 * - DNS that never answers or fails: the domain reads "failed" with the reason,
 *   and "Verify now" works once DNS is back.
 *
 * Time limits are kept short with OUTBOUND_TIMEOUT_MS and DNS_TIMEOUT_MS
 * rather than by waiting. The IdPs and servers listen on 127.0.0.1, which
 * ALLOW_PRIVATE_IDP_URLS / ALLOW_PRIVATE_WEBHOOK_URLS allow (the address rules
 * themselves are tested with them off in outbound.security.test.ts).
 */
const g = api.auth.group;
const REDIRECT_URI = `${CONVEX_SITE_URL}/api/auth/sso/callback`;
const TIMEOUT_MS = 300;
const [frank] = SAML_DEMO_USERS;

let oidcIdp: DemoOidcIdp;
let samlIdp: StandaloneDemoSamlIdp;
/** In front of the IdPs: passes requests on until told to misbehave. */
let front: MisbehavingServer;

beforeAll(async () => {
  await authEnv();
  process.env.ENCRYPTION_KEYS = `k1:${btoa(String.fromCharCode(...new Uint8Array(32).fill(4)))}`;
  process.env.ALLOW_PRIVATE_IDP_URLS = "true";
  process.env.ALLOW_PRIVATE_WEBHOOK_URLS = "true";
  process.env.OUTBOUND_TIMEOUT_MS = String(TIMEOUT_MS);
  process.env.DNS_TIMEOUT_MS = String(TIMEOUT_MS);
  oidcIdp = await startDemoOidcIdp({ port: 0, clients: [{ clientId: "app", clientSecret: "app-secret", redirectUris: [REDIRECT_URI] }] });
  samlIdp = await startDemoSamlIdp({ port: 0, acsUrlPrefix: `${CONVEX_SITE_URL}/api/auth/saml/` });
  front = await startMisbehavingServer();
});

afterAll(async () => {
  for (const name of ["ALLOW_PRIVATE_IDP_URLS", "ALLOW_PRIVATE_WEBHOOK_URLS", "OUTBOUND_TIMEOUT_MS", "DNS_TIMEOUT_MS"]) delete process.env[name];
  await Promise.all([oidcIdp?.close(), samlIdp?.close(), front?.close()]);
});

afterEach(() => {
  front.requests.length = 0;
});

/** The front server passes everything on to `upstream`, except paths matching `broken`, which get `behavior`. */
function breakPaths(upstream: string, broken: RegExp | null, behavior: Behavior = { kind: "status", status: 500 }) {
  front.behave((_hit, request) => (broken?.test(request.path) ? behavior : { kind: "proxy", to: upstream }));
}

async function adminWithConnection(t: Backend, protocol: "oidc" | "saml", domain: string) {
  const admin = await createUser(t, { email: `owner@${domain}` });
  const { groupId } = await admin.client.mutation(api.groups.create, { name: domain });
  const connectionId = await admin.client.mutation(g.createConnection, { groupId, protocol, name: `${domain} IdP` });
  return { admin, groupId, connectionId };
}

async function verifyAndActivate(t: Backend, admin: TestUser, connectionId: Id<"connections">, domain: string) {
  await admin.client.mutation(g.setDomains, { connectionId, domains: [domain] });
  await t.run(async (ctx) => {
    const row = (await ctx.db.query("domains").withIndex("by_domain", (q) => q.eq("domain", domain)).unique())!;
    await ctx.db.patch(row._id, { status: "verified", verifiedTime: Date.now() });
  });
  await admin.client.mutation(g.updateConnection, { id: connectionId, data: { status: "active", overrideTest: true } });
}

const pathOf = (url: string) => `${new URL(url).pathname}${new URL(url).search}`;

async function lastAudit(t: Backend, kind?: string): Promise<Doc<"auditEvents"> | null> {
  const events = await t.run((ctx) => ctx.db.query("auditEvents").order("desc").collect());
  return events.find((event) => kind === undefined || event.kind === kind) ?? null;
}

function expectSignInError(landing: URL, code: string) {
  expect(`${landing.origin}${landing.pathname}`).toBe(`${SITE_URL}/sign-in`);
  expect(landing.searchParams.get("sso_error")).toBe(code);
}

describe("OIDC IdP down or slow", () => {
  /** An OIDC connection whose discovery document and JWKS are read through the front server. */
  async function setUp() {
    const t = newBackend();
    breakPaths(oidcIdp.issuer, null);
    const { admin, connectionId } = await adminWithConnection(t, "oidc", "acme.test");
    await admin.client.mutation(g.setOidc, {
      connectionId,
      discovery: { issuer: oidcIdp.issuer, discoveryUrl: front.url("/.well-known/openid-configuration"), jwksUri: front.url("/jwks") },
      client: { id: "app", secret: "app-secret" },
    });
    await verifyAndActivate(t, admin, connectionId, "acme.test");
    return { t, admin, connectionId };
  }

  /** The start route: the IdP's authorization URL, or where a failure sends the browser. */
  async function start(t: Backend, email: string): Promise<URL> {
    const route = await t.query(g.signIn, { email });
    const response = await t.fetch(pathOf(route!.signInUrl));
    expect(response.status).toBe(302);
    return new URL(response.headers.get("location")!);
  }

  async function signIn(t: Backend, email: string): Promise<URL> {
    const authorize = await start(t, email);
    if (authorize.origin !== oidcIdp.issuer) return authorize;
    const response = await t.fetch(pathOf(await loginAtDemoIdp(authorize.href, email)));
    return new URL(response.headers.get("location")!);
  }

  /** Sign-in re-reads discovery when its copy is over an hour old: age it. */
  async function ageDiscovery(t: Backend, connectionId: Id<"connections">) {
    await t.run(async (ctx) => {
      const { oidc } = (await ctx.db.get(connectionId))!;
      await ctx.db.patch(connectionId, { oidc: { ...oidc!, discovered: { ...oidc!.discovered!, fetchedTime: Date.now() - 2 * 60 * 60 * 1000 } } });
    });
  }

  const health = async (admin: TestUser, connectionId: Id<"connections">) => (await admin.client.query(g.getConnectionStatus, { id: connectionId })).health;

  it("keeps signing in on the last good discovery document while discovery stalls or fails, reads degraded, and recovers", async () => {
    const { t, admin, connectionId } = await setUp();
    expect((await signIn(t, "bob@acme.test")).pathname).toBe("/sso/complete");
    expect(await health(admin, connectionId)).toMatchObject({ state: "ok", message: null });

    await ageDiscovery(t, connectionId);
    const goodTime = (await t.run((ctx) => ctx.db.get(connectionId)))!.oidc!.discovered!.fetchedTime;
    breakPaths(oidcIdp.issuer, /openid-configuration/, { kind: "stall" });
    expect((await signIn(t, "bob@acme.test")).pathname).toBe("/sso/complete");
    expect(await health(admin, connectionId)).toMatchObject({ state: "degraded", message: expect.stringContaining(`didn't answer within ${TIMEOUT_MS / 1000} s`) });
    expect((await admin.client.query(g.getOidcStatus, { connectionId })).health).toMatchObject({ state: "degraded" });

    // Still down (now with 500s): sign-in goes on, and the audit log heard about it once.
    breakPaths(oidcIdp.issuer, /openid-configuration/, { kind: "status", status: 500 });
    expect((await signIn(t, "bob@acme.test")).pathname).toBe("/sso/complete");
    expect(await health(admin, connectionId)).toMatchObject({ state: "degraded", message: expect.stringContaining("500"), lastGoodTime: goodTime });
    const refreshFailures = (await t.run((ctx) => ctx.db.query("auditEvents").collect())).filter((event) => event.kind === "connection.metadata.refreshed");
    expect(refreshFailures).toMatchObject([{ outcome: "failure", reason: expect.stringContaining("Kept the last good discovery document") }]);

    breakPaths(oidcIdp.issuer, null);
    expect((await signIn(t, "bob@acme.test")).pathname).toBe("/sso/complete");
    expect(await health(admin, connectionId)).toMatchObject({ state: "ok", message: null });
  });

  it("without a good copy yet, sign-in fails with idp_unreachable and a login.failed event", async () => {
    const { t, admin, connectionId } = await setUp();
    breakPaths(oidcIdp.issuer, /openid-configuration/, { kind: "status", status: 503 });
    expectSignInError(await start(t, "bob@acme.test"), "idp_unreachable");
    expect(await lastAudit(t, "login.failed")).toMatchObject({ outcome: "failure", metadata: { failure: "idp_unreachable" }, reason: expect.stringContaining("503") });
    expect(await health(admin, connectionId)).toMatchObject({ state: "degraded" });
    expect(await t.run((ctx) => ctx.db.query("users").withIndex("email", (q) => q.eq("email", "bob@acme.test")).first())).toBeNull();
  });

  it.each([
    ["stalls", { kind: "stall" }, `didn't answer within ${TIMEOUT_MS / 1000} s`],
    ["sends an endless body", { kind: "endless" }, "more than 512 KB"],
    ["answers 500", { kind: "status", status: 500 }, "500"],
  ] as const)("fails the sign-in clearly when the JWKS %s", async (_label, behavior, reason) => {
    const { t } = await setUp();
    const authorize = await start(t, "bob@acme.test");
    const callbackUrl = await loginAtDemoIdp(authorize.href, "bob@acme.test");
    breakPaths(oidcIdp.issuer, /^\/jwks/, behavior);
    const landing = new URL((await t.fetch(pathOf(callbackUrl))).headers.get("location")!);
    expectSignInError(landing, "idp_unreachable");
    expect(await lastAudit(t, "login.failed")).toMatchObject({ reason: expect.stringContaining(reason) });
    expect(await t.run((ctx) => ctx.db.query("users").withIndex("email", (q) => q.eq("email", "bob@acme.test")).first())).toBeNull();
  });
});

describe("SAML metadata URL down or slow", () => {
  async function setUp() {
    const t = newBackend();
    breakPaths(samlIdp.entityId.replace(/\/saml$/, ""), null);
    const { admin, connectionId } = await adminWithConnection(t, "saml", "initech.test");
    await admin.client.action(g.setSaml, { connectionId, metadata: { url: front.url("/saml/metadata") } });
    await verifyAndActivate(t, admin, connectionId, "initech.test");
    const status = await admin.client.query(g.getSamlStatus, { connectionId });
    return { t, admin, connectionId, acsUrl: status.acsUrl };
  }

  async function signIn(t: Backend, acsUrl: string): Promise<URL> {
    const route = await t.query(g.signIn, { email: frank!.email });
    const authorize = (await t.fetch(pathOf(route!.signInUrl))).headers.get("location")!;
    const answer = await loginAtDemoSamlIdp(authorize, frank!.email);
    const body = new URLSearchParams({ SAMLResponse: answer.SAMLResponse, RelayState: answer.RelayState! });
    const response = await t.fetch(new URL(acsUrl).pathname, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: body.toString() });
    return new URL(response.headers.get("location")!);
  }

  it("keeps the last good metadata when its URL stalls or fails, reads degraded, signs in, and recovers", async () => {
    const { t, admin, connectionId, acsUrl } = await setUp();
    const upstream = samlIdp.entityId.replace(/\/saml$/, "");
    const health = async () => (await admin.client.query(g.getConnectionStatus, { id: connectionId })).health;

    breakPaths(upstream, /metadata/, { kind: "stall" });
    expect(await admin.client.action(g.refreshSaml, { connectionId })).toMatchObject({ ok: false, message: expect.stringContaining(`didn't answer within ${TIMEOUT_MS / 1000} s`) });
    expect(await health()).toMatchObject({ state: "degraded", message: expect.stringMatching(/^Kept the last good metadata/) });
    expect((await admin.client.query(g.getSamlStatus, { connectionId })).health).toMatchObject({ state: "degraded" });
    expect((await signIn(t, acsUrl)).pathname).toBe("/sso/complete");

    breakPaths(upstream, /metadata/, { kind: "endless" });
    expect(await t.action(internal.engine.samlRefresh.refreshOne, { connectionId })).toMatchObject({ ok: false, message: expect.stringContaining("larger than") });

    breakPaths(upstream, null);
    expect(await admin.client.action(g.refreshSaml, { connectionId })).toMatchObject({ ok: true });
    expect(await health()).toMatchObject({ state: "ok" });
  });

  it("trusts a rotated IdP certificate after the daily refresh job, so the next login succeeds", async () => {
    const { t, acsUrl } = await setUp();
    await samlIdp.rotateCertificate();
    await t.action(internal.engine.samlRefresh.refreshAll, {});
    expect((await signIn(t, acsUrl)).pathname).toBe("/sso/complete");
  });
});

describe("webhook receiver that stalls", () => {
  let receiver: MisbehavingServer;
  beforeAll(async () => {
    receiver = await startMisbehavingServer();
  });
  afterAll(() => receiver.close());
  afterEach(() => vi.useRealTimers());

  it("times out each attempt, backs off, dead-letters the delivery, and a manual resend delivers once the receiver is back", async () => {
    // Fake clock for the scheduler's backoff (10 s … 2560 s); each attempt's timeout is real and short.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const t = newBackend();
    const { admin, connectionId } = await adminWithConnection(t, "oidc", "hooks.test");
    receiver.behave({ kind: "stall" });
    const { endpointId } = await admin.client.mutation(g.createWebhookEndpoint, { connectionId, url: receiver.url("/hook"), kinds: ["*"] });
    const { deliveryId } = await admin.client.mutation(g.sendWebhookTestEvent, { endpointId });
    await t.finishAllScheduledFunctions(vi.runAllTimers);

    // What the console's delivery log reads.
    const [dead] = await admin.client.query(g.listWebhookDeliveries, { endpointId });
    expect(dead).toMatchObject({ deliveryId, status: "failed", attempts: MAX_ATTEMPTS, nextAttemptTime: null, lastResponse: { error: expect.stringContaining(`didn't answer within ${TIMEOUT_MS / 1000} s`) } });
    expect(receiver.requests.filter((request) => request.path === "/hook")).toHaveLength(MAX_ATTEMPTS);

    receiver.behave({ kind: "reply", status: 204 });
    const resent = await admin.client.mutation(g.resendWebhookDelivery, { deliveryId });
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    const deliveries = await admin.client.query(g.listWebhookDeliveries, { endpointId });
    expect(deliveries.map((delivery) => [delivery.deliveryId, delivery.status, delivery.attempts])).toEqual([
      [resent.deliveryId, "succeeded", 1],
      [deliveryId, "failed", MAX_ATTEMPTS],
    ]);
    expect(receiver.requests.at(-1)!.body).toBe(receiver.requests[0]!.body);
  });
});

describe("DNS that never answers or fails", () => {
  let dns: MisbehavingDnsServer;
  beforeAll(async () => {
    dns = await startMisbehavingDnsServer();
    process.env.DNS_SERVERS = dns.address;
  });
  afterAll(async () => {
    delete process.env.DNS_SERVERS;
    await dns.close();
  });

  it("reads failed with the reason while DNS is down, and verifies on retry once DNS is back", async () => {
    const t = newBackend();
    const { admin, connectionId } = await adminWithConnection(t, "oidc", "umbrella.test");
    await admin.client.mutation(g.setDomains, { connectionId, domains: ["umbrella.test"] });
    const [pending] = await admin.client.query(g.listDomains, { connectionId });
    dns.zone.set(pending!.record!.name, [[pending!.record!.value]]);
    const verify = () => admin.client.action(g.confirmDomainVerification, { connectionId, domain: "umbrella.test" });
    const shown = async () => (await admin.client.query(g.listDomains, { connectionId }))[0]!;

    dns.behave("silent");
    expect(await verify()).toBe("failed");
    expect(await shown()).toMatchObject({ status: "failed", failureReason: expect.stringMatching(/ETIMEOUT.*didn't answer in time.*verify again/) });

    dns.behave("servfail");
    expect(await verify()).toBe("failed");
    expect(await shown()).toMatchObject({ status: "failed", failureReason: expect.stringMatching(/ESERVFAIL.*verify again/) });
    expect(await lastAudit(t, "domain.verification.failed")).toMatchObject({ outcome: "failure", reason: expect.stringContaining("ESERVFAIL") });

    dns.behave("answer");
    expect(await verify()).toBe("verified");
    expect(await shown()).toMatchObject({ status: "verified", failureReason: null });
  });
});
