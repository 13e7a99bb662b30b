import { v } from "convex/values";
import { projectSchema } from "../lib/validation/group";
import type { Doc } from "./_generated/dataModel";
import type { QueryCtx } from "./_generated/server";
import { auth } from "./auth";
import { fail } from "./engine/errors";
import { parse } from "./engine/parse";
import { projectStatus } from "./engine/validators";
import { authMutation, authQuery } from "./functions";

/**
 * The example product area: projects that belong to a group. Forks replace
 * this with their own product, keeping the pattern: every function checks a
 * grant on the group the data belongs to.
 */
const projectRow = v.object({
  _id: v.id("projects"),
  _creationTime: v.number(),
  name: v.string(),
  status: projectStatus,
});

export const list = authQuery({
  args: { groupId: v.string(), includeArchived: v.optional(v.boolean()) },
  returns: v.array(projectRow),
  handler: async (ctx, args) => {
    const { groupId } = await auth.member.assert(ctx, { userId: ctx.auth.userId, groupId: args.groupId, grants: ["project.read"] });
    const statuses = args.includeArchived ? (["active", "archived"] as const) : (["active"] as const);
    const rows: Doc<"projects">[] = [];
    for (const status of statuses) {
      rows.push(
        ...(await ctx.db
          .query("projects")
          .withIndex("by_groupId_and_status", (q) => q.eq("groupId", groupId).eq("status", status))
          .order("desc")
          .take(200)),
      );
    }
    return rows.map(({ _id, _creationTime, name, status }) => ({ _id, _creationTime, name, status }));
  },
});

export const create = authMutation({
  args: { groupId: v.string(), name: v.string() },
  returns: v.id("projects"),
  handler: async (ctx, args) => {
    const { groupId } = await auth.member.assert(ctx, { userId: ctx.auth.userId, groupId: args.groupId, grants: ["project.write"] });
    const { name } = parse(projectSchema, { name: args.name });
    return await ctx.db.insert("projects", { groupId, name, status: "active", createdByUserId: ctx.auth.userId });
  },
});

export const rename = authMutation({
  args: { projectId: v.string(), name: v.string() },
  returns: v.null(),
  handler: async (ctx, args) => {
    const project = await projectOrForbidden(ctx, args.projectId);
    await auth.member.assert(ctx, { userId: ctx.auth.userId, groupId: project.groupId, grants: ["project.write"] });
    const { name } = parse(projectSchema, { name: args.name });
    await ctx.db.patch(project._id, { name });
    return null;
  },
});

export const setArchived = authMutation({
  args: { projectId: v.string(), archived: v.boolean() },
  returns: v.null(),
  handler: async (ctx, args) => {
    const project = await projectOrForbidden(ctx, args.projectId);
    await auth.member.assert(ctx, { userId: ctx.auth.userId, groupId: project.groupId, grants: ["project.archive"] });
    await ctx.db.patch(project._id, args.archived ? { status: "archived", archivedTime: Date.now() } : { status: "active", archivedTime: undefined });
    return null;
  },
});

async function projectOrForbidden(ctx: QueryCtx, projectId: string): Promise<Doc<"projects">> {
  const id = ctx.db.normalizeId("projects", projectId);
  const project = id ? await ctx.db.get(id) : null;
  return project ?? fail("FORBIDDEN", "You don't have access to this.");
}
