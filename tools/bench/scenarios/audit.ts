import { api } from "../../../convex/_generated/api";
import type { Id } from "../../../convex/_generated/dataModel";
import { listAudit, type AuditFilter } from "../../../convex/engine/auditQuery";
import { benchBackend } from "../backend";
import { measure, type Measurement } from "../measure";
import type { OperationRow, Report } from "../report";
import { seedInBatches, tenant } from "../tenants";

/**
 * The console's audit log (`listAudit`) over a group's event history: the
 * first 50-row page and the filtered pages the console opens (by kind, by
 * connection and kind — the SCIM page's link — and by connection and
 * outcome). Each page is measured twice: as the console calls it (the RPC,
 * with its session and membership checks) and the page query alone, which
 * is what the ≤ 51 reads budget is about.
 */
const PAGE = 50;
const g = api.auth.group;

/**
 * Of every twenty events: ten sign-ins, four failed sign-ins, five SCIM
 * operations and one policy change (no connection), spread over the
 * connections; dense enough that every measured page is full at the
 * smallest scale too, so reads can be compared across scales.
 */
function eventAt(index: number, connections: Id<"connections">[]) {
  const slot = index % 20;
  const kind = slot < 10 ? "login.succeeded" : slot < 14 ? "login.failed" : slot < 19 ? "scim.operation" : "policy.updated";
  return {
    connectionId: kind === "policy.updated" ? undefined : connections[index % connections.length],
    kind,
    outcome: kind === "login.failed" ? ("failure" as const) : ("success" as const),
  };
}

export async function auditSuite(report: Report, { events, samples }: { events: number; samples: number }): Promise<OperationRow[]> {
  const { t } = await benchBackend();
  const acme = await tenant(t, { owner: "owner@audit.test", group: "Audited", protocol: "oidc", domains: ["audit.test"] });
  const connections = [acme.connectionId];
  for (const name of ["Second IdP", "Third IdP"]) connections.push(await acme.owner.client.mutation(g.createConnection, { groupId: acme.groupId, protocol: "saml", name }));
  await seedInBatches(t, events, async (ctx, index) => {
    const { connectionId, kind, outcome } = eventAt(index, connections);
    await ctx.db.insert("auditEvents", {
      groupId: acme.groupId,
      connectionId,
      kind,
      outcome,
      actor: { type: "idp", id: connectionId, label: "Acme IdP" },
      target: { type: "user", id: `user-${index % 997}`, label: `user${index % 997}@audit.test` },
      metadata: { protocol: "oidc", user: "existing" },
    });
  });

  const scale = `${events.toLocaleString("en-US")} events`;
  const [first] = connections;
  const pages: Array<{ name: string; filter: Omit<AuditFilter, "groupId"> }> = [
    { name: "first page", filter: {} },
    { name: "by kind (login.failed)", filter: { kind: "login.failed" } },
    { name: "by connection + kind (scim.operation)", filter: { connectionId: first, kind: "scim.operation" } },
    { name: "by connection + outcome (failure)", filter: { connectionId: first, outcome: "failure" } },
  ];
  const rows: OperationRow[] = [];
  // A page is full unless fewer seeded events match (the set-up's own events match only the unfiltered page).
  const matching = (filter: Omit<AuditFilter, "groupId">) => {
    let count = 0;
    for (let index = 0; index < events && count < PAGE; index++) {
      const event = eventAt(index, connections);
      if ((!filter.kind || event.kind === filter.kind) && (!filter.outcome || event.outcome === filter.outcome) && (!filter.connectionId || event.connectionId === filter.connectionId)) count++;
    }
    return count;
  };
  const expectPage = (filter: Omit<AuditFilter, "groupId">) => {
    const expected = matching(filter);
    return (page: { page: unknown[] }) => {
      if (page.page.length !== expected) throw new Error(`The audit page has ${page.page.length} rows, not ${expected}.`);
    };
  };
  const row = (operation: string, measurement: Measurement) => {
    const added = report.operation({ suite: "audit", operation, scale, usage: measurement.usage, maxUsage: measurement.maxUsage, medianMs: measurement.medianMs, samples: measurement.samples });
    rows.push(added);
    return added;
  };
  const paginationOpts = { numItems: PAGE, cursor: null };
  for (const { name, filter } of pages) {
    row(
      `listAudit ${name}`,
      await measure({
        samples,
        prepare: async () => undefined,
        operation: () => acme.owner.client.query(g.listAudit, { groupId: acme.groupId, ...filter, paginationOpts }),
        check: expectPage(filter),
      }),
    );
    const query = row(
      `audit page query ${name}`,
      await measure({
        samples,
        prepare: async () => undefined,
        operation: () => t.run((ctx) => listAudit(ctx, { groupId: acme.groupId, ...filter }, paginationOpts)),
        check: expectPage(filter),
      }),
    );
    report.readBudget(`audit page ${name} ≤ ${PAGE + 1} reads`, query, PAGE + 1);
  }
  return rows;
}

/** No growth: each audit figure at the largest scale reads no more than at the smallest. */
export function auditGrowthBudgets(report: Report, smallest: OperationRow[], largest: OperationRow[]): void {
  for (const small of smallest) {
    const large = largest.find((row) => row.operation === small.operation);
    if (!large) continue;
    report.budget(`${small.operation}: reads at ${large.scale} ≤ at ${small.scale}`, "reads", (large.maxUsage ?? large.usage).documentsRead, (small.maxUsage ?? small.usage).documentsRead, "reads");
  }
}
