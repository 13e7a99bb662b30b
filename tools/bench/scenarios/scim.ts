import { api, internal } from "../../../convex/_generated/api";
import type { Id } from "../../../convex/_generated/dataModel";
import type { Backend } from "../../testing/convex";
import { entraUser } from "../../testing/scim";
import { benchBackend } from "../backend";
import { measure, type Measurement } from "../measure";
import type { Report } from "../report";
import { seedInBatches, tenant } from "../tenants";

/**
 * SCIM over HTTP (`/scim/v2/<connectionId>/…`, convex/engine/scim/) with a
 * directory of a given size, driven as Microsoft Entra ID drives it: the
 * `userName eq` existence check before each create, create, PATCH, a list
 * page, and adding a member to a group that holds the whole directory. The
 * same create as a direct mutation (the route's own handler) gives the HTTP
 * layer's overhead.
 */
const DOMAIN = "contoso.test";
const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

export interface ScimDirectory {
  t: Backend;
  connectionId: Id<"connections">;
  token: string;
  base: string;
  /** A directory group holding every seeded user. */
  allStaffId: Id<"scimGroups">;
  userIds: Id<"scimUsers">[];
}

/** A connection with SCIM on and `users` directory users already provisioned (written in bulk, as SCIM would have). */
export async function scimDirectory(t: Backend, users: number): Promise<ScimDirectory> {
  const contoso = await tenant(t, { owner: `admin@${DOMAIN}`, group: "Contoso", protocol: "oidc", domains: [DOMAIN] });
  const { token } = await contoso.owner.client.mutation(api.auth.group.setScim, { connectionId: contoso.connectionId });
  const { connectionId, groupId } = contoso;
  const now = Date.now();
  const allStaffId = await t.run((ctx) => ctx.db.insert("scimGroups", { connectionId, groupId, displayName: "All staff", version: 1, lastModifiedTime: now }));
  const userIds: Id<"scimUsers">[] = [];
  await seedInBatches(t, users, async (ctx, index) => {
    const userName = `user${index}@${DOMAIN}`;
    const userId = await ctx.db.insert("users", { email: userName, name: `User ${index}`, emailVerificationTime: now, provisionedByConnectionId: connectionId });
    await ctx.db.insert("members", { groupId, userId, role: "member", status: "active" });
    const resource = JSON.stringify(entraUser(userName, `entra-${index}`));
    const scimUserId = await ctx.db.insert("scimUsers", { connectionId, groupId, userId, userName, externalId: `entra-${index}`, active: true, resource, version: 1, lastModifiedTime: now });
    await ctx.db.insert("scimGroupMembers", { scimGroupId: allStaffId, scimUserId });
    userIds.push(scimUserId);
  });
  return { t, connectionId, token: token!, base: `/scim/v2/${connectionId}`, allStaffId, userIds };
}

export async function scimCall(directory: Pick<ScimDirectory, "t" | "token">, method: string, path: string, body?: unknown) {
  const response = await directory.t.fetch(path, {
    method,
    headers: { authorization: `Bearer ${directory.token}`, ...(body === undefined ? {} : { "content-type": "application/scim+json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}

function expectStatus(what: string, ...statuses: number[]) {
  return (reply: { status: number; body: unknown }) => {
    if (!statuses.includes(reply.status)) throw new Error(`${what} answered ${reply.status}: ${JSON.stringify(reply.body).slice(0, 300)}`);
  };
}

export async function scimSuite(report: Report, { users, samples }: { users: number; samples: number }): Promise<void> {
  const { t } = await benchBackend();
  const directory = await scimDirectory(t, users);
  const { base } = directory;
  const scale = `${users.toLocaleString("en-US")} users`;
  const row = (operation: string, measurement: Measurement) =>
    report.operation({ suite: "SCIM", operation, scale, usage: measurement.usage, maxUsage: measurement.maxUsage, medianMs: measurement.medianMs, samples: measurement.samples });
  const filterFor = (userName: string) => `${base}/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`;

  const miss = row(
    "existence check, no such user (userName eq)",
    await measure({
      samples,
      prepare: async (run) => `new${run}@${DOMAIN}`,
      operation: (userName) => scimCall(directory, "GET", filterFor(userName)),
      check: (reply) => {
        expectStatus("The existence check", 200)(reply);
        if (reply.body?.totalResults !== 0) throw new Error("The existence check found a user that doesn't exist.");
      },
    }),
  );
  report.readBudget("SCIM existence check ≤ 3 reads, no such user", miss, 3);
  const hit = row(
    "existence check, user exists (userName eq)",
    await measure({
      samples,
      prepare: async (run) => `user${(run * 7919) % users}@${DOMAIN}`,
      operation: (userName) => scimCall(directory, "GET", filterFor(userName)),
      check: (reply) => {
        expectStatus("The existence check", 200)(reply);
        if (reply.body?.totalResults !== 1) throw new Error("The existence check missed a provisioned user.");
      },
    }),
  );
  report.readBudget("SCIM existence check ≤ 3 reads, user exists", hit, 3);

  const created: string[] = [];
  const viaHttp = row(
    "create user (POST /Users)",
    await measure({
      samples,
      prepare: async (run) => entraUser(`new${run}@${DOMAIN}`, `entra-new-${run}`),
      operation: (user) => scimCall(directory, "POST", `${base}/Users`, user),
      check: (reply) => {
        expectStatus("Create", 201)(reply);
        created.push(reply.body!.id as string);
      },
    }),
  );
  const direct = row(
    "create user, direct mutation (no HTTP)",
    await measure({
      samples,
      prepare: async (run) => JSON.stringify(entraUser(`direct${run}@${DOMAIN}`, `entra-direct-${run}`)),
      operation: (body) =>
        t.mutation(internal.engine.scim.handler.write, { connectionId: directory.connectionId, token: directory.token, resource: "Users", query: {}, method: "POST", body, bodySize: body.length }),
      check: expectStatus("The direct create", 201),
    }),
  );
  report.ratio({ name: `SCIM create over HTTP (${scale})`, operationMs: viaHttp.medianMs, floorMs: direct.medianMs, floor: "the same create as a direct mutation" });

  row(
    "PATCH user (Replace displayName)",
    await measure({
      samples,
      prepare: async (run) => ({ id: directory.userIds[(run * 7919) % users]!, name: `Renamed ${run}` }),
      operation: ({ id, name }) => scimCall(directory, "PATCH", `${base}/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: "Replace", path: "displayName", value: name }] }),
      check: expectStatus("PATCH", 200),
    }),
  );
  const list = row(
    "list page (GET /Users?count=100)",
    await measure({
      samples,
      prepare: async () => undefined,
      operation: () => scimCall(directory, "GET", `${base}/Users?startIndex=1&count=100`),
      check: expectStatus("The list", 200),
    }),
  );
  if (list.usage.documentsRead > 2 * 100) {
    report.notes.push(`SCIM list page (${scale}): ${list.usage.documentsRead} reads for 100 rows — an unfiltered list reads the whole directory to count totalResults (no budget; IdPs list with filters, which are indexed).`);
  }
  row(
    `group member add (PATCH /Groups, group of ${scale})`,
    await measure({
      samples,
      // The users created above are not in the group yet; the warm-up run takes the first.
      prepare: async (run) => created[run % created.length]!,
      operation: (id) => scimCall(directory, "PATCH", `${base}/Groups/${directory.allStaffId}`, { schemas: [PATCH_OP], Operations: [{ op: "Add", path: "members", value: [{ value: id }] }] }),
      check: expectStatus("The member add", 200, 204),
    }),
  );
}
