import type { ScimPatchOperation } from "scim-patch";
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { ScimConnection } from "./auth";
import { applyGroupRoles } from "./directory";
import { audit, userRow } from "./users";

/**
 * PATCHes that only add or remove members — how Entra ID and Okta keep a
 * group's membership in sync — applied member by member. The general PATCH
 * path rebuilds the whole member list (two reads per member), which costs
 * as much as the group is big and passes Convex's per-function read limit
 * (32,000 documents) for groups of about 5,000 members.
 */
export interface MemberChanges {
  add: string[];
  remove: string[];
}

const FILTERED_MEMBER = /^members\[\s*value\s+eq\s+"([^"]+)"\s*\]$/i;

/** The member ids the operations add and remove, or null when they do anything else (left to the general path). */
export function memberChanges(operations: ScimPatchOperation[]): MemberChanges | null {
  const add = new Set<string>();
  const remove = new Set<string>();
  for (const operation of operations) {
    const path = operation.path?.trim() ?? "";
    const op = operation.op.toLowerCase();
    const filtered = FILTERED_MEMBER.exec(path);
    if (op === "remove" && filtered && operation.value === undefined) {
      remove.add(filtered[1]!);
      continue;
    }
    if (path.toLowerCase() !== "members" || (op !== "add" && op !== "remove")) return null;
    // A remove of `members` without a value empties the group: the general path does that.
    const ids = memberIds(operation.value);
    if (!ids) return null;
    for (const id of ids) (op === "add" ? add : remove).add(id);
  }
  if ([...add].some((id) => remove.has(id))) return null;
  return { add: [...add], remove: [...remove] };
}

function memberIds(value: unknown): string[] | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  const ids = value.map((member: unknown) => {
    const id = member && typeof member === "object" ? (member as { value?: unknown }).value : undefined;
    return typeof id === "string" ? id : null;
  });
  return ids.every((id) => id !== null) ? (ids as string[]) : null;
}

async function linkOf(ctx: QueryCtx, scimGroupId: Id<"scimGroups">, scimUserId: Id<"scimUsers">) {
  return await ctx.db
    .query("scimGroupMembers")
    .withIndex("by_scimGroupId_and_scimUserId", (q) => q.eq("scimGroupId", scimGroupId).eq("scimUserId", scimUserId))
    .unique();
}

/**
 * Applies the changes when every added id is a user of this directory and
 * every removed one a member of the group; otherwise writes nothing and
 * returns false, so the general path gives its usual answer (an error, or a
 * no-op). Like the general path, it re-derives the roles of the members who
 * joined or left, bumps the group's version and audits the change.
 */
export async function applyMemberChanges(ctx: MutationCtx, connection: ScimConnection, group: Doc<"scimGroups">, changes: MemberChanges): Promise<boolean> {
  const joining: Id<"scimUsers">[] = [];
  for (const id of changes.add) {
    const user = await userRow(ctx, connection, id).catch(() => null);
    if (!user) return false;
    if (!(await linkOf(ctx, group._id, user._id))) joining.push(user._id);
  }
  const leaving: Doc<"scimGroupMembers">[] = [];
  for (const id of changes.remove) {
    const scimUserId = ctx.db.normalizeId("scimUsers", id);
    const link = scimUserId ? await linkOf(ctx, group._id, scimUserId) : null;
    if (!link) return false;
    leaving.push(link);
  }
  for (const scimUserId of joining) await ctx.db.insert("scimGroupMembers", { scimGroupId: group._id, scimUserId });
  for (const link of leaving) await ctx.db.delete(link._id);
  for (const scimUserId of [...joining, ...leaving.map((link) => link.scimUserId)]) await applyGroupRoles(ctx, { connection, scimUserId });
  await ctx.db.patch(group._id, { version: group.version + 1, lastModifiedTime: Date.now() });
  await audit(ctx, connection, { method: "PATCH", id: group._id, label: group.displayName, change: "updated", resourceType: "Group" });
  return true;
}
