import type { PaginationOptions, PaginationResult } from "convex/server";
import type { Doc, Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";

/**
 * Audit log reads: newest first, one index per filter (the remaining filters,
 * if several are given, narrow the page). Time bounds use the index's
 * trailing _creationTime.
 */
export interface AuditFilter {
  groupId: Id<"groups">;
  connectionId?: Id<"connections">;
  kind?: string;
  outcome?: "success" | "failure";
  from?: number;
  to?: number;
}

export async function listAudit(ctx: QueryCtx, filter: AuditFilter, paginationOpts: PaginationOptions): Promise<PaginationResult<Doc<"auditEvents">>> {
  const { groupId, connectionId, kind, outcome } = filter;
  // Open bounds by default, so every branch is one index range.
  const from = filter.from ?? 0;
  const to = filter.to ?? Number.MAX_SAFE_INTEGER;
  const events = ctx.db.query("auditEvents");
  const indexed = connectionId
    ? events.withIndex("by_groupId_and_connectionId", (q) =>
        q.eq("groupId", groupId).eq("connectionId", connectionId).gte("_creationTime", from).lte("_creationTime", to),
      )
    : kind
      ? events.withIndex("by_groupId_and_kind", (q) => q.eq("groupId", groupId).eq("kind", kind).gte("_creationTime", from).lte("_creationTime", to))
      : outcome
        ? events.withIndex("by_groupId_and_outcome", (q) =>
            q.eq("groupId", groupId).eq("outcome", outcome).gte("_creationTime", from).lte("_creationTime", to),
          )
        : events.withIndex("by_groupId", (q) => q.eq("groupId", groupId).gte("_creationTime", from).lte("_creationTime", to));
  const narrowed = indexed.filter((q) =>
    q.and(
      connectionId && kind ? q.eq(q.field("kind"), kind) : true,
      (connectionId || kind) && outcome ? q.eq(q.field("outcome"), outcome) : true,
    ),
  );
  return await narrowed.order("desc").paginate(paginationOpts);
}
