import { v } from "convex/values";
import type { Doc } from "./_generated/dataModel";
import type { QueryCtx } from "./_generated/server";
import { auth } from "./auth";
import { fail } from "./engine/errors";
import type { Grant } from "./engine/grants";
import { memberStatus, role } from "./engine/validators";
import { authMutation, authQuery } from "./functions";

/** Members of a group: list, change roles, remove, leave. */
export const list = authQuery({
  args: { groupId: v.string() },
  returns: v.array(
    v.object({
      memberId: v.id("members"),
      userId: v.id("users"),
      name: v.union(v.string(), v.null()),
      email: v.union(v.string(), v.null()),
      role,
      status: memberStatus,
      isYou: v.boolean(),
    }),
  ),
  handler: async (ctx, args) => {
    const { groupId } = await auth.member.assert(ctx, { userId: ctx.auth.userId, groupId: args.groupId, grants: ["member.read"] });
    const rows = [];
    for (const member of await auth.member.list(ctx, groupId)) {
      const user = await auth.user.get(ctx, member.userId);
      rows.push({
        memberId: member._id,
        userId: member.userId,
        name: user?.name ?? null,
        email: user?.email ?? null,
        role: member.role,
        status: member.status,
        isYou: member.userId === ctx.auth.userId,
      });
    }
    const rank = { owner: 0, admin: 1, member: 2 };
    return rows.sort((a, b) => rank[a.role] - rank[b.role] || (a.name ?? a.email ?? "").localeCompare(b.name ?? b.email ?? ""));
  },
});

/** Owners alone make or unmake owners; admins manage everyone else. */
export const updateRole = authMutation({
  args: { memberId: v.string(), role },
  returns: v.null(),
  handler: async (ctx, args) => {
    const member = await memberOrForbidden(ctx, args.memberId);
    const grants: Grant[] = member.role === "owner" || args.role === "owner" ? ["member.manage", "group.manage"] : ["member.manage"];
    await auth.member.assert(ctx, { userId: ctx.auth.userId, groupId: member.groupId, grants });
    await auth.member.update(ctx, member._id, { role: args.role });
    return null;
  },
});

/** Removes a member; anyone may remove themselves (leave), unless they are the last owner. */
export const remove = authMutation({
  args: { memberId: v.string() },
  returns: v.null(),
  handler: async (ctx, args) => {
    const member = await memberOrForbidden(ctx, args.memberId);
    const grants: Grant[] =
      member.userId === ctx.auth.userId ? ["group.read"] : member.role === "owner" ? ["member.manage", "group.manage"] : ["member.manage"];
    await auth.member.assert(ctx, { userId: ctx.auth.userId, groupId: member.groupId, grants });
    await auth.member.remove(ctx, member._id);
    return null;
  },
});

/** A membership id from a client; unknown ids and other tables' ids are FORBIDDEN, like a missing grant. */
async function memberOrForbidden(ctx: QueryCtx, memberId: string): Promise<Doc<"members">> {
  const id = ctx.db.normalizeId("members", memberId);
  const member = id ? await auth.member.get(ctx, id) : null;
  return member ?? fail("FORBIDDEN", "You don't have access to this.");
}
