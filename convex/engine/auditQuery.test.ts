import { describe, expect, it } from "vitest";
import { newBackend } from "../../tools/testing/convex";
import type { Doc, Id } from "../_generated/dataModel";
import { listAudit, type AuditFilter } from "./auditQuery";

/**
 * Every combination of the audit log's filters answers from its own index:
 * exactly the matching events of the group, newest first, within the time
 * bounds, and paged without skipping or repeating any.
 */
const KINDS = ["login.succeeded", "login.failed", "scim.operation"];

async function seed() {
  const t = newBackend();
  const seeded = await t.run(async (ctx) => {
    const groupId = await ctx.db.insert("groups", { name: "Audited", slug: "audited" });
    const otherGroupId = await ctx.db.insert("groups", { name: "Other", slug: "other" });
    const connections: Array<Id<"connections"> | undefined> = [undefined];
    for (const name of ["A", "B"]) connections.push(await ctx.db.insert("connections", { groupId, name, protocol: "oidc", status: "active" }));
    for (let index = 0; index < 60; index++) {
      const kind = KINDS[index % KINDS.length]!;
      const event = {
        connectionId: connections[index % connections.length],
        kind,
        outcome: index % 4 === 0 ? ("failure" as const) : ("success" as const),
        actor: { type: "system" as const },
      };
      await ctx.db.insert("auditEvents", { groupId, ...event });
      // Another tenant's events never show.
      if (index % 10 === 0) await ctx.db.insert("auditEvents", { groupId: otherGroupId, ...event });
    }
    const all = await ctx.db.query("auditEvents").collect();
    return { groupId, connectionId: connections[1]!, all };
  });
  return { t, ...seeded };
}

const matches = (event: Doc<"auditEvents">, filter: AuditFilter) =>
  event.groupId === filter.groupId &&
  (filter.connectionId === undefined || event.connectionId === filter.connectionId) &&
  (filter.kind === undefined || event.kind === filter.kind) &&
  (filter.outcome === undefined || event.outcome === filter.outcome) &&
  event._creationTime >= (filter.from ?? 0) &&
  event._creationTime <= (filter.to ?? Number.MAX_SAFE_INTEGER);

describe("listAudit", () => {
  it("answers every combination of connection, kind and outcome with exactly its events, newest first", async () => {
    const { t, groupId, connectionId, all } = await seed();
    for (const withConnection of [false, true]) {
      for (const kind of [undefined, "login.failed"]) {
        for (const outcome of [undefined, "failure" as const]) {
          const filter: AuditFilter = { groupId, ...(withConnection ? { connectionId } : {}), kind, outcome };
          const expected = all.filter((event) => matches(event, filter)).sort((a, b) => b._creationTime - a._creationTime);
          const { page, isDone } = await t.run((ctx) => listAudit(ctx, filter, { numItems: 100, cursor: null }));
          expect(isDone).toBe(true);
          expect(page.map((event) => event._id), JSON.stringify({ withConnection, kind, outcome })).toEqual(expected.map((event) => event._id));
        }
      }
    }
  });

  it("keeps to the time bounds and pages through a filtered range without gaps", async () => {
    const { t, groupId, connectionId, all } = await seed();
    const times = all.map((event) => event._creationTime).sort((a, b) => a - b);
    const filter: AuditFilter = { groupId, connectionId, outcome: "success", from: times[10], to: times[50] };
    const expected = all.filter((event) => matches(event, filter)).sort((a, b) => b._creationTime - a._creationTime);
    expect(expected.length).toBeGreaterThan(6);
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 20; pages++) {
      const result: Awaited<ReturnType<typeof listAudit>> = await t.run((ctx) => listAudit(ctx, filter, { numItems: 3, cursor }));
      seen.push(...result.page.map((event) => event._id));
      if (result.isDone) break;
      cursor = result.continueCursor;
    }
    expect(seen).toEqual(expected.map((event) => event._id));
  });
});
