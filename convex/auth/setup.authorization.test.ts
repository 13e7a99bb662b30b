import { beforeAll, describe, expect, it } from "vitest";
import { api } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import type { SetupScope } from "../engine/setupScope";
import * as setupRpc from "./setup";
import { authEnv, createUser, errorCode, newBackend, type Backend, type TestUser } from "../../tools/testing/convex";

/**
 * The scope matrix of api.auth.setup, generated from the module's exports:
 * every export must appear in CALLS (a new one without an entry fails), and
 * is called with a link that covers everything, then with a garbage,
 * an empty, an expired and a revoked link, a link without the export's scope,
 * and the other tenant's ids (its domain, its link's test sign-in, and the
 * admin's own test). Every refusal has its stable code and changes nothing.
 */
interface Target {
  testId: string;
  domain: string;
  /** A domain to add: a new one for this tenant; for the other, the one it claims. */
  addable: string;
}

interface Tenant extends Target {
  connectionId: Id<"connections">;
}

interface Fixture {
  t: Backend;
  admin: TestUser;
  mine: Tenant;
  other: Tenant;
  /** A test sign-in the admin started in the console: not the link's to read. */
  adminTestId: string;
  tokens: { full: string; expired: string; revoked: string; without: Record<SetupScope, string> };
}

beforeAll(async () => {
  await authEnv();
  process.env.ENCRYPTION_KEYS = `k1:${btoa(String.fromCharCode(...new Uint8Array(32).fill(7)))}`;
  // Nothing listens there: lookups fail fast and never leave the machine.
  process.env.DNS_SERVERS = "127.0.0.1:9";
});

const tokenOf = (url: string) => new URL(url).pathname.split("/").at(-1)!;
const ALL: SetupScope[] = ["sso", "scim", "domains"];

async function link(admin: TestUser, connectionId: Id<"connections">, scopes: SetupScope[]) {
  const { url, setupLinkId } = await admin.client.mutation(api.auth.group.createSetupLink, { connectionId, scopes });
  return { token: tokenOf(url), setupLinkId };
}

async function tenant(t: Backend, admin: TestUser, name: string, domain: string, addable: string) {
  const { groupId } = await admin.client.mutation(api.groups.create, { name });
  const connectionId = await admin.client.mutation(api.auth.group.createConnection, { groupId, protocol: "oidc", name: `${name} IdP` });
  await admin.client.mutation(api.auth.group.setDomains, { connectionId, domains: [domain] });
  const { token } = await link(admin, connectionId, ALL);
  const { testId } = await t.mutation(api.auth.setup.startTestSignIn, { token });
  return { token, tenant: { connectionId, testId, domain, addable } };
}

async function fixture(): Promise<Fixture> {
  const t = newBackend();
  const admin = await createUser(t, { email: "admin@acme.test" });
  const otherAdmin = await createUser(t, { email: "admin@globex.test" });
  const { token: full, tenant: mine } = await tenant(t, admin, "Acme", "acme.test", "acme-eu.test");
  const { tenant: other } = await tenant(t, otherAdmin, "Globex", "globex.test", "globex.test");
  const { testId: adminTestId } = await admin.client.mutation(api.auth.group.startTestSignIn, { connectionId: mine.connectionId });
  const expired = await link(admin, mine.connectionId, ALL);
  await t.run((ctx) => ctx.db.patch(expired.setupLinkId, { expiresTime: Date.now() - 1 }));
  const revoked = await link(admin, mine.connectionId, ALL);
  await admin.client.mutation(api.auth.group.revokeSetupLink, { setupLinkId: revoked.setupLinkId });
  const without = {} as Record<SetupScope, string>;
  for (const scope of ALL) without[scope] = (await link(admin, mine.connectionId, ALL.filter((s) => s !== scope))).token;
  return { t, admin, mine, other, adminTestId, tokens: { full, expired: expired.token, revoked: revoked.token, without } };
}

type Call = (t: Backend, token: string, target: Target) => Promise<unknown>;

const s = api.auth.setup;
/**
 * The scope each export needs (null: any usable link), how it is called, the
 * refusal its valid call meets past authorization (the fixture's connection
 * is OIDC and not configured), and the code for the other tenant's ids.
 */
