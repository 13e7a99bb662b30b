import { beforeAll, describe, expect, it } from "vitest";
import { authEnv, createUser, errorCode, newBackend, type Backend } from "../../../tools/testing/convex";
import { entraUser } from "../../../tools/testing/scim";
import { api, internal } from "../../_generated/api";
import { runSequences, type Send } from "./selfCheck";
import type { Id } from "../../_generated/dataModel";

/**
 * The SCIM endpoints over HTTP (convex-test's fetch into the HTTP router),
 * driven the way Microsoft Entra ID and Okta drive them: existence check,
 * create, the PATCH variants each sends, groups and members, deactivation
 * (which ends the user's sessions), reactivation and delete. Every error is
 * checked in the SCIM error schema.
 */
const g = api.auth.group;
const ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";
const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

beforeAll(authEnv);

/** A group with a connection, SCIM on and a verified domain; another tenant in the same backend with `t`. */
async function setUp(t: Backend = newBackend(), domainName = "contoso.test") {
  const admin = await createUser(t, { email: `admin@${domainName}` });
  const { groupId } = await admin.client.mutation(api.groups.create, { name: domainName });
  const connectionId = await admin.client.mutation(g.createConnection, { groupId, protocol: "oidc", name: "Entra" });
  await admin.client.mutation(g.setDomains, { connectionId, domains: [domainName] });
  await t.run(async (ctx) => {
    const domain = (await ctx.db.query("domains").withIndex("by_domain", (q) => q.eq("domain", domainName)).unique())!;
    await ctx.db.patch(domain._id, { status: "verified", verifiedTime: Date.now() });
  });
  const { token } = await admin.client.mutation(g.setScim, { connectionId });
  return { t, admin, groupId, connectionId, token: token!, base: `/scim/v2/${connectionId}` };
}

type Setup = Awaited<ReturnType<typeof setUp>>;

async function call(s: Pick<Setup, "t" | "token">, method: string, path: string, body?: unknown, token: string | null = s.token) {
  const response = await s.t.fetch(path, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { "content-type": "application/scim+json" }) },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

function expectScimError(reply: { status: number; body: unknown }, status: number, scimType?: string) {
  expect(reply.status).toBe(status);
  expect(reply.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: String(status), ...(scimType ? { scimType } : {}) });
  expect(typeof (reply.body as { detail?: unknown }).detail).toBe("string");
}

async function memberOf(t: Backend, groupId: Id<"groups">, email: string) {
  return await t.run(async (ctx) => {
    const user = await ctx.db.query("users").withIndex("email", (q) => q.eq("email", email)).first();
    return user ? await ctx.db.query("members").withIndex("by_groupId_and_userId", (q) => q.eq("groupId", groupId).eq("userId", user._id)).unique() : null;
  });
}

