import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDemoSamlIdp, type StandaloneDemoSamlIdp } from "../../tools/demo-idp/saml-idp";
import { SAML_DEMO_USERS } from "../../tools/demo-idp/users";
import { addRecord } from "../../tools/dev-dns/records";
import { startDevDns, type DevDns } from "../../tools/dev-dns/server";
import { addMembership, authEnv, CONVEX_SITE_URL, createUser, errorCode, newBackend, SITE_URL, type Backend, type TestUser } from "../../tools/testing/convex";
import { loginAtDemoSamlIdp } from "../../tools/testing/saml-login";
import { api } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import { OPEN_AUDIT_INTERVAL_MS } from "./setupLink";
import type { SetupScope } from "./setupScope";
import { sha256 } from "./tokens";

/**
 * Setup links end to end on convex-test: the token (random, stored hashed,
 * expiring, revocable), auditing with the link as the actor, and each scope's
 * set-up through api.auth.setup against real peers: SAML against the demo
 * SAML IdP (auth0's `samlp`) with a test sign-in through the ACS, domain
 * verification against the dev DNS server (dns2), and SCIM tokens. The
 * scope matrix of every wizard function is in convex/auth/setup.authorization.test.ts.
 */
const g = api.auth.group;
const s = api.auth.setup;
const nina = SAML_DEMO_USERS.find((user) => user.email === "nina@umbrella.test")!;
const HOUR_MS = 60 * 60 * 1000;
let idp: StandaloneDemoSamlIdp;
let dns: DevDns;
let dnsDir: string;

beforeAll(async () => {
  await authEnv();
  process.env.ENCRYPTION_KEYS = `k1:${btoa(String.fromCharCode(...new Uint8Array(32).fill(9)))}`;
  process.env.ALLOW_PRIVATE_IDP_URLS = "true";
  process.env.ALLOW_PRIVATE_WEBHOOK_URLS = "true";
  idp = await startDemoSamlIdp({ port: 0, acsUrlPrefix: `${CONVEX_SITE_URL}/api/auth/saml/` });
  dnsDir = await mkdtemp(join(tmpdir(), "setup-link-dns-"));
  dns = await startDevDns({ port: 0, recordsFile: join(dnsDir, "records.json") });
  process.env.DNS_SERVERS = `${dns.host}:${dns.port}`;
});

afterAll(async () => {
  await Promise.all([idp?.close(), dns?.close()]);
  if (dnsDir) await rm(dnsDir, { recursive: true, force: true });
});

interface Setup {
  t: Backend;
  admin: TestUser;
  groupId: Id<"groups">;
  connectionId: Id<"connections">;
}

async function setUp(protocol: "oidc" | "saml" = "saml"): Promise<Setup> {
  const t = newBackend();
  const admin = await createUser(t, { email: "owner@umbrella.test", name: "Olivia Owner" });
  const { groupId } = await admin.client.mutation(api.groups.create, { name: "Umbrella" });
  const connectionId = await admin.client.mutation(g.createConnection, { groupId, protocol, name: "Umbrella IdP" });
  return { t, admin, groupId, connectionId };
}

const tokenOf = (url: string) => new URL(url).pathname.split("/").at(-1)!;

async function createLink(f: Setup, scopes: SetupScope[], extra: { ttlHours?: number; note?: string } = {}) {
  const created = await f.admin.client.mutation(g.createSetupLink, { connectionId: f.connectionId, scopes, ...extra });
  return { ...created, token: tokenOf(created.url) };
}

async function events(t: Backend, kind: string): Promise<Doc<"auditEvents">[]> {
  return (await t.run((ctx) => ctx.db.query("auditEvents").collect())).filter((row) => row.kind === kind);
}

