import { beforeAll, describe, expect, it } from "vitest";
import { api } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { normalizeDomain } from "../engine/domain";
import { authEnv, createUser, errorCode, newBackend, type Backend } from "../../tools/testing/convex";

beforeAll(async () => {
  await authEnv();
  process.env.ENCRYPTION_KEYS = `k1:${btoa(String.fromCharCode(...new Uint8Array(32).fill(7)))}`;
  process.env.DNS_SERVERS = "127.0.0.1:9";
});

const g = api.auth.group;

async function setUp() {
  const t = newBackend();
  const admin = await createUser(t, { email: "admin@acme.test" });
  const { groupId } = await admin.client.mutation(api.groups.create, { name: "Acme" });
  const connectionId = await admin.client.mutation(g.createConnection, { groupId, protocol: "oidc" });
  return { t, admin, groupId, connectionId };
}

/** What a working OIDC set-up leaves behind (the OIDC feature writes it; here the test does). */
async function configureOidc(t: Backend, connectionId: Id<"connections">) {
  await t.run((ctx) =>
    ctx.db.patch(connectionId, {
      oidc: {
        discovery: { issuer: "https://idp.acme.test" },
        client: { id: "app", authMethod: "client_secret_basic" },
        request: { scopes: ["openid", "email"], loginHint: true },
        security: { clockToleranceSeconds: 60, strictIssuer: true },
        profile: { mapping: { subject: "sub", email: "email" } },
      },
    }),
  );
}

async function verify(t: Backend, domain: string) {
  await t.run(async (ctx) => {
    const row = (await ctx.db.query("domains").withIndex("by_domain", (q) => q.eq("domain", domain)).unique())!;
    await ctx.db.patch(row._id, { status: "verified", verifiedTime: Date.now() });
  });
}

describe("domains", () => {
  it("normalizes names and refuses what nobody can own", () => {
    expect(normalizeDomain(" Acme.COM. ")).toEqual({ ok: true, domain: "acme.com" });
    expect(normalizeDomain("@münchen.de")).toEqual({ ok: true, domain: "xn--mnchen-3ya.de" });
    for (const bad of ["localhost", "acme", "1.2.3.4", "-acme.com", "acme..com", "a b.com", "acme.com/x", "x".repeat(64) + ".com", ""]) {
      expect([bad, normalizeDomain(bad).ok]).toEqual([bad, false]);
    }
    expect(normalizeDomain("Gmail.com")).toMatchObject({ ok: false, reason: expect.stringContaining("public email provider") });
  });

  it("has one owner across all groups, and setDomains is all or nothing", async () => {
    const { t, admin, connectionId } = await setUp();
    const rival = await createUser(t, { email: "admin@rival.test" });
    const { groupId: rivalGroup } = await rival.client.mutation(api.groups.create, { name: "Rival" });
    const rivalConnection = await rival.client.mutation(g.createConnection, { groupId: rivalGroup, protocol: "saml" });
    await admin.client.mutation(g.setDomains, { connectionId, domains: ["acme.test", "ACME.example"], primary: "acme.example" });
    expect(await errorCode(rival.client.mutation(g.setDomains, { connectionId: rivalConnection, domains: ["rival.test", "acme.test"] }))).toBe(
      "DOMAIN_TAKEN",
    );
    expect(await rival.client.query(g.listDomains, { connectionId: rivalConnection })).toEqual([]);
    expect(await errorCode(admin.client.mutation(g.setDomains, { connectionId, domains: ["gmail.com"] }))).toBe("INVALID_INPUT");
    expect(await errorCode(admin.client.mutation(g.setDomains, { connectionId, domains: ["a.test", "A.test"] }))).toBe("INVALID_INPUT");
    const listed = await admin.client.query(g.listDomains, { connectionId });
    expect(listed.map((d) => [d.domain, d.isPrimary, d.status])).toEqual([
      ["acme.test", false, "pending"],
      ["acme.example", true, "pending"],
    ]);
    expect(listed[0]!.record).toMatchObject({ type: "TXT", name: "_group-sso-challenge.acme.test", value: expect.stringMatching(/^group-sso-verification=/) });
    expect(await rival.client.query(g.validateDomains, { connectionId: rivalConnection, domains: ["acme.test", "free.test", "nope"] })).toMatchObject([
      { domain: "acme.test", ok: false },
      { domain: "free.test", ok: true },
      { domain: null, ok: false },
    ]);
  });

  it("renews the challenge on request, records failed checks with a reason, and expires challenges", async () => {
    const { t, admin, connectionId } = await setUp();
    await admin.client.mutation(g.setDomains, { connectionId, domains: ["acme.test"] });
    const first = (await admin.client.query(g.getDomainStatus, { connectionId, domain: "acme.test" }))!;
    const renewed = await admin.client.mutation(g.requestDomainVerification, { connectionId, domain: "ACME.test" });
    expect(renewed.record.value).not.toBe(first.record!.value);
    const status = await admin.client.action(g.confirmDomainVerification, { connectionId, domain: "acme.test" });
    expect(status).toBe("failed");
    expect((await admin.client.query(g.getDomainStatus, { connectionId, domain: "acme.test" }))!.failureReason).toMatch(/DNS lookup failed/);
    await t.run(async (ctx) => {
      const row = (await ctx.db.query("domains").collect())[0]!;
      await ctx.db.patch(row._id, { status: "pending", challenge: { ...row.challenge!, expiresTime: Date.now() - 1 } });
    });
    expect((await admin.client.query(g.getDomainStatus, { connectionId, domain: "acme.test" }))!.status).toBe("expired");
    expect(await errorCode(admin.client.mutation(g.requestDomainVerification, { connectionId, domain: "other.test" }))).toBe("NOT_FOUND");
  });
});