describe("SCIM, as Microsoft Entra ID drives it", () => {
  it("provisions, updates, groups, deactivates (ending sessions), reactivates and deletes", async () => {
    const s = await setUp();
    const { t, base, groupId, admin } = s;
    await admin.client.mutation(g.updatePolicy, { groupId, data: { roleMapping: [{ source: "groups", value: "Contoso Admins", role: "admin" }] } });

    // Existence check, then create.
    const check = await call(s, "GET", `${base}/Users?filter=${encodeURIComponent('userName eq "ada@contoso.test"')}`);
    expect(check.body).toMatchObject({ totalResults: 0, Resources: [] });
    const created = await call(s, "POST", `${base}/Users`, entraUser("ada@contoso.test", "entra-1"));
    expect(created.status).toBe(201);
    expect(created.headers.get("content-type")).toBe("application/scim+json");
    expect(created.headers.get("location")).toBe(created.body.meta.location);
    expect(created.body).toMatchObject({ id: expect.any(String), userName: "ada@contoso.test", active: true, meta: { resourceType: "User", version: 'W/"1"' } });
    const id = created.body.id as string;
    expect(await memberOf(t, groupId, "ada@contoso.test")).toMatchObject({ role: "member", status: "active" });

    // The same filter now finds one (case-insensitively); the enterprise extension is filterable.
    expect((await call(s, "GET", `${base}/Users?filter=${encodeURIComponent('userName eq "ADA@contoso.test"')}`)).body.totalResults).toBe(1);
    expect((await call(s, "GET", `${base}/Users?filter=${encodeURIComponent(`${ENTERPRISE}:department eq "engineering"`)}`)).body.totalResults).toBe(1);

    // Entra's PATCH: capitalised ops, a filtered path, the extension's URN path.
    const patched = await call(s, "PATCH", `${base}/Users/${id}`, {
      schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
      Operations: [
        { op: "Replace", path: "displayName", value: "Ada King" },
        { op: "Replace", path: 'emails[type eq "work"].value', value: "ada@contoso.test" },
        { op: "Add", path: `${ENTERPRISE}:department`, value: "Research" },
      ],
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ displayName: "Ada King", [ENTERPRISE]: { department: "Research" }, meta: { version: 'W/"2"' } });
    expect((await t.run((ctx) => ctx.db.query("users").withIndex("email", (q) => q.eq("email", "ada@contoso.test")).first()))?.name).toBe("Ada King");

    // A group, a member added and removed the way Entra sends it: the role follows the mapping.
    expect((await call(s, "GET", `${base}/Groups?filter=${encodeURIComponent('displayName eq "Contoso Admins"')}`)).body.totalResults).toBe(0);
    const group = await call(s, "POST", `${base}/Groups`, { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], externalId: "g-1", displayName: "Contoso Admins", members: [] });
    expect(group.status).toBe(201);
    const groupPath = `${base}/Groups/${group.body.id}`;
    await call(s, "PATCH", groupPath, { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "Add", path: "members", value: [{ value: id, $ref: "ignored" }] }] });
    expect(await memberOf(t, groupId, "ada@contoso.test")).toMatchObject({ role: "admin" });
    expect((await call(s, "GET", groupPath)).body.members).toEqual([expect.objectContaining({ value: id, display: "ada@contoso.test" })]);
    await call(s, "PATCH", groupPath, { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "Remove", path: `members[value eq "${id}"]` }] });
    expect(await memberOf(t, groupId, "ada@contoso.test")).toMatchObject({ role: "member" });

    // Deactivation ("False" as a string): the membership is suspended and every session ends at once.
    const ada = (await t.run((ctx) => ctx.db.query("users").withIndex("email", (q) => q.eq("email", "ada@contoso.test")).first()))!;
    const sessionId = await t.run((ctx) => ctx.db.insert("authSessions", { userId: ada._id, expirationTime: Date.now() + 3_600_000 }));
    const adaClient = t.withIdentity({ subject: `${ada._id}|${sessionId}`, issuer: process.env.CONVEX_SITE_URL });
    expect(await adaClient.query(api.groups.active, {})).toMatchObject({ groupId });
    await call(s, "PATCH", `${base}/Users/${id}`, { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "Replace", path: "active", value: "False" }] });
    expect(await memberOf(t, groupId, "ada@contoso.test")).toMatchObject({ status: "suspended" });
    expect(await errorCode(adaClient.query(api.groups.active, {}))).toBe("NOT_SIGNED_IN");

    // Reactivation, then delete: 204, and the resource is gone.
    const reactivated = await call(s, "PATCH", `${base}/Users/${id}`, { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "Replace", path: "active", value: "True" }] });
    expect(reactivated.body.active).toBe(true);
    expect(await memberOf(t, groupId, "ada@contoso.test")).toMatchObject({ status: "active" });
    expect((await call(s, "DELETE", `${base}/Users/${id}`)).status).toBe(204);
    expectScimError(await call(s, "GET", `${base}/Users/${id}`), 404);
    expect(await memberOf(t, groupId, "ada@contoso.test")).toMatchObject({ status: "suspended" });
    const kinds = await t.run(async (ctx) => (await ctx.db.query("auditEvents").collect()).filter((e) => e.kind === "scim.operation").map((e) => e.metadata?.change));
    expect(kinds).toEqual(["created", "updated", "created", "updated", "updated", "deactivated", "reactivated", "deleted"]);
  });
});

