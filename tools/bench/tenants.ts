import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { authEnv, createUser, type Backend, type TestUser } from "../testing/convex";

/**
 * Groups to measure against, made the way an admin makes them (through the
 * public functions), and bulk tenants around them so the database has the
 * size of a scale without taking minutes to seed.
 */
const g = api.auth.group;

/** The environment the app's functions need, as the tests set it. */
export async function benchEnv(): Promise<void> {
  await authEnv();
  process.env.ENCRYPTION_KEYS = `k1:${Buffer.alloc(32, 7).toString("base64")}`;
  // The demo IdPs listen on 127.0.0.1.
  process.env.ALLOW_PRIVATE_IDP_URLS = "true";
}

export interface Tenant {
  owner: TestUser;
  groupId: Id<"groups">;
  connectionId: Id<"connections">;
}

/** An owner, their group and a connection claiming `domains`, verified (DNS is not what is measured). */
export async function tenant(t: Backend, { owner, group, protocol, domains }: { owner: string; group: string; protocol: "oidc" | "saml"; domains: string[] }): Promise<Tenant> {
  const user = await createUser(t, { email: owner });
  const { groupId } = await user.client.mutation(api.groups.create, { name: group });
  const connectionId = await user.client.mutation(g.createConnection, { groupId, protocol, name: `${group} IdP` });
  await user.client.mutation(g.setDomains, { connectionId, domains });
  await verifyDomains(t, connectionId);
  return { owner: user, groupId, connectionId };
}

export async function verifyDomains(t: Backend, connectionId: Id<"connections">): Promise<void> {
  await t.run(async (ctx) => {
    const rows = await ctx.db
      .query("domains")
      .withIndex("by_connectionId", (q) => q.eq("connectionId", connectionId))
      .collect();
    for (const row of rows) await ctx.db.patch(row._id, { status: "verified", verifiedTime: Date.now() });
  });
}

/** Sign-in routes through active connections only; the test sign-in an admin would run first is skipped (audited override). */
export async function activate(owner: TestUser, connectionId: Id<"connections">): Promise<void> {
  await owner.client.mutation(g.updateConnection, { id: connectionId, data: { status: "active", overrideTest: true } });
}

/** Inserts per transaction when seeding: big enough to be quick, small enough to keep each commit's memory modest. */
const SEED_BATCH = 5_000;

/** Runs `insert(ctx, i)` for i in [0, count), in batches of one transaction each. */
export async function seedInBatches(t: Backend, count: number, insert: (ctx: Parameters<Parameters<Backend["run"]>[0]>[0], index: number) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < count; start += SEED_BATCH) {
    const end = Math.min(count, start + SEED_BATCH);
    await t.run(async (ctx) => {
      for (let index = start; index < end; index++) await insert(ctx, index);
    });
  }
}

/** `count` other tenants, each a group with one active connection and one verified domain `tenant-<i>.test`. */
export async function seedTenants(t: Backend, count: number): Promise<void> {
  await seedInBatches(t, count, async (ctx, index) => {
    const groupId = await ctx.db.insert("groups", { name: `Tenant ${index}`, slug: `tenant-${index}` });
    const connectionId = await ctx.db.insert("connections", { groupId, name: `Tenant ${index} IdP`, protocol: index % 2 === 0 ? "oidc" : "saml", status: "active" });
    await ctx.db.insert("domains", { domain: `tenant-${index}.test`, groupId, connectionId, isPrimary: true, status: "verified", verifiedTime: Date.now() });
  });
}