describe("a setup link's token", () => {
  it("is 256 random bits in an app URL returned once; only its SHA-256 is stored", async () => {
    const f = await setUp();
    const { url, token, setupLinkId } = await createLink(f, ["sso"], { note: "Ivan, Umbrella IT" });
    expect(url).toBe(`${SITE_URL}/setup/${token}`);
    // 32 bytes in base64url, unpadded.
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = (await f.t.run((ctx) => ctx.db.get(setupLinkId)))!;
    expect(row.tokenHash).toBe(await sha256(token));
    const stored = await f.t.run(async (ctx) => JSON.stringify([await ctx.db.query("setupLinks").collect(), await ctx.db.query("auditEvents").collect()]));
    expect(stored).not.toContain(token);
    const [listed] = await f.admin.client.query(g.listSetupLinks, { connectionId: f.connectionId });
    expect(JSON.stringify(listed)).not.toContain(token);
    expect(listed).toMatchObject({ setupLinkId, scopes: ["sso"], note: "Ivan, Umbrella IT", state: "active", createdBy: "Olivia Owner" });
    expect(Object.keys(listed!)).not.toContain("tokenHash");
    expect((await createLink(f, ["sso"])).token).not.toBe(token);
  });

  it("lasts 7 days unless the admin picks 1 hour to 30 days; other lengths and empty scopes are refused", async () => {
    const f = await setUp();
    const before = Date.now();
    const { expiresTime } = await createLink(f, ["sso", "scim", "domains"]);
    expect(expiresTime).toBeGreaterThanOrEqual(before + 7 * 24 * HOUR_MS);
    expect(expiresTime).toBeLessThanOrEqual(Date.now() + 7 * 24 * HOUR_MS);
    expect((await createLink(f, ["domains"], { ttlHours: 1 })).expiresTime).toBeLessThanOrEqual(Date.now() + HOUR_MS);
    expect((await createLink(f, ["domains"], { ttlHours: 720 })).expiresTime).toBeGreaterThan(Date.now() + 719 * HOUR_MS);
    for (const ttlHours of [0, 721, 1.5, -1]) {
      expect([ttlHours, await errorCode(createLink(f, ["sso"], { ttlHours }))]).toEqual([ttlHours, "INVALID_INPUT"]);
    }
    expect(await errorCode(createLink(f, []))).toBe("INVALID_INPUT");
    expect(await errorCode(createLink(f, ["sso"], { note: "x".repeat(121) }))).toBe("INVALID_INPUT");
  });

  it("stops working once expired", async () => {
    const f = await setUp();
    const { token, setupLinkId } = await createLink(f, ["sso"]);
    expect(await f.t.query(s.getSetup, { token })).toMatchObject({ connectionName: "Umbrella IdP", organization: "Umbrella", protocol: "saml" });
    await f.t.run((ctx) => ctx.db.patch(setupLinkId, { expiresTime: Date.now() - 1 }));
    expect(await errorCode(f.t.query(s.getSetup, { token }))).toBe("SETUP_LINK_EXPIRED");
    expect(await errorCode(f.t.query(s.getSamlStatus, { token }))).toBe("SETUP_LINK_EXPIRED");
    expect((await f.admin.client.query(g.listSetupLinks, { connectionId: f.connectionId }))[0]!.state).toBe("expired");
  });

  it("is revoked by the group's admins only, at once, audited once", async () => {
    const f = await setUp();
    const { token, setupLinkId } = await createLink(f, ["sso"]);
    const member = await createUser(f.t, { email: "member@umbrella.test" });
    await addMembership(f.t, f.groupId, member, "member");
    expect(await errorCode(member.client.mutation(g.revokeSetupLink, { setupLinkId }))).toBe("FORBIDDEN");
    expect(await errorCode(f.t.mutation(g.revokeSetupLink, { setupLinkId }))).toBe("NOT_SIGNED_IN");
    expect(await errorCode(member.client.mutation(g.createSetupLink, { connectionId: f.connectionId, scopes: ["sso"] }))).toBe("FORBIDDEN");

    await f.admin.client.mutation(g.revokeSetupLink, { setupLinkId });
    await f.admin.client.mutation(g.revokeSetupLink, { setupLinkId });
    expect(await errorCode(f.t.query(s.getSetup, { token }))).toBe("SETUP_LINK_REVOKED");
    const revoked = await events(f.t, "setup_link.revoked");
    expect(revoked).toHaveLength(1);
    expect(revoked[0]).toMatchObject({ connectionId: f.connectionId, actor: { type: "user", id: f.admin.userId }, target: { type: "setupLink", id: setupLinkId } });
    expect((await f.admin.client.query(g.listSetupLinks, { connectionId: f.connectionId }))[0]).toMatchObject({ state: "revoked", revokedTime: expect.any(Number) });
  });

  it("allows at most 10 active links per connection", async () => {
    const f = await setUp();
    const links = [];
    for (let i = 0; i < 10; i++) links.push(await createLink(f, ["domains"]));
    expect(await errorCode(createLink(f, ["domains"]))).toBe("INVALID_INPUT");
    await f.admin.client.mutation(g.revokeSetupLink, { setupLinkId: links[0]!.setupLinkId });
    await createLink(f, ["domains"]);
  });
});

