import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { fail } from "./errors";
import { MAX_GROUP_DEPTH } from "./group";
import { roleHasGrants, type Grant, type Role } from "./grants";

/**
 * auth.member: a user's role in a group, and the authorization check every
 * group-scoped function makes (`assertGrants`). Membership is inherited down
 * the group tree: an admin of a parent group is an admin of its children.
 */
export async function getMembership(
  ctx: QueryCtx,
  { userId, groupId }: { userId: Id<"users">; groupId: Id<"groups"> },
): Promise<Doc<"members"> | null> {
  return await ctx.db
    .query("members")
    .withIndex("by_groupId_and_userId", (q) => q.eq("groupId", groupId).eq("userId", userId))
    .unique();
}

export async function addMember(
  ctx: MutationCtx,
  data: { groupId: Id<"groups">; userId: Id<"users">; role?: Role; status?: Doc<"members">["status"]; extend?: Record<string, unknown> },
): Promise<Id<"members">> {
  if (await getMembership(ctx, data)) fail("DUPLICATE_MEMBERSHIP", "This person is already a member.");
  return await ctx.db.insert("members", { ...data, role: data.role ?? "member", status: data.status ?? "active" });
}

async function countActiveOwners(ctx: QueryCtx, groupId: Id<"groups">): Promise<number> {
  const owners = await ctx.db
    .query("members")
    .withIndex("by_groupId_and_role", (q) => q.eq("groupId", groupId).eq("role", "owner"))
    .collect();
  return owners.filter((owner) => owner.status === "active").length;
}

/** A group must keep at least one active owner. */
async function assertKeepsAnOwner(ctx: QueryCtx, member: Doc<"members">, after: { role: Role; status: string } | null) {
  const stillOwner = after !== null && after.role === "owner" && after.status === "active";
  if (member.role === "owner" && member.status === "active" && !stillOwner && (await countActiveOwners(ctx, member.groupId)) <= 1) {
    fail("LAST_OWNER", "A group needs at least one owner. Make someone else an owner first.");
  }
}

export async function updateMember(
  ctx: MutationCtx,
  memberId: Id<"members">,
  patch: { role?: Role; status?: Doc<"members">["status"]; extend?: Record<string, unknown> },
): Promise<void> {
  const member = await ctx.db.get(memberId);
  if (!member) fail("NOT_FOUND", "That membership does not exist.");
  await assertKeepsAnOwner(ctx, member, { role: patch.role ?? member.role, status: patch.status ?? member.status });
  await ctx.db.patch(memberId, patch);
}

export async function removeMember(ctx: MutationCtx, memberId: Id<"members">): Promise<void> {
  const member = await ctx.db.get(memberId);
  if (!member) fail("NOT_FOUND", "That membership does not exist.");
  await assertKeepsAnOwner(ctx, member, null);
  const user = await ctx.db.get(member.userId);
  if (user?.activeGroupId === member.groupId) await ctx.db.patch(member.userId, { activeGroupId: undefined });
  await ctx.db.delete(memberId);
}

export type Inheritance =
  | { membership: Doc<"members">; matchedGroupId: Id<"groups">; depth: number; isDirect: boolean; isInherited: boolean }
  | { membership: null; matchedGroupId: null; depth: null; isDirect: false; isInherited: false };

/**
 * The nearest active membership on the group or one of its ancestors (with
 * one of `roles`, if given). Stops at cycles and at `maxDepth`.
 */
export async function inheritMembership(
  ctx: QueryCtx,
  { userId, groupId, roles, maxDepth = MAX_GROUP_DEPTH }: { userId: Id<"users">; groupId: Id<"groups">; roles?: Role[]; maxDepth?: number },
): Promise<Inheritance & { traversedGroupIds: Id<"groups">[]; cycleDetected: boolean; maxDepthReached: boolean }> {
  const traversed: Id<"groups">[] = [];
  let current: Id<"groups"> | undefined = groupId;
  for (let depth = 0; current; depth++) {
    if (traversed.includes(current)) return { ...none(), traversedGroupIds: traversed, cycleDetected: true, maxDepthReached: false };
    if (depth > maxDepth) return { ...none(), traversedGroupIds: traversed, cycleDetected: false, maxDepthReached: true };
    traversed.push(current);
    const membership = await getMembership(ctx, { userId, groupId: current });
    if (membership && membership.status === "active" && (!roles || roles.includes(membership.role))) {
      return {
        membership,
        matchedGroupId: current,
        depth,
        isDirect: depth === 0,
        isInherited: depth > 0,
        traversedGroupIds: traversed,
        cycleDetected: false,
        maxDepthReached: false,
      };
    }
    const group: Doc<"groups"> | null = await ctx.db.get(current);
    current = group?.parentGroupId;
  }
  return { ...none(), traversedGroupIds: traversed, cycleDetected: false, maxDepthReached: false };
}

function none(): Inheritance {
  return { membership: null, matchedGroupId: null, depth: null, isDirect: false, isInherited: false };
}

const FORBIDDEN_MESSAGE = "You don't have access to this.";

/** Throws FORBIDDEN unless the user has an (inherited) membership, optionally with one of `roles`. */
export async function requireMembership(
  ctx: QueryCtx,
  args: { userId: Id<"users">; groupId: Id<"groups">; roles?: Role[]; maxDepth?: number },
) {
  const found = await inheritMembership(ctx, args);
  if (!found.membership) fail("FORBIDDEN", FORBIDDEN_MESSAGE);
  return found;
}

/**
 * The authorization check: the user's nearest active membership of the group
 * (or an ancestor) has a role holding every grant. `groupId` may be any
 * string from a client; an id of another table or garbage is FORBIDDEN too,
 * so the error never tells whether a group exists.
 */
export async function assertGrants(
  ctx: QueryCtx,
  { userId, groupId, grants }: { userId: Id<"users">; groupId: string; grants: Grant[] },
): Promise<{ groupId: Id<"groups">; membership: Doc<"members"> }> {
  const id = ctx.db.normalizeId("groups", groupId);
  if (!id) fail("FORBIDDEN", FORBIDDEN_MESSAGE);
  const found = await inheritMembership(ctx, { userId, groupId: id });
  if (!found.membership || !roleHasGrants(found.membership.role, grants)) fail("FORBIDDEN", FORBIDDEN_MESSAGE);
  return { groupId: id, membership: found.membership };
}

export async function listMembers(ctx: QueryCtx, groupId: Id<"groups">): Promise<Doc<"members">[]> {
  return await ctx.db
    .query("members")
    .withIndex("by_groupId_and_userId", (q) => q.eq("groupId", groupId))
    .collect();
}

export async function membershipsOf(ctx: QueryCtx, userId: Id<"users">): Promise<Doc<"members">[]> {
  return await ctx.db
    .query("members")
    .withIndex("by_userId", (q) => q.eq("userId", userId))
    .collect();
}
