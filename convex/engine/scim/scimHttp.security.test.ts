import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { authEnv, createUser, newBackend, type Backend } from "../../../tools/testing/convex";
import { api } from "../../_generated/api";
import { PATCH_SCHEMA } from "./patch";
import { ENTERPRISE_SCHEMA, USER_SCHEMA } from "./resources";

/**
 * Property-based, through the SCIM HTTP endpoints (convex-test's fetch into
 * the router): arbitrary filters, PATCH bodies, raw bodies and paths. Every
 * answer is a 2xx, or a 4xx in the SCIM error schema (400s with a scimType);
 * never a 5xx; and a refused request changes nothing (users, members, SCIM
 * rows and the audit log are compared before and after). Fewer runs than
 * the unit-level twin (parsers.security.test.ts): each is a full request.
 */
const SEED = 3126;
const RUNS = 50;
const ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

beforeAll(authEnv);

async function setUp() {
  const t = newBackend();
  const admin = await createUser(t, { email: "admin@contoso.test" });
  const { groupId } = await admin.client.mutation(api.groups.create, { name: "Contoso" });
  const connectionId = await admin.client.mutation(api.auth.group.createConnection, { groupId, protocol: "oidc", name: "Entra" });
  await admin.client.mutation(api.auth.group.setDomains, { connectionId, domains: ["contoso.test"] });
  await t.run(async (ctx) => {
    const domain = (await ctx.db.query("domains").withIndex("by_domain", (q) => q.eq("domain", "contoso.test")).unique())!;
    await ctx.db.patch(domain._id, { status: "verified", verifiedTime: Date.now() });
  });
  const { token } = await admin.client.mutation(api.auth.group.setScim, { connectionId });
  const base = `/scim/v2/${connectionId}`;
  const send = async (method: string, path: string, body?: string) => {
    const response = await t.fetch(path, {
      method,
      headers: { authorization: `Bearer ${token!}`, ...(body === undefined ? {} : { "content-type": "application/scim+json" }) },
      ...(body === undefined ? {} : { body }),
    });
    const text = await response.text();
    return { status: response.status, text };
  };
  const created = await send(
    "POST",
    `${base}/Users`,
    JSON.stringify({
      schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
      userName: "ada@contoso.test",
      externalId: "entra-1",
      active: true,
      name: { givenName: "Ada", familyName: "Lovelace" },
      emails: [{ value: "ada@contoso.test", type: "work", primary: true }],
      [ENTERPRISE_SCHEMA]: { department: "Engineering" },
    }),
  );
  expect(created.status).toBe(201);
  const userId = (JSON.parse(created.text) as { id: string }).id;
  return { t, base, send, userId };
}

/** Everything a SCIM request may change. */
async function snapshot(t: Backend) {
  return await t.run(async (ctx) => ({
    users: await ctx.db.query("users").collect(),
    members: await ctx.db.query("members").collect(),
    scimUsers: await ctx.db.query("scimUsers").collect(),
    scimGroups: await ctx.db.query("scimGroups").collect(),
    scimGroupMembers: await ctx.db.query("scimGroupMembers").collect(),
    audit: (await ctx.db.query("auditEvents").collect()).length,
  }));
}

/** A 2xx, or a SCIM error body with a 4xx status; returns whether it was an error. */
function expectScimAnswer({ status, text }: { status: number; text: string }): boolean {
  expect(status, text).toBeLessThan(500);
  if (status < 300) return false;
  const body = JSON.parse(text) as { schemas?: unknown; status?: unknown; scimType?: unknown; detail?: unknown };
  expect(body.schemas).toEqual([ERROR_SCHEMA]);
  expect(body.status).toBe(String(status));
  expect(typeof body.detail).toBe("string");
  if (status === 400) expect(typeof body.scimType).toBe("string");
  return true;
}

const PATH_PIECES = [
  "userName", "active", "displayName", "name.givenName", "emails", 'emails[type eq "work"].value', "emails[", `${ENTERPRISE_SCHEMA}:department`,
  "__proto__", "constructor.prototype.x", "members", 'members[value eq "x"]', "meta.created", "id", "", "[]",
];

const patchBody = fc.oneof(
  fc
    .record({
      schemas: fc.constantFrom([PATCH_SCHEMA], ["nope"], []),
      Operations: fc.array(
        fc.record(
          {
            op: fc.constantFrom("add", "replace", "remove", "Replace", "move", 3),
            path: fc.constantFrom(...PATH_PIECES),
            value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom("False", "True", { value: "x" }, [{ value: "y" }])),
          },
          { requiredKeys: ["op"] },
        ),
        { maxLength: 4 },
      ),
    })
    .map((body) => JSON.stringify(body)),
  fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
  fc.string({ unit: "binary", maxLength: 80 }),
);

const FILTER_PIECES = ["userName", "emails.value", "externalId", "id", " eq ", " co ", " pr", " and ", " or ", "not", '"ada@contoso.test"', '"', "(", ")", "[", "]", "1", "true", " ", "\\", "%"];
const filter = fc.oneof(
  fc.array(fc.constantFrom(...FILTER_PIECES), { maxLength: 10 }).map((parts) => parts.join("")),
  fc.string({ unit: "grapheme", maxLength: 60 }),
);

describe("SCIM over HTTP, with hostile input", () => {
  it("answers any PATCH body with 200 or a SCIM 4xx, and a refused PATCH changes nothing", async () => {
    const { t, base, send, userId } = await setUp();
    await fc.assert(
      fc.asyncProperty(patchBody, async (body) => {
        const before = await snapshot(t);
        const refused = expectScimAnswer(await send("PATCH", `${base}/Users/${userId}`, body));
        if (refused) expect(await snapshot(t)).toEqual(before);
        expect(({} as Record<string, unknown>).x).toBeUndefined();
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("answers any filter with 200 or 400 invalidFilter, for users and groups", async () => {
    const { base, send } = await setUp();
    await fc.assert(
      fc.asyncProperty(filter, fc.constantFrom("Users", "Groups"), async (text, resource) => {
        const answer = await send("GET", `${base}/${resource}?filter=${encodeURIComponent(text)}`);
        if (expectScimAnswer(answer)) expect(JSON.parse(answer.text)).toMatchObject({ status: "400", scimType: "invalidFilter" });
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("answers any create or replace body with 2xx or a SCIM 4xx, and a refused one changes nothing", async () => {
    const { t, base, send, userId } = await setUp();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("POST Users", "PUT Users", "POST Groups"), patchBody, async (target, body) => {
        const [method, resource] = target.split(" ") as [string, string];
        const before = await snapshot(t);
        const refused = expectScimAnswer(await send(method, `${base}/${resource}${method === "PUT" ? `/${userId}` : ""}`, body));
        if (refused) expect(await snapshot(t)).toEqual(before);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it.each(["/Users/%E0%A4%A", "/Users/%", "/%ZZ/Users", "/Users/..%2F..%2Fadmin", "/Users/%00", "/Nope"])("answers the odd path %j with a SCIM 4xx", async (path) => {
    const { base, send } = await setUp();
    for (const method of ["GET", "DELETE"]) expect(expectScimAnswer(await send(method, `${base}${path}`))).toBe(true);
  });
});
