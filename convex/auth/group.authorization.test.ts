import { beforeAll, describe, expect, it } from "vitest";
import { api } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import * as groupRpc from "./group";
import { dbSnapshot, expectRefusal, outcomeOf, recordingTarget, type Outcome } from "../../tools/testing/authorization";
import { addMembership, authEnv, createUser, newBackend, type Backend, type TestUser } from "../../tools/testing/convex";
import { findLeaks, needle, textOf, type Needle } from "../../tools/testing/leaks";
import { publicFunctions } from "../../tools/testing/publicFunctions";

/**
 * The authorization matrix of api.auth.group, generated from the module's
 * public functions (tools/testing/publicFunctions.ts; convex/authorization.test.ts
 * delegates this module here): every one must appear in CALLS (a new export
 * without an entry fails), and is called by every kind of caller. Refusals
 * carry a stable code and nothing else, and change nothing; each id a call
 * uses is also tried alone with another group's id, another table's id and garbage.
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
  setupLinkId: Id<"setupLinks">;
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
  const { setupLinkId } = await admin.client.mutation(api.auth.group.createSetupLink, { connectionId, scopes: ["sso", "domains"] });
  return { groupId, connectionId, endpointId, deliveryId, testId, setupLinkId, domain };
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
  createSetupLink: { access: "admin", call: (c, x) => c.mutation(g.createSetupLink, { connectionId: x.connectionId, scopes: ["scim"] }) },
  listSetupLinks: { access: "admin", call: (c, x) => c.query(g.listSetupLinks, { connectionId: x.connectionId }) },
  revokeSetupLink: { access: "admin", call: (c, x) => c.mutation(g.revokeSetupLink, { setupLinkId: x.setupLinkId }) },
  signIn: { access: "public", call: (c) => c.query(g.signIn, { email: "someone@acme.test" }) },
  metadata: { access: "public", call: (c, x) => c.query(g.metadata, { connectionId: x.connectionId }) },
};

/** The call's result, with a refusal the entry expects past authorization counted as allowed. */
function allowedOrCode(result: Outcome, expectedRefusal?: string): string {
  return result.ok || result.code === expectedRefusal ? "allowed" : result.code;
}

/** Every id and name of a tenant, which a refusal must not repeat nor a foreign caller's answer carry. */
function secretsOf(target: Target): Needle[] {
  return Object.entries(target).map(([key, value]) => needle(key, String(value)));
}

describe("api.auth.group authorization", () => {
  it("covers every export", () => {
    const exported = publicFunctions().filter((fn) => fn.module === "auth/group").map((fn) => fn.name);
    expect(exported.sort()).toEqual(Object.keys(CALLS).sort());
  });

  for (const [name, spec] of Object.entries(CALLS)) {
    it(`${name}: ${spec.access === "public" ? "public" : "admins of the group only"}`, async () => {
      // Refusals change nothing (checked after each), so they share one fixture; each allowed call gets its own.
      const shared = await fixture();
      for (const caller of CALLERS) {
        const allowed = spec.access === "public" || caller === "admin";
        const f = allowed ? await fixture() : shared;
        const client: Client = caller === "anonymous" ? f.t : f.users[caller].client;
        const before = await dbSnapshot(f.t);
        const result = await outcomeOf(spec.call(client, f));
        if (allowed) {
          expect([caller, allowedOrCode(result, spec.refusedWith)]).toEqual([caller, "allowed"]);
          if (result.ok) expect([caller, findLeaks(textOf(result.value), secretsOf(f.other))]).toEqual([caller, []]);
          continue;
        }
        expectRefusal(caller, result, caller === "anonymous" ? "NOT_SIGNED_IN" : "FORBIDDEN", [...secretsOf(f.other), ...secretsOf(idsOf(f))]);
        expect([caller, await dbSnapshot(f.t)]).toEqual([caller, before]);
      }
    });

    if (spec.access === "public") continue;
    it(`${name}: each id refused when it is another group's, another table's or garbage`, async () => {
      // The group's own admin holds every grant: only the swapped value can make the call fail.
      const probe = await fixture();
      const { proxy, used } = recordingTarget(idsOf(probe));
      await outcomeOf(spec.call(probe.users.admin.client, proxy));
      expect(used.size).toBeGreaterThan(0);
      // Refusals change nothing (checked after each), so they share one fixture.
      const f = await fixture();
      for (const key of used as Set<keyof Target>) {
        const swaps: Array<[string, string]> =
          key === "domain"
            ? [["another group's domain", f.other.domain]]
            : [["another group's id", f.other[key]], ["another table's id", key === "connectionId" ? f.groupId : f.connectionId], ["garbage", "not-an-id"]];
        for (const [label, value] of swaps) {
          const where = `${key} ← ${label}`;
          const before = await dbSnapshot(f.t);
          const result = await outcomeOf(spec.call(f.users.admin.client, { ...idsOf(f), [key]: value }));
          if (key === "domain" && (result.ok || result.code === "NOT_FOUND")) {
            // A domain isn't a credential: the answer may be "not here", never the other group's data.
            expect([where, findLeaks(textOf(result.ok ? result.value : result.error), secretsOf(f.other))]).toEqual([where, []]);
          } else {
            expectRefusal(where, result, "FORBIDDEN", [...secretsOf(f.other), ...secretsOf(idsOf(f))]);
          }
          expect([where, await dbSnapshot(f.t)]).toEqual([where, before]);
        }
      }
    });
  }
});

/** This group's ids, in the shape of `other`. */
function idsOf(f: Fixture): Target {
  return Object.fromEntries(Object.keys(f.other).map((key) => [key, f[key as keyof Target]])) as Target;
}
