import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { getMembership } from "./member";
import { currentSession, invalidateSessions } from "./session";

/** auth.user: people, their active group, and deactivation. */
export async function currentUserId(ctx: QueryCtx): Promise<Id<"users"> | null> {
  return (await currentSession(ctx))?.userId ?? null;
}

export async function viewer(ctx: QueryCtx): Promise<Doc<"users"> | null> {
  const userId = await currentUserId(ctx);
  return userId ? await ctx.db.get(userId) : null;
}

/** The active group, if the user still belongs to it. */
export async function getActiveGroup(ctx: QueryCtx, { userId }: { userId: Id<"users"> }): Promise<Id<"groups"> | null> {
  const user = await ctx.db.get(userId);
  if (!user?.activeGroupId) return null;
  return (await getMembership(ctx, { userId, groupId: user.activeGroupId })) ? user.activeGroupId : null;
}

export async function setActiveGroup(
  ctx: MutationCtx,
  { userId, groupId }: { userId: Id<"users">; groupId: Id<"groups"> | null },
): Promise<void> {
  await ctx.db.patch(userId, { activeGroupId: groupId ?? undefined });
}

/** Deprovisioning: the user loses access on their next request. */
export async function deactivateUser(ctx: MutationCtx, userId: Id<"users">): Promise<void> {
  await ctx.db.patch(userId, { status: "deactivated" });
  await invalidateSessions(ctx, { userId });
}