describe("SCIM, as Okta drives it", () => {
  it("creates idempotently, replaces with PUT, deactivates with a path-less PATCH, and pages lists", async () => {
    const s = await setUp();
    const { base, admin, groupId } = s;
    const user = { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: "grace@contoso.test", name: { givenName: "Grace", familyName: "Hopper" }, emails: [{ primary: true, value: "grace@contoso.test", type: "work" }], active: true };
    const first = await call(s, "POST", `${base}/Users`, user);
    // A retried create answers with the same user; a different user with the same userName is a conflict.
    expect((await call(s, "POST", `${base}/Users`, user)).body.id).toBe(first.body.id);
    expectScimError(await call(s, "POST", `${base}/Users`, { ...user, externalId: "someone-else" }), 409, "uniqueness");
    const replaced = await call(s, "PUT", `${base}/Users/${first.body.id}`, { ...user, name: { givenName: "Grace", familyName: "Brewster" } });
    expect(replaced.body.name.familyName).toBe("Brewster");
    const deactivated = await call(s, "PATCH", `${base}/Users/${first.body.id}`, { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "replace", value: { active: false } }] });
    expect(deactivated.body.active).toBe(false);
    await admin.client.mutation(g.updatePolicy, { groupId, data: { deprovision: "hard" } });
    for (let i = 0; i < 5; i++) await call(s, "POST", `${base}/Users`, { ...user, userName: `user${i}@contoso.test`, emails: [{ value: `user${i}@contoso.test` }] });
    const page = await call(s, "GET", `${base}/Users?startIndex=2&count=2&attributes=userName`);
    expect(page.body).toMatchObject({ totalResults: 6, startIndex: 2, itemsPerPage: 2 });
    expect(Object.keys(page.body.Resources[0]).sort()).toEqual(["id", "meta", "schemas", "userName"]);
    const filtered = await call(s, "GET", `${base}/Users?filter=${encodeURIComponent('userName sw "user" and not (userName ew "3@contoso.test")')}`);
    expect(filtered.body.totalResults).toBe(4);
    // Hard deprovisioning removes the membership.
    const victim = filtered.body.Resources[0].id as string;
    await call(s, "DELETE", `${base}/Users/${victim}`);
    expect(await memberOf(s.t, groupId, filtered.body.Resources[0].userName)).toBeNull();
  });
});

describe("SCIM, as Google Workspace and OneLogin drive it", () => {
  it("accepts nested path-less replaces, member removal by value, and boolean deactivation", async () => {
    const s = await setUp();
    const { base, groupId } = s;
    const user = await call(s, "POST", `${base}/Users`, { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: "lin@contoso.test", name: { givenName: "Lin", familyName: "Wu" }, emails: [{ value: "lin@contoso.test", primary: true }] });
    const id = user.body.id as string;
    // OneLogin: a path-less replace carrying a nested object.
    const renamed = await call(s, "PATCH", `${base}/Users/${id}`, { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "replace", value: { name: { givenName: "Lin", familyName: "Zhou" } } }] });
    expect(renamed.body.name).toMatchObject({ givenName: "Lin", familyName: "Zhou" });
    const group = await call(s, "POST", `${base}/Groups`, { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], displayName: "Staff", members: [{ value: id }] });
    expect(group.body.members).toHaveLength(1);
    // Google Workspace: members removed by value, not by a filtered path.
    const emptied = await call(s, "PATCH", `${base}/Groups/${group.body.id}`, { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "remove", path: "members", value: [{ value: id }] }] });
    expect(emptied.body.members).toEqual([]);
    const off = await call(s, "PATCH", `${base}/Users/${id}`, { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "replace", path: "active", value: false }] });
    expect(off.body.active).toBe(false);
    expect(await memberOf(s.t, groupId, "lin@contoso.test")).toMatchObject({ status: "suspended" });
    expect((await call(s, "GET", `${base}/Groups?filter=${encodeURIComponent('displayName eq "Staff"')}&excludedAttributes=members`)).body.Resources[0]).not.toHaveProperty("members");
  });
});

