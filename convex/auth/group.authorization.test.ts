import { beforeAll, describe, expect, it } from "vitest";
import { api } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import * as groupRpc from "./group";
import { addMembership, authEnv, createUser, errorCode, newBackend, type Backend, type TestUser } from "../../tools/testing/convex";

/**
 * The authorization matrix of api.auth.group, generated from the module's
 * exports: every export must appear in CALLS (a new export without an entry
 * fails), and is called by every kind of caller, with this group's ids and
 * with another group's ids.
 */
type Caller = "anonymous" | "stranger" | "otherGroupAdmin" | "member" | "admin";
const CALLERS: Caller[] = ["anonymous", "stranger", "otherGroupAdmin", "member", "admin"];

interface Fixture {
  t: Backend;
  users: Record<Exclude<Caller, "anonymous">, TestUser>;
  groupId: Id<"groups">;
  connectionId: Id<"connections">;
  endpointId: Id<"webhookEndpoints">;
  deliveryId: Id<"webhookDeliveries">;
  testId: string;
  domain: string;
  other: Omit<Fixture, "t" | "users" | "other">;
}

beforeAll(async () => {
  await authEnv();
  process.env.ENCRYPTION_KEYS = `k1:${btoa(String.fromCharCode(...new Uint8Array(32).fill(7)))}`;
  process.env.ALLOW_PRIVATE_WEBHOOK_URLS = "true";
  // Nothing listens there: lookups fail fast and never leave the machine.
  process.env.DNS_SERVERS = "127.0.0.1:9";
});

async function tenant(t: Backend, admin: TestUser, name: string, domain: string) {
  const { groupId } = await admin.client.mutation(api.groups.create, { name });
  const connectionId = await admin.client.mutation(api.auth.group.createConnection, { groupId, protocol: "oidc", name: `${name} IdP` });
  await admin.client.mutation(api.auth.group.setDomains, { connectionId, domains: [domain] });
  const { endpointId } = await admin.client.mutation(api.auth.group.createWebhookEndpoint, {
    connectionId,
    url: "http://127.0.0.1:9/hook",
    kinds: ["*"],
  });
  await admin.client.mutation(api.auth.group.sendWebhookTestEvent, { endpointId });
  const deliveryId = await t.run(async (ctx) => (await ctx.db.query("webhookDeliveries").withIndex("by_endpointId", (q) => q.eq("endpointId", endpointId)).first())!._id);
  const { testId } = await admin.client.mutation(api.auth.group.startTestSignIn, { connectionId });
  return { groupId, connectionId, endpointId, deliveryId, testId, domain };
}

async function fixture(): Promise<Fixture> {
  const t = newBackend();
  const admin = await createUser(t, { email: "admin@acme.test" });
  const member = await createUser(t, { email: "member@acme.test" });
  const stranger = await createUser(t, { email: "stranger@nowhere.test" });
  const otherGroupAdmin = await createUser(t, { email: "admin@other.test" });
  const mine = await tenant(t, admin, "Acme", "acme.test");
  const other = await tenant(t, otherGroupAdmin, "Other", "other.test");
  await addMembership(t, mine.groupId, member, "member");
  return { t, users: { admin, member, stranger, otherGroupAdmin }, ...mine, other };
}

type Client = TestUser["client"] | Backend;
type Target = Fixture["other"];
type Call = (client: Client, target: Target) => Promise<unknown>;

