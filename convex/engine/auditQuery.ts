import type { PaginationOptions, PaginationResult } from "convex/server";
import type { Doc, Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";

/**
 * Audit log reads: newest first, from the one index whose fields are exactly
 * the filters given (schema.ts has one per combination), so a page reads
 * only the rows it returns. Time bounds use the index's trailing _creationTime.
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
  return await eventsMatching(ctx, filter).order("desc").paginate(paginationOpts);
}

function eventsMatching(ctx: QueryCtx, filter: AuditFilter) {
  const { groupId, connectionId, kind, outcome } = filter;
  // Open bounds by default, so every branch is one index range.
  const from = filter.from ?? 0;
  const to = filter.to ?? Number.MAX_SAFE_INTEGER;
  const events = ctx.db.query("auditEvents");
  if (connectionId && kind && outcome) {
    return events.withIndex("by_groupId_and_connectionId_and_kind_and_outcome", (q) =>
      q.eq("groupId", groupId).eq("connectionId", connectionId).eq("kind", kind).eq("outcome", outcome).gte("_creationTime", from).lte("_creationTime", to),
    );
  }
  if (connectionId && kind) {
    return events.withIndex("by_groupId_and_connectionId_and_kind", (q) => q.eq("groupId", groupId).eq("connectionId", connectionId).eq("kind", kind).gte("_creationTime", from).lte("_creationTime", to));
  }
  if (connectionId && outcome) {
    return events.withIndex("by_groupId_and_connectionId_and_outcome", (q) => q.eq("groupId", groupId).eq("connectionId", connectionId).eq("outcome", outcome).gte("_creationTime", from).lte("_creationTime", to));
  }
  if (kind && outcome) {
    return events.withIndex("by_groupId_and_kind_and_outcome", (q) => q.eq("groupId", groupId).eq("kind", kind).eq("outcome", outcome).gte("_creationTime", from).lte("_creationTime", to));
  }
  if (connectionId) return events.withIndex("by_groupId_and_connectionId", (q) => q.eq("groupId", groupId).eq("connectionId", connectionId).gte("_creationTime", from).lte("_creationTime", to));
  if (kind) return events.withIndex("by_groupId_and_kind", (q) => q.eq("groupId", groupId).eq("kind", kind).gte("_creationTime", from).lte("_creationTime", to));
  if (outcome) return events.withIndex("by_groupId_and_outcome", (q) => q.eq("groupId", groupId).eq("outcome", outcome).gte("_creationTime", from).lte("_creationTime", to));
  return events.withIndex("by_groupId", (q) => q.eq("groupId", groupId).gte("_creationTime", from).lte("_creationTime", to));
}