describe("oversized and malformed input", () => {
  it("is refused with INVALID_INPUT and changes nothing", async () => {
    const { t, admin, groupId, connectionId } = await setUp();
    const before = await t.run(async (ctx) => [await ctx.db.query("domains").collect(), await ctx.db.query("connections").collect()]);
    const many = Array.from({ length: 21 }, (_, i) => `d${i}.acme.test`);
    expect(await errorCode(admin.client.mutation(g.setDomains, { connectionId, domains: many }))).toBe("INVALID_INPUT");
    expect(await errorCode(admin.client.query(g.validateDomains, { connectionId, domains: [...many, ...many, ...many, ...many, ...many] }))).toBe(
      "INVALID_INPUT",
    );
    expect(await errorCode(admin.client.mutation(g.createConnection, { groupId, protocol: "oidc", name: "x".repeat(81) }))).toBe("INVALID_INPUT");
    expect(await errorCode(admin.client.mutation(g.updateConnection, { id: connectionId, data: { name: "   " } }))).toBe("INVALID_INPUT");
    expect(await errorCode(admin.client.mutation(g.setDomains, { connectionId, domains: [`${"a".repeat(250)}.test`] }))).toBe("INVALID_INPUT");
    const rules = Array.from({ length: 51 }, (_, i) => ({ source: "groups" as const, value: `g${i}`, role: "member" as const }));
    expect(await errorCode(admin.client.mutation(g.updatePolicy, { groupId, data: { roleMapping: rules } }))).toBe("INVALID_INPUT");
    expect(await errorCode(admin.client.mutation(g.createWebhookEndpoint, { connectionId, url: `https://hooks.example.com/${"x".repeat(3000)}`, kinds: ["*"] }))).toBe(
      "INVALID_URL",
    );
    expect(await t.run(async (ctx) => [await ctx.db.query("domains").collect(), await ctx.db.query("connections").collect()])).toEqual(before);
  });
});