const g = api.auth.group;
/** Who may call each export: "public", or the role that must succeed (admins may do everything). */
const CALLS: Record<keyof typeof groupRpc, { access: "public" | "admin" | "member"; call: Call; refusedWith?: string }> = {
  createConnection: { access: "admin", call: (c, x) => c.mutation(g.createConnection, { groupId: x.groupId, protocol: "saml" }) },
  getConnection: { access: "admin", call: (c, x) => c.query(g.getConnection, { id: x.connectionId }) },
  getConnectionByDomain: { access: "admin", call: (c, x) => c.query(g.getConnectionByDomain, { domain: x.domain }) },
  listConnections: { access: "admin", call: (c, x) => c.query(g.listConnections, { groupId: x.groupId }) },
  updateConnection: { access: "admin", call: (c, x) => c.mutation(g.updateConnection, { id: x.connectionId, data: { name: "Renamed" } }) },
  deleteConnection: { access: "admin", call: (c, x) => c.mutation(g.deleteConnection, { id: x.connectionId }) },
  getConnectionStatus: { access: "admin", call: (c, x) => c.query(g.getConnectionStatus, { id: x.connectionId }) },
  listDomains: { access: "admin", call: (c, x) => c.query(g.listDomains, { connectionId: x.connectionId }) },
  getDomainStatus: { access: "admin", call: (c, x) => c.query(g.getDomainStatus, { connectionId: x.connectionId, domain: x.domain }) },
  validateDomains: { access: "admin", call: (c, x) => c.query(g.validateDomains, { connectionId: x.connectionId, domains: ["new.test"] }) },
  setDomains: { access: "admin", call: (c, x) => c.mutation(g.setDomains, { connectionId: x.connectionId, domains: ["acme.test", "acme2.test"] }) },
  requestDomainVerification: { access: "admin", call: (c, x) => c.mutation(g.requestDomainVerification, { connectionId: x.connectionId, domain: x.domain }) },
  // Past authorization it needs a DNS server; with none listening the lookup fails, which is still not a refusal.
  confirmDomainVerification: { access: "admin", call: (c, x) => c.action(g.confirmDomainVerification, { connectionId: x.connectionId, domain: x.domain }) },
  setOidc: {
    access: "admin",
    call: (c, x) => c.mutation(g.setOidc, { connectionId: x.connectionId, discovery: { issuer: "https://idp.acme.test" }, client: { id: "app", secret: "s3cret" } }),
  },
  getOidc: { access: "admin", call: (c, x) => c.query(g.getOidc, { connectionId: x.connectionId }) },
  getOidcStatus: { access: "admin", call: (c, x) => c.query(g.getOidcStatus, { connectionId: x.connectionId }) },
  // Past authorization it needs saved settings, which the fixture's connection doesn't have.
  validateOidc: { access: "admin", refusedWith: "NOT_READY", call: (c, x) => c.action(g.validateOidc, { connectionId: x.connectionId }) },
  startTestSignIn: { access: "admin", call: (c, x) => c.mutation(g.startTestSignIn, { connectionId: x.connectionId }) },
  getTestSignIn: { access: "admin", call: (c, x) => c.query(g.getTestSignIn, { testId: x.testId }) },
  // Past authorization the fixture's (OIDC) connection refuses SAML settings.
  setSaml: { access: "admin", refusedWith: "INVALID_INPUT", call: (c, x) => c.action(g.setSaml, { connectionId: x.connectionId, metadata: {} }) },
  getSaml: { access: "admin", call: (c, x) => c.query(g.getSaml, { connectionId: x.connectionId }) },
  getSamlStatus: { access: "admin", call: (c, x) => c.query(g.getSamlStatus, { connectionId: x.connectionId }) },
  validateSaml: { access: "admin", refusedWith: "NOT_READY", call: (c, x) => c.action(g.validateSaml, { connectionId: x.connectionId }) },
  refreshSaml: { access: "admin", refusedWith: "NOT_READY", call: (c, x) => c.action(g.refreshSaml, { connectionId: x.connectionId }) },
  setScim: { access: "admin", call: (c, x) => c.mutation(g.setScim, { connectionId: x.connectionId }) },
  getScim: { access: "admin", call: (c, x) => c.query(g.getScim, { connectionId: x.connectionId }) },
  getScimStatus: { access: "admin", call: (c, x) => c.query(g.getScimStatus, { connectionId: x.connectionId }) },
  // Past authorization it needs SCIM set up, which the fixture's connection isn't.
  runScimSelfCheck: { access: "admin", refusedWith: "NOT_READY", call: (c, x) => c.action(g.runScimSelfCheck, { connectionId: x.connectionId }) },
  validateScim: { access: "admin", call: (c, x) => c.action(g.validateScim, { connectionId: x.connectionId }) },
  getPolicy: { access: "admin", call: (c, x) => c.query(g.getPolicy, { groupId: x.groupId }) },
  updatePolicy: { access: "admin", call: (c, x) => c.mutation(g.updatePolicy, { groupId: x.groupId, data: { deprovision: "hard" } }) },
  validatePolicy: { access: "admin", call: (c, x) => c.query(g.validatePolicy, { groupId: x.groupId, data: { ssoEnforced: true } }) },
  listAudit: { access: "admin", call: (c, x) => c.query(g.listAudit, { groupId: x.groupId, paginationOpts: { numItems: 10, cursor: null } }) },
  createWebhookEndpoint: { access: "admin", call: (c, x) => c.mutation(g.createWebhookEndpoint, { connectionId: x.connectionId, url: "http://127.0.0.1:9/b", kinds: ["domain.verified"] }) },
  listWebhookEndpoints: { access: "admin", call: (c, x) => c.query(g.listWebhookEndpoints, { connectionId: x.connectionId }) },
  disableWebhookEndpoint: { access: "admin", call: (c, x) => c.mutation(g.disableWebhookEndpoint, { endpointId: x.endpointId }) },
  rotateWebhookSecret: { access: "admin", call: (c, x) => c.mutation(g.rotateWebhookSecret, { endpointId: x.endpointId }) },
  listWebhookDeliveries: { access: "admin", call: (c, x) => c.query(g.listWebhookDeliveries, { endpointId: x.endpointId }) },
  resendWebhookDelivery: { access: "admin", call: (c, x) => c.mutation(g.resendWebhookDelivery, { deliveryId: x.deliveryId }) },
  sendWebhookTestEvent: { access: "admin", call: (c, x) => c.mutation(g.sendWebhookTestEvent, { endpointId: x.endpointId }) },
  signIn: { access: "public", call: (c) => c.query(g.signIn, { email: "someone@acme.test" }) },
  metadata: { access: "public", call: (c, x) => c.query(g.metadata, { connectionId: x.connectionId }) },
};

function outcome(code: string, expectedRefusal?: string): "allowed" | string {
  return code === "no error" || code === expectedRefusal ? "allowed" : code;
}

describe("api.auth.group authorization", () => {
  it("covers every export", () => {
    expect(Object.keys(groupRpc).sort()).toEqual(Object.keys(CALLS).sort());
  });

  for (const [name, spec] of Object.entries(CALLS)) {
    it(`${name}: ${spec.access === "public" ? "public" : "admins of the group only"}`, async () => {
      for (const caller of CALLERS) {
        const f = await fixture();
        const client: Client = caller === "anonymous" ? f.t : f.users[caller].client;
        const code = outcome(await errorCode(spec.call(client, f)), spec.refusedWith);
        const expected =
          spec.access === "public" || caller === "admin" ? "allowed" : caller === "anonymous" ? "NOT_SIGNED_IN" : "FORBIDDEN";
        expect([caller, code]).toEqual([caller, expected]);
      }
      if (spec.access === "public") return;
      // The group's own admin, with the other group's ids.
      const f = await fixture();
      const code = await errorCode(spec.call(f.users.admin.client, f.other));
      expect([name, code]).toEqual([name, "FORBIDDEN"]);
    });
  }
});