describe("SCIM membership PATCHes", () => {
  it("change only the members named, answering with the group while it is small and 204 past 100 members", async () => {
    const s = await setUp();
    const { t, base, groupId, admin } = s;
    await admin.client.mutation(g.updatePolicy, { groupId, data: { roleMapping: [{ source: "groups", value: "Everyone", role: "admin" }] } });
    const ids: string[] = [];
    for (let index = 0; index <= 100; index++) ids.push((await call(s, "POST", `${base}/Users`, entraUser(`u${index}@contoso.test`, `e-${index}`))).body.id);
    const group = await call(s, "POST", `${base}/Groups`, { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], displayName: "Everyone", members: ids.slice(0, 100).map((value) => ({ value })) });
    const groupPath = `${base}/Groups/${group.body.id}`;
    const patch = (Operations: unknown[]) => call(s, "PATCH", groupPath, { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations });

    const added = await patch([{ op: "Add", path: "members", value: [{ value: ids[100] }] }]);
    expect(added).toMatchObject({ status: 204, body: null });
    expect(added.headers.get("etag")).toBe('W/"2"');
    expect(await memberOf(t, groupId, "u100@contoso.test")).toMatchObject({ role: "admin" });
    expect((await call(s, "GET", groupPath)).body.members).toHaveLength(101);
    const event = await t.run(async (ctx) => (await ctx.db.query("auditEvents").order("desc").first())!);
    expect(event).toMatchObject({ kind: "scim.operation", target: { id: group.body.id }, metadata: { method: "PATCH", resourceType: "Group", change: "updated" } });

    const removed = await patch([{ op: "Remove", path: `members[value eq "${ids[100]}"]` }]);
    expect(removed.status).toBe(200);
    expect(removed.body.members).toHaveLength(100);
    expect(await memberOf(t, groupId, "u100@contoso.test")).toMatchObject({ role: "member" });

    // What the member-by-member path can't do is left to the general one, with its answers.
    expectScimError(await patch([{ op: "Add", path: "members", value: [{ value: "no-such-user" }] }]), 400, "invalidValue");
    expect((await call(s, "GET", groupPath)).body.members).toHaveLength(100);
  });
});

describe("SCIM self-check", () => {
  it("passes every step of the recorded Entra ID and Okta sequences, then removes its test users", async () => {
    const s = await setUp();
    const { token, tokenHash, domain } = await s.t.mutation(internal.engine.scim.selfCheck.begin, { connectionId: s.connectionId });
    const send: Send = async (method, path, body, authenticated = true) => {
      const reply = await call({ t: s.t, token: authenticated ? token : "scim_wrong" }, method, `${s.base}${path}`, body);
      return { status: reply.status, json: reply.body as Record<string, unknown> | null };
    };
    const { steps, emails } = await runSequences(send, domain);
    expect(steps.filter((step) => !step.ok)).toEqual([]);
    expect(steps.map((step) => step.idp)).toEqual([...Array(9).fill("Entra ID"), ...Array(6).fill("Okta")]);
    await s.t.mutation(internal.engine.scim.selfCheck.finish, { connectionId: s.connectionId, tokenHash, emails });
    expect(await s.t.run((ctx) => ctx.db.query("scimUsers").collect())).toEqual([]);
    for (const email of emails) expect(await s.t.run((ctx) => ctx.db.query("users").withIndex("email", (q) => q.eq("email", email)).first())).toBeNull();
    expectScimError(await call({ t: s.t, token }, "GET", `${s.base}/Users`), 401);
  });
});

