import { v } from "convex/values";
import { createGroupSchema } from "../lib/validation/group";
import type { Doc, Id } from "./_generated/dataModel";
import type { QueryCtx } from "./_generated/server";
import { auth } from "./auth";
import { ROLE_GRANTS, type Grant } from "./engine/grants";
import { parse } from "./engine/parse";
import { role } from "./engine/validators";
import { authMutation, authQuery } from "./functions";

/** Groups (organizations) from the signed-in person's point of view. */
const groupSummary = v.object({
  groupId: v.id("groups"),
  name: v.string(),
  slug: v.string(),
  role,
  isActive: v.boolean(),
});

/** Creates a group; the creator becomes its owner and it becomes their active group. */
export const create = authMutation({
  args: { name: v.string() },
  returns: v.object({ groupId: v.id("groups"), slug: v.string() }),
  handler: async (ctx, args) => {
    const { name } = parse(createGroupSchema, args);
    const groupId = await auth.group.create(ctx, { name });
    await auth.member.add(ctx, { groupId, userId: ctx.auth.userId, role: "owner" });
    await auth.user.setActiveGroup(ctx, { userId: ctx.auth.userId, groupId });
    return { groupId, slug: (await auth.group.get(ctx, groupId))!.slug };
  },
});

/** The groups the caller belongs to directly, by name. */
export const mine = authQuery({
  args: {},
  returns: v.array(groupSummary),
  handler: async (ctx) => {
    const active = await auth.user.getActiveGroup(ctx, { userId: ctx.auth.userId });
    const rows: Array<typeof groupSummary.type> = [];
    for (const membership of await auth.member.listForUser(ctx, ctx.auth.userId)) {
      const group = await auth.group.get(ctx, membership.groupId);
      if (!group || membership.status !== "active") continue;
      rows.push({ groupId: group._id, name: group.name, slug: group.slug, role: membership.role, isActive: group._id === active });
    }
    return rows.sort((a, b) => a.name.localeCompare(b.name));
  },
});

/**
 * The group the console shows, with the caller's role and grants (so the UI
 * can hide what the server would refuse). Falls back to the first group.
 */
export const active = authQuery({
  args: {},
  returns: v.union(
    v.null(),
    v.object({ groupId: v.id("groups"), name: v.string(), slug: v.string(), role, grants: v.array(v.string()) }),
  ),
  handler: async (ctx) => {
    const groupId =
      (await auth.user.getActiveGroup(ctx, { userId: ctx.auth.userId })) ??
      (await auth.member.listForUser(ctx, ctx.auth.userId)).find((m) => m.status === "active")?.groupId;
    if (!groupId) return null;
    return await describe(ctx, ctx.auth.userId, groupId);
  },
});

export const setActive = authMutation({
  args: { groupId: v.string() },
  returns: v.null(),
  handler: async (ctx, args) => {
    const { groupId } = await auth.member.assert(ctx, { userId: ctx.auth.userId, groupId: args.groupId, grants: ["group.read"] });
    await auth.user.setActiveGroup(ctx, { userId: ctx.auth.userId, groupId });
    return null;
  },
});

export const rename = authMutation({
  args: { groupId: v.string(), name: v.string() },
  returns: v.null(),
  handler: async (ctx, args) => {
    const { groupId } = await auth.member.assert(ctx, { userId: ctx.auth.userId, groupId: args.groupId, grants: ["group.manage"] });
    const { name } = parse(createGroupSchema, { name: args.name });
    await auth.group.update(ctx, groupId, { name });
    return null;
  },
});

/** Deletes the group with its sub-groups, members, invitations and projects. */
export const remove = authMutation({
  args: { groupId: v.string() },
  returns: v.null(),
  handler: async (ctx, args) => {
    const { groupId } = await auth.member.assert(ctx, { userId: ctx.auth.userId, groupId: args.groupId, grants: ["group.manage"] });
    await auth.group.delete(ctx, groupId);
    return null;
  },
});

async function describe(ctx: QueryCtx, userId: Id<"users">, groupId: Id<"groups">) {
  const group: Doc<"groups"> | null = await auth.group.get(ctx, groupId);
  const found = await auth.member.inherit(ctx, { userId, groupId });
  if (!group || !found.membership) return null;
  const grants: Grant[] = [...ROLE_GRANTS[found.membership.role]];
  return { groupId, name: group.name, slug: group.slug, role: found.membership.role, grants };
}