describe("auditing with the link as the actor", () => {
  it("records creation by the admin, and each visit (not each reload) by the link", async () => {
    const f = await setUp();
    const { token, setupLinkId } = await createLink(f, ["sso"], { note: "Ivan" });
    expect((await events(f.t, "setup_link.created"))[0]).toMatchObject({
      actor: { type: "user", id: f.admin.userId },
      target: { type: "setupLink", id: setupLinkId, label: "Ivan" },
      metadata: { scopes: "sso", expiresTime: expect.any(Number) },
    });
    await f.t.mutation(s.open, { token });
    await f.t.mutation(s.open, { token });
    const opened = await events(f.t, "setup_link.opened");
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({ connectionId: f.connectionId, actor: { type: "setupLink", id: setupLinkId, label: "Setup link (Ivan)" } });
    // A later visit is a new event.
    await f.t.run((ctx) => ctx.db.patch(setupLinkId, { lastOpenedTime: Date.now() - OPEN_AUDIT_INTERVAL_MS - 1 }));
    await f.t.mutation(s.open, { token });
    expect(await events(f.t, "setup_link.opened")).toHaveLength(2);
    const [listed] = await f.admin.client.query(g.listSetupLinks, { connectionId: f.connectionId });
    expect(listed!.firstOpenedTime).toEqual(expect.any(Number));
  });

  it("records OIDC settings saved through the link as the link's doing", async () => {
    const f = await setUp("oidc");
    const { token, setupLinkId } = await createLink(f, ["sso"]);
    await f.t.mutation(s.setOidc, { token, discovery: { issuer: "https://idp.umbrella.test" }, client: { id: "app", secret: "s3cret" } });
    expect(await f.t.query(s.getOidc, { token })).toMatchObject({ discovery: { issuer: "https://idp.umbrella.test" }, client: { id: "app", hasSecret: true } });
    expect((await events(f.t, "connection.protocol.set"))[0]).toMatchObject({ actor: { type: "setupLink", id: setupLinkId }, metadata: { protocol: "oidc" } });
    // The admin sees the same settings in the console.
    expect(await f.admin.client.query(g.getOidc, { connectionId: f.connectionId })).toMatchObject({ client: { id: "app" } });
  });
});