describe("connections", () => {
  it("reports readiness and refuses activation until ready", async () => {
    const { t, admin, connectionId } = await setUp();
    const before = await admin.client.query(g.getConnectionStatus, { id: connectionId });
    expect(before).toMatchObject({ status: "draft", ready: false, nextStep: { id: "protocol" } });
    expect(await errorCode(admin.client.mutation(g.updateConnection, { id: connectionId, data: { status: "active" } }))).toBe("NOT_READY");
    await configureOidc(t, connectionId);
    await admin.client.mutation(g.setDomains, { connectionId, domains: ["acme.test"] });
    expect((await admin.client.query(g.getConnectionStatus, { id: connectionId })).nextStep).toMatchObject({ id: "domainVerified" });
    await verify(t, "acme.test");
    expect(await admin.client.query(g.getConnectionStatus, { id: connectionId })).toMatchObject({ ready: true, nextStep: { id: "tested" } });
    // Without a successful test sign-in, activation is an explicit, audited override.
    expect(await errorCode(admin.client.mutation(g.updateConnection, { id: connectionId, data: { status: "active" } }))).toBe("NOT_READY");
    await admin.client.mutation(g.updateConnection, { id: connectionId, data: { status: "active", name: "Okta", overrideTest: true } });
    expect(await admin.client.query(g.getConnectionStatus, { id: connectionId })).toMatchObject({ status: "active", ready: true, nextStep: { id: "tested" } });
    const [event] = await t.run((ctx) => ctx.db.query("auditEvents").order("desc").take(1));
    expect(event).toMatchObject({ kind: "connection.updated", metadata: { status: "active", testOverridden: true } });
    expect((await admin.client.query(g.getConnection, { id: connectionId })).name).toBe("Okta");
  });

  it("never returns secrets", async () => {
    const { t, admin, connectionId } = await setUp();
    await configureOidc(t, connectionId);
    await t.run(async (ctx) => {
      const connection = (await ctx.db.get(connectionId))!;
      await ctx.db.patch(connectionId, { oidc: { ...connection.oidc!, client: { ...connection.oidc!.client, secret: { keyId: "k1", iv: "IV", ciphertext: "CIPHERTEXT" } } } });
    });
    const read = JSON.stringify([
      await admin.client.query(g.getConnection, { id: connectionId }),
      await admin.client.query(g.getOidc, { connectionId }),
      await admin.client.query(g.listConnections, { groupId: (await admin.client.query(api.groups.active, {}))!.groupId }),
    ]);
    expect(read).not.toContain("CIPHERTEXT");
    expect(read).toContain('"hasSecret":true');
  });

  it("deletes a connection with its domains and endpoints, keeping the audit trail", async () => {
    const { t, admin, groupId, connectionId } = await setUp();
    await admin.client.mutation(g.setDomains, { connectionId, domains: ["acme.test"] });
    await admin.client.mutation(g.deleteConnection, { id: connectionId });
    expect(await t.run((ctx) => ctx.db.query("domains").collect())).toEqual([]);
    const kinds = (await admin.client.query(g.listAudit, { groupId, paginationOpts: { numItems: 20, cursor: null } })).page.map((e) => e.kind);
    expect(kinds).toEqual(["connection.deleted", "domain.added", "connection.created"]);
  });
});

describe("signIn resolution", () => {
  async function activeConnection() {
    const setup = await setUp();
    await configureOidc(setup.t, setup.connectionId);
    await setup.admin.client.mutation(g.setDomains, { connectionId: setup.connectionId, domains: ["acme.test"] });
    await verify(setup.t, "acme.test");
    await setup.admin.client.mutation(g.updateConnection, { id: setup.connectionId, data: { status: "active", overrideTest: true } });
    return setup;
  }

  it("routes a verified domain of an active connection, and nothing else", async () => {
    const { t, admin, connectionId } = await activeConnection();
    const route = await t.query(g.signIn, { email: "Ada@ACME.test", redirectTo: "/dashboard?tab=1" });
    expect(route).toEqual({
      connectionId,
      connectionName: "OpenID Connect",
      protocol: "oidc",
      enforced: false,
      signInUrl: `${process.env.CONVEX_SITE_URL}/api/auth/sso/${connectionId}/start?redirectTo=%2Fdashboard%3Ftab%3D1&login_hint=ada%40acme.test`,
    });
    expect((await t.query(g.signIn, { domain: "acme.test" }))?.connectionId).toBe(connectionId);
    expect((await t.query(g.signIn, { connectionId }))?.connectionId).toBe(connectionId);
    expect(await t.query(g.signIn, { email: "someone@gmail.com" })).toBeNull();
    expect(await t.query(g.signIn, { email: "someone@unknown.test" })).toBeNull();
    expect(await t.query(g.signIn, { connectionId: "garbage" })).toBeNull();
    await admin.client.mutation(g.updatePolicy, { groupId: (await admin.client.query(api.groups.active, {}))!.groupId, data: { ssoEnforced: true } });
    expect(await t.query(g.signIn, { email: "ada@acme.test" })).toMatchObject({ enforced: true });
    await admin.client.mutation(g.updateConnection, { id: connectionId, data: { status: "disabled" } });
    expect(await t.query(g.signIn, { email: "ada@acme.test" })).toBeNull();
  });

  it("ignores unverified domains", async () => {
    const { t, admin, connectionId } = await activeConnection();
    await admin.client.mutation(g.setDomains, { connectionId, domains: ["acme.test", "pending.test"] });
    expect(await t.query(g.signIn, { email: "a@pending.test" })).toBeNull();
  });

  it("refuses open redirects and ambiguous queries", async () => {
    const { t } = await activeConnection();
    for (const redirectTo of ["https://evil.test", "//evil.test", "/\\evil.test", "javascript:alert(1)", "dashboard"]) {
      expect([redirectTo, await errorCode(t.query(g.signIn, { email: "a@acme.test", redirectTo }))]).toEqual([redirectTo, "INVALID_INPUT"]);
    }
    expect(await errorCode(t.query(g.signIn, {}))).toBe("INVALID_INPUT");
    expect(await errorCode(t.query(g.signIn, { email: "a@acme.test", domain: "acme.test" }))).toBe("INVALID_INPUT");
    expect(await errorCode(t.query(g.signIn, { email: "not-an-email" }))).toBe("INVALID_INPUT");
  });
});

