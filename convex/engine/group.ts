import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { purgeConnection } from "./connection";
import { fail } from "./errors";

/** auth.group: tenants that can nest through `parentGroupId`. */
export const MAX_GROUP_DEPTH = 32;

export interface GroupInput {
  name: string;
  slug?: string;
  type?: string;
  parentGroupId?: Id<"groups">;
  tags?: Array<{ key: string; value: string }>;
  extend?: Record<string, unknown>;
}

export function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48);
  return slug || "group";
}

async function slugTaken(ctx: QueryCtx, slug: string, except?: Id<"groups">): Promise<boolean> {
  const found = await ctx.db
    .query("groups")
    .withIndex("by_slug", (q) => q.eq("slug", slug))
    .first();
  return found !== null && found._id !== except;
}

/** An explicit slug must be free; a derived one gets a numeric suffix until it is. */
async function availableSlug(ctx: QueryCtx, name: string, slug: string | undefined): Promise<string> {
  if (slug !== undefined) {
    if (await slugTaken(ctx, slug)) fail("SLUG_TAKEN", `The address "${slug}" is taken.`);
    return slug;
  }
  const base = slugify(name);
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!(await slugTaken(ctx, candidate))) return candidate;
  }
}

export async function createGroup(ctx: MutationCtx, input: GroupInput): Promise<Id<"groups">> {
  if (input.parentGroupId && !(await ctx.db.get(input.parentGroupId))) fail("NOT_FOUND", "The parent group does not exist.");
  const slug = await availableSlug(ctx, input.name, input.slug);
  return await ctx.db.insert("groups", { ...input, slug });
}

export async function getGroup(ctx: QueryCtx, groupId: Id<"groups">): Promise<Doc<"groups"> | null> {
  return await ctx.db.get(groupId);
}

export async function updateGroup(
  ctx: MutationCtx,
  groupId: Id<"groups">,
  patch: Partial<Omit<GroupInput, "parentGroupId">> & { parentGroupId?: Id<"groups"> | null },
): Promise<void> {
  const { parentGroupId, ...fields } = patch;
  if (fields.slug !== undefined && (await slugTaken(ctx, fields.slug, groupId))) {
    fail("SLUG_TAKEN", `The address "${fields.slug}" is taken.`);
  }
  if (parentGroupId) {
    const chain = await ancestors(ctx, { groupId: parentGroupId, includeSelf: true });
    if (chain.ancestors.some((group) => group._id === groupId)) fail("INVALID_INPUT", "A group cannot be nested inside itself.");
  }
  await ctx.db.patch(groupId, {
    ...fields,
    ...(parentGroupId === undefined ? {} : { parentGroupId: parentGroupId ?? undefined }),
  });
}

/** The chain from the immediate parent (or the group itself) up to the root. */
export async function ancestors(
  ctx: QueryCtx,
  { groupId, maxDepth = MAX_GROUP_DEPTH, includeSelf = false }: { groupId: Id<"groups">; maxDepth?: number; includeSelf?: boolean },
): Promise<{ ancestors: Doc<"groups">[]; cycleDetected: boolean; maxDepthReached: boolean }> {
  const chain: Doc<"groups">[] = [];
  const seen = new Set<Id<"groups">>();
  let current = await ctx.db.get(groupId);
  if (current && includeSelf) chain.push(current);
  if (current) seen.add(current._id);
  while (current?.parentGroupId) {
    if (chain.length >= maxDepth) return { ancestors: chain, cycleDetected: false, maxDepthReached: true };
    if (seen.has(current.parentGroupId)) return { ancestors: chain, cycleDetected: true, maxDepthReached: false };
    current = await ctx.db.get(current.parentGroupId);
    if (!current) break;
    seen.add(current._id);
    chain.push(current);
  }
  return { ancestors: chain, cycleDetected: false, maxDepthReached: false };
}

export async function childGroups(ctx: QueryCtx, groupId: Id<"groups">): Promise<Doc<"groups">[]> {
  return await ctx.db
    .query("groups")
    .withIndex("by_parentGroupId", (q) => q.eq("parentGroupId", groupId))
    .collect();
}

/** Deletes the group, its descendants, and everything that belongs to them. */
export async function deleteGroup(ctx: MutationCtx, groupId: Id<"groups">): Promise<void> {
  for (const child of await childGroups(ctx, groupId)) await deleteGroup(ctx, child._id);
  const members = await ctx.db
    .query("members")
    .withIndex("by_groupId_and_userId", (q) => q.eq("groupId", groupId))
    .collect();
  for (const member of members) {
    const user = await ctx.db.get(member.userId);
    if (user?.activeGroupId === groupId) await ctx.db.patch(member.userId, { activeGroupId: undefined });
    await ctx.db.delete(member._id);
  }
  for (const status of ["pending", "accepted", "revoked"] as const) {
    const invites = await ctx.db
      .query("invites")
      .withIndex("by_groupId_and_status", (q) => q.eq("groupId", groupId).eq("status", status))
      .collect();
    for (const invite of invites) await ctx.db.delete(invite._id);
  }
  for (const status of ["active", "archived"] as const) {
    const projects = await ctx.db
      .query("projects")
      .withIndex("by_groupId_and_status", (q) => q.eq("groupId", groupId).eq("status", status))
      .collect();
    for (const project of projects) await ctx.db.delete(project._id);
  }
  const connections = await ctx.db
    .query("connections")
    .withIndex("by_groupId", (q) => q.eq("groupId", groupId))
    .collect();
  for (const connection of connections) await purgeConnection(ctx, connection._id);
  const policies = await ctx.db
    .query("policies")
    .withIndex("by_groupId", (q) => q.eq("groupId", groupId))
    .collect();
  for (const policy of policies) await ctx.db.delete(policy._id);
  const events = await ctx.db
    .query("auditEvents")
    .withIndex("by_groupId", (q) => q.eq("groupId", groupId))
    .collect();
  for (const event of events) await ctx.db.delete(event._id);
  await ctx.db.delete(groupId);
}