describe("set-up through the link", () => {
  it("SAML against the demo IdP: our values, its metadata, validation and a test sign-in back to the wizard; completion is recorded once and sent to webhooks", async () => {
    const f = await setUp();
    await f.admin.client.mutation(g.createWebhookEndpoint, { connectionId: f.connectionId, url: "http://127.0.0.1:9/hook", kinds: ["connection.setup.completed"] });
    const { token, setupLinkId } = await createLink(f, ["sso"], { note: "Ivan" });

    const values = await f.t.query(s.getSamlStatus, { token });
    expect(values).toMatchObject({ configured: false, acsUrl: `${CONVEX_SITE_URL}/api/auth/saml/${f.connectionId}/acs`, entityId: `${CONVEX_SITE_URL}/api/auth/saml/${f.connectionId}/metadata` });
    const saved = await f.t.action(s.setSaml, { token, metadata: { url: idp.metadataUrl } });
    expect(saved.metadata.entityId).toBe(idp.entityId);
    expect(await f.t.action(s.validateSaml, { token })).toMatchObject({ ok: true });

    const { testId, url } = await f.t.mutation(s.startTestSignIn, { token });
    const started = await f.t.fetch(`${new URL(url).pathname}${new URL(url).search}`);
    expect(started.status).toBe(302);
    const answer = await loginAtDemoSamlIdp(started.headers.get("location")!, nina.email);
    const posted = await f.t.fetch(new URL(answer.acsUrl).pathname, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ SAMLResponse: answer.SAMLResponse, RelayState: answer.RelayState! }).toString(),
    });
    // The token isn't stored, so the IdP's tab can't be sent to the wizard: it lands on a page pointing back to it.
    expect(posted.headers.get("location")).toBe(`${SITE_URL}/setup/test-finished`);
    expect(await f.t.query(s.getTestSignIn, { token, testId })).toMatchObject({ status: "succeeded", profile: { email: nina.email } });

    expect(await f.t.query(s.getSetup, { token })).toMatchObject({ complete: true, steps: [{ scope: "sso", done: true }] });
    const actor = { type: "setupLink", id: setupLinkId, label: "Setup link (Ivan)" };
    expect((await events(f.t, "connection.protocol.set"))[0]).toMatchObject({ actor, metadata: { protocol: "saml" } });
    expect((await events(f.t, "connection.test.started"))[0]).toMatchObject({ actor });
    const completed = await events(f.t, "connection.setup.completed");
    expect(completed).toHaveLength(1);
    expect(completed[0]).toMatchObject({ actor, target: { type: "connection", id: f.connectionId }, metadata: { scopes: "sso", protocol: "saml" } });
    const deliveries = await f.t.run((ctx) => ctx.db.query("webhookDeliveries").collect());
    expect(deliveries.map((delivery) => delivery.kind)).toEqual(["connection.setup.completed"]);

    // Another test later doesn't complete it again; the admin sees it done.
    await f.t.mutation(s.open, { token });
    expect(await events(f.t, "connection.setup.completed")).toHaveLength(1);
    const [listed] = await f.admin.client.query(g.listSetupLinks, { connectionId: f.connectionId });
    expect(listed).toMatchObject({ completedTime: expect.any(Number), steps: [{ scope: "sso", done: true }] });
    const readiness = await f.admin.client.query(g.getConnectionStatus, { id: f.connectionId });
    expect(readiness.checks.filter((check) => check.id === "protocol" || check.id === "tested").every((check) => check.ok)).toBe(true);
  });

  it("a failed test sign-in lands back on the wizard too, and completes nothing", async () => {
    const f = await setUp();
    const { token } = await createLink(f, ["sso"]);
    await f.t.action(s.setSaml, { token, metadata: { url: idp.metadataUrl } });
    const { testId, url } = await f.t.mutation(s.startTestSignIn, { token });
    const started = await f.t.fetch(`${new URL(url).pathname}${new URL(url).search}`);
    const answer = await loginAtDemoSamlIdp(started.headers.get("location")!, nina.email, { cancel: true });
    const posted = await f.t.fetch(new URL(answer.acsUrl).pathname, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ SAMLResponse: answer.SAMLResponse, RelayState: answer.RelayState! }).toString(),
    });
    expect(posted.headers.get("location")).toBe(`${SITE_URL}/setup/test-finished`);
    expect(await f.t.query(s.getTestSignIn, { token, testId })).toMatchObject({ status: "failed" });
    expect(await f.t.query(s.getSetup, { token })).toMatchObject({ complete: false });
    expect(await events(f.t, "connection.setup.completed")).toHaveLength(0);
  });

  it("domains: added, published on DNS and verified through the link; verified ones stay", async () => {
    const f = await setUp();
    const { token, setupLinkId } = await createLink(f, ["domains"]);
    await f.t.mutation(s.addDomain, { token, domain: "Umbrella.test" });
    await f.t.mutation(s.addDomain, { token, domain: "umbrella-typo.test" });
    const [domain] = await f.t.query(s.listDomains, { token });
    expect(domain).toMatchObject({ domain: "umbrella.test", isPrimary: true, status: "pending", record: { type: "TXT", name: "_group-sso-challenge.umbrella.test" } });

    expect(await f.t.action(s.confirmDomainVerification, { token, domain: "umbrella.test" })).toBe("failed");
    await addRecord(join(dnsDir, "records.json"), { type: "TXT", name: domain!.record!.name, value: domain!.record!.value });
    expect(await f.t.action(s.confirmDomainVerification, { token, domain: "umbrella.test" })).toBe("verified");

    const actor = { type: "setupLink", id: setupLinkId };
    expect((await events(f.t, "domain.added"))[0]).toMatchObject({ actor });
    expect((await events(f.t, "domain.verified"))[0]).toMatchObject({ actor, target: { id: "umbrella.test" } });
    expect(await events(f.t, "connection.setup.completed")).toHaveLength(1);

    expect(await errorCode(f.t.mutation(s.removeDomain, { token, domain: "umbrella.test" }))).toBe("FORBIDDEN");
    await f.t.mutation(s.removeDomain, { token, domain: "umbrella-typo.test" });
    expect((await f.t.query(s.listDomains, { token })).map((row) => row.domain)).toEqual(["umbrella.test"]);
  });

  it("SCIM: a token shown once; a new one replaces it", async () => {
    const f = await setUp();
    const { token, setupLinkId } = await createLink(f, ["scim"]);
    expect(await f.t.query(s.getScimStatus, { token })).toMatchObject({ configured: false, baseUrl: `${CONVEX_SITE_URL}/scim/v2/${f.connectionId}` });
    const first = await f.t.mutation(s.issueScimToken, { token });
    expect(first.token).toMatch(/^scim_/);
    expect(await f.t.query(s.getScimStatus, { token })).toMatchObject({ configured: true, status: "enabled", tokens: [{ prefix: first.token.slice(0, 12) }] });
    expect(await events(f.t, "connection.setup.completed")).toHaveLength(1);

    const second = await f.t.mutation(s.issueScimToken, { token });
    const hashes = await f.t.run(async (ctx) => (await ctx.db.get(f.connectionId))!.scim!.tokens.map((row) => row.hash));
    expect(hashes).toEqual([await sha256(second.token)]);
    expect((await events(f.t, "connection.protocol.set")).map((event) => event.actor)).toEqual([
      expect.objectContaining({ type: "setupLink", id: setupLinkId }),
      expect.objectContaining({ type: "setupLink", id: setupLinkId }),
    ]);
    expect(JSON.stringify(await f.t.run((ctx) => ctx.db.query("auditEvents").collect()))).not.toContain(second.token);
  });
});