describe("policy and audit", () => {
  it("validates and saves policy, and audits it", async () => {
    const { admin, groupId } = await setUp();
    expect(await admin.client.query(g.getPolicy, { groupId })).toMatchObject({ accountLinking: "verifiedEmail", jit: { mode: "on", defaultRole: "member" } });
    const checks = await admin.client.query(g.validatePolicy, { groupId, data: { ssoEnforced: true, jit: { mode: "on", defaultRole: "owner" } } });
    expect(checks.filter((c) => !c.ok).map((c) => [c.id, c.severity])).toEqual([
      ["jit.defaultRole", "error"],
      ["ssoEnforced.domains", "warning"],
      ["ssoEnforced.connection", "warning"],
    ]);
    expect(await errorCode(admin.client.mutation(g.updatePolicy, { groupId, data: { jit: { mode: "on", defaultRole: "owner" } } }))).toBe("INVALID_INPUT");
    expect(
      await errorCode(
        admin.client.mutation(g.updatePolicy, {
          groupId,
          data: { roleMapping: [{ source: "groups", value: "eng", role: "admin" }, { source: "groups", value: "eng", role: "member" }] },
        }),
      ),
    ).toBe("INVALID_INPUT");
    const saved = await admin.client.mutation(g.updatePolicy, { groupId, data: { deprovision: "hard", roleMapping: [{ source: "roles", value: "it-admins", role: "admin" }] } });
    expect(saved).toMatchObject({ deprovision: "hard", accountLinking: "verifiedEmail" });
    expect(await admin.client.query(g.getPolicy, { groupId })).toEqual(saved);
  });

  it("pages the audit log newest first, filtered by indexes", async () => {
    const { admin, groupId, connectionId } = await setUp();
    for (let i = 0; i < 5; i++) await admin.client.mutation(g.updatePolicy, { groupId, data: { deprovision: i % 2 ? "hard" : "soft" } });
    const first = await admin.client.query(g.listAudit, { groupId, paginationOpts: { numItems: 3, cursor: null } });
    expect(first.page.map((e) => e.kind)).toEqual(["policy.updated", "policy.updated", "policy.updated"]);
    const second = await admin.client.query(g.listAudit, { groupId, paginationOpts: { numItems: 3, cursor: first.continueCursor } });
    expect(second.page.map((e) => e.kind)).toEqual(["policy.updated", "policy.updated", "connection.created"]);
    const byConnection = await admin.client.query(g.listAudit, { groupId, connectionId, paginationOpts: { numItems: 10, cursor: null } });
    expect(byConnection.page.map((e) => e.kind)).toEqual(["connection.created"]);
    const byKind = await admin.client.query(g.listAudit, { groupId, kind: "policy.updated", paginationOpts: { numItems: 10, cursor: null } });
    expect(byKind.page).toHaveLength(5);
    const future = await admin.client.query(g.listAudit, { groupId, from: Date.now() + 60_000, paginationOpts: { numItems: 10, cursor: null } });
    expect(future.page).toEqual([]);
    expect(await errorCode(admin.client.query(g.listAudit, { groupId, paginationOpts: { numItems: 1000, cursor: null } }))).toBe("INVALID_INPUT");
  });
});