const CALLS: Record<keyof typeof setupRpc, { scope: SetupScope | null; call: Call; refusedWith?: string; foreignIds?: string }> = {
  getSetup: { scope: null, call: (t, token) => t.query(s.getSetup, { token }) },
  open: { scope: null, call: (t, token) => t.mutation(s.open, { token }) },
  getOidc: { scope: "sso", call: (t, token) => t.query(s.getOidc, { token }) },
  getOidcStatus: { scope: "sso", call: (t, token) => t.query(s.getOidcStatus, { token }) },
  setOidc: { scope: "sso", call: (t, token) => t.mutation(s.setOidc, { token, discovery: { issuer: "https://idp.acme.test" }, client: { id: "app", secret: "s3cret" } }) },
  validateOidc: { scope: "sso", refusedWith: "NOT_READY", call: (t, token) => t.action(s.validateOidc, { token }) },
  getSaml: { scope: "sso", call: (t, token) => t.query(s.getSaml, { token }) },
  getSamlStatus: { scope: "sso", call: (t, token) => t.query(s.getSamlStatus, { token }) },
  // Past authorization the metadata given is refused (the fixture's connection is OIDC anyway).
  setSaml: { scope: "sso", refusedWith: "INVALID_INPUT", call: (t, token) => t.action(s.setSaml, { token, metadata: {} }) },
  validateSaml: { scope: "sso", refusedWith: "NOT_READY", call: (t, token) => t.action(s.validateSaml, { token }) },
  startTestSignIn: { scope: "sso", call: (t, token) => t.mutation(s.startTestSignIn, { token }) },
  getTestSignIn: { scope: "sso", foreignIds: "FORBIDDEN", call: (t, token, x) => t.query(s.getTestSignIn, { token, testId: x.testId }) },
  getScimStatus: { scope: "scim", call: (t, token) => t.query(s.getScimStatus, { token }) },
  issueScimToken: { scope: "scim", call: (t, token) => t.mutation(s.issueScimToken, { token }) },
  listDomains: { scope: "domains", call: (t, token) => t.query(s.listDomains, { token }) },
  // The other tenant's domain is taken: adding it to this connection is refused as such.
  addDomain: { scope: "domains", foreignIds: "DOMAIN_TAKEN", call: (t, token, x) => t.mutation(s.addDomain, { token, domain: x.addable }) },
  removeDomain: { scope: "domains", foreignIds: "NOT_FOUND", call: (t, token, x) => t.mutation(s.removeDomain, { token, domain: x.domain }) },
  requestDomainVerification: { scope: "domains", foreignIds: "NOT_FOUND", call: (t, token, x) => t.mutation(s.requestDomainVerification, { token, domain: x.domain }) },
  // Past authorization it needs a DNS server; with none listening the lookup fails, which is still not a refusal.
  confirmDomainVerification: { scope: "domains", foreignIds: "NOT_FOUND", call: (t, token, x) => t.action(s.confirmDomainVerification, { token, domain: x.domain }) },
};

/** The tables a wizard call can write: a refusal must leave them as they were. */
async function snapshot(t: Backend) {
  return await t.run(async (ctx) => ({
    connections: await ctx.db.query("connections").collect(),
    domains: await ctx.db.query("domains").collect(),
    ssoTests: await ctx.db.query("ssoTests").collect(),
    setupLinks: await ctx.db.query("setupLinks").collect(),
    auditEvents: await ctx.db.query("auditEvents").collect(),
  }));
}

async function expectRefused(f: Fixture, label: string, promise: Promise<unknown>, code: string) {
  const before = await snapshot(f.t);
  let data: unknown = undefined;
  const outcome = await errorCode(
    promise.catch((error: unknown) => {
      data = (error as { data?: unknown }).data;
      throw error;
    }),
  );
  expect([label, outcome]).toEqual([label, code]);
  // The refusal says what happened and nothing else.
  expect([label, Object.keys(data ?? {}).sort()]).toEqual([label, ["code", "message"]]);
  expect([label, await snapshot(f.t)]).toEqual([label, before]);
}

describe("api.auth.setup: the token is the credential, for one connection and the link's scopes", () => {
  it("covers every export", () => {
    expect(Object.keys(setupRpc).sort()).toEqual(Object.keys(CALLS).sort());
  });

  for (const [name, spec] of Object.entries(CALLS)) {
    it(`${name}: ${spec.scope ? `needs the "${spec.scope}" scope` : "any usable link"}`, async () => {
      const f = await fixture();
      const code = await errorCode(spec.call(f.t, f.tokens.full, f.mine));
      expect([name, code]).toEqual([name, spec.refusedWith ?? "no error"]);

      await expectRefused(f, `${name} with a garbage token`, spec.call(f.t, "g".repeat(43), f.mine), "SETUP_LINK_INVALID");
      await expectRefused(f, `${name} with an empty token`, spec.call(f.t, "", f.mine), "SETUP_LINK_INVALID");
      await expectRefused(f, `${name} with an expired link`, spec.call(f.t, f.tokens.expired, f.mine), "SETUP_LINK_EXPIRED");
      await expectRefused(f, `${name} with a revoked link`, spec.call(f.t, f.tokens.revoked, f.mine), "SETUP_LINK_REVOKED");
      if (spec.scope) await expectRefused(f, `${name} without its scope`, spec.call(f.t, f.tokens.without[spec.scope], f.mine), "FORBIDDEN");
      if (spec.foreignIds) {
        await expectRefused(f, `${name} with the other tenant's ids`, spec.call(f.t, f.tokens.full, f.other), spec.foreignIds);
      }
    });
  }

  it("getTestSignIn: not the admin's own test of the same connection", async () => {
    const f = await fixture();
    await expectRefused(f, "the admin's test", f.t.query(s.getTestSignIn, { token: f.tokens.full, testId: f.adminTestId }), "FORBIDDEN");
    await expectRefused(f, "not an id", f.t.query(s.getTestSignIn, { token: f.tokens.full, testId: "nope" }), "FORBIDDEN");
  });

  it("a link whose connection was deleted is no longer valid", async () => {
    const f = await fixture();
    await f.admin.client.mutation(api.auth.group.deleteConnection, { id: f.mine.connectionId });
    await expectRefused(f, "deleted connection", f.t.query(s.getSetup, { token: f.tokens.full }), "SETUP_LINK_INVALID");
  });
});