describe("SCIM errors and isolation", () => {
  it("refuses missing, wrong, rotated-out and other connections' tokens", async () => {
    const s = await setUp();
    expectScimError(await call(s, "GET", `${s.base}/Users`, undefined, null), 401);
    expectScimError(await call(s, "GET", `${s.base}/Users`, undefined, "scim_wrong"), 401);
    const other = await setUp(s.t, "fabrikam.test");
    expectScimError(await call(s, "GET", `${other.base}/Users`), 401);
    expectScimError(await call(other, "GET", `${s.base}/Users`), 401);
    const { token: rotated } = await s.admin.client.mutation(g.setScim, { connectionId: s.connectionId, rotateToken: true, overlapSeconds: 0 });
    expectScimError(await call(s, "GET", `${s.base}/Users`), 401);
    expect((await call({ ...s, token: rotated! }, "GET", `${s.base}/Users`)).status).toBe(200);
  });

  it("keeps an old token working during the overlap window", async () => {
    const s = await setUp();
    const { token: fresh } = await s.admin.client.mutation(g.setScim, { connectionId: s.connectionId, rotateToken: true, overlapSeconds: 3600 });
    expect((await call(s, "GET", `${s.base}/Users`)).status).toBe(200);
    expect((await call({ ...s, token: fresh! }, "GET", `${s.base}/Users`)).status).toBe(200);
  });

  it("never shows or touches another connection's resources", async () => {
    const a = await setUp();
    const b = await setUp(a.t, "fabrikam.test");
    const user = await call(b, "POST", `${b.base}/Users`, entraUser("eve@fabrikam.test", "b-1"));
    expect(user.status).toBe(201);
    // B's user id through A's endpoint, with A's token: as unknown as a made-up id.
    expectScimError(await call(a, "GET", `${a.base}/Users/${user.body.id}`), 404);
    expectScimError(await call(a, "DELETE", `${a.base}/Users/${user.body.id}`), 404);
  });

  it("answers bad input in the error schema and changes nothing", async () => {
    const s = await setUp();
    expectScimError(await call(s, "GET", `${s.base}/Users?filter=${encodeURIComponent("userName eq")}`), 400, "invalidFilter");
    expectScimError(await call(s, "POST", `${s.base}/Users`, "{not json"), 400, "invalidSyntax");
    expectScimError(await call(s, "POST", `${s.base}/Users`, { schemas: [], emails: [] }), 400, "invalidValue");
    expectScimError(await call(s, "POST", `${s.base}/Users`, entraUser("ada@elsewhere.test", "x")), 400, "invalidValue");
    const created = await call(s, "POST", `${s.base}/Users`, entraUser("ada@contoso.test", "e-1"));
    expectScimError(await call(s, "PATCH", `${s.base}/Users/${created.body.id}`, { Operations: [] }), 400, "invalidSyntax");
    expectScimError(await call(s, "PATCH", `${s.base}/Users/${created.body.id}`, { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "move", path: "x" }] }), 400, "invalidSyntax");
    expectScimError(await call(s, "GET", `${s.base}/Nope`), 404);
    await s.admin.client.mutation(g.setScim, { connectionId: s.connectionId, security: { maxRequestSize: 16 * 1024 } });
    expectScimError(await call(s, "POST", `${s.base}/Users`, { ...entraUser("big@contoso.test", "big"), padding: "x".repeat(20 * 1024) }), 413);
    expect(await s.t.run((ctx) => ctx.db.query("scimUsers").collect())).toHaveLength(1);
  });

  it("serves the discovery endpoints", async () => {
    const s = await setUp();
    expect((await call(s, "GET", `${s.base}/ServiceProviderConfig`)).body).toMatchObject({ patch: { supported: true }, filter: { supported: true }, bulk: { supported: false } });
    expect((await call(s, "GET", `${s.base}/ResourceTypes`)).body.Resources.map((r: { id: string }) => r.id)).toEqual(["User", "Group"]);
    expect((await call(s, "GET", `${s.base}/Schemas/${ENTERPRISE}`)).body.name).toBe("EnterpriseUser");
  });
});
