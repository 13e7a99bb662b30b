import { getAuthSessionId, getAuthUserId } from "@convex-dev/auth/server";
import { v } from "convex/values";
import type { Id } from "../_generated/dataModel";
import { internalMutation, internalQuery, type MutationCtx, type QueryCtx } from "../_generated/server";
import { fail } from "./errors";

/**
 * A signed-in caller is one whose JWT names a session that still exists and
 * has not expired, of a user who is not deactivated. @convex-dev/auth only
 * parses the JWT; checking the documents too makes sign-out, session
 * invalidation and deprovisioning take effect on the next request instead of
 * when the token expires.
 */
export interface SignedIn {
  userId: Id<"users">;
  sessionId: Id<"authSessions">;
}

export async function currentSession(ctx: QueryCtx): Promise<SignedIn | null> {
  const [userId, sessionId] = await Promise.all([getAuthUserId(ctx), getAuthSessionId(ctx)]);
  if (!userId || !sessionId) return null;
  const [session, user] = await Promise.all([ctx.db.get(sessionId), ctx.db.get(userId)]);
  if (!session || session.userId !== userId || session.expirationTime <= Date.now()) return null;
  if (!user || user.status === "deactivated") return null;
  return { userId, sessionId };
}

export async function requireSession(ctx: QueryCtx): Promise<SignedIn> {
  return (await currentSession(ctx)) ?? fail("NOT_SIGNED_IN", "Sign in to continue.");
}

/** For actions, which cannot read the database themselves. */
export const validate = internalQuery({
  args: {},
  handler: (ctx) => currentSession(ctx),
});

/** Ends every session of a user (refresh tokens included), except `except`. */
export async function invalidateSessions(
  ctx: MutationCtx,
  { userId, except = [] }: { userId: Id<"users">; except?: Id<"authSessions">[] },
): Promise<number> {
  const sessions = await ctx.db
    .query("authSessions")
    .withIndex("userId", (q) => q.eq("userId", userId))
    .collect();
  let ended = 0;
  for (const session of sessions) {
    if (except.includes(session._id)) continue;
    const refreshTokens = await ctx.db
      .query("authRefreshTokens")
      .withIndex("sessionId", (q) => q.eq("sessionId", session._id))
      .collect();
    for (const token of refreshTokens) await ctx.db.delete(token._id);
    await ctx.db.delete(session._id);
    ended += 1;
  }
  return ended;
}

export async function listSessions(ctx: QueryCtx, { userId }: { userId: Id<"users"> }) {
  const now = Date.now();
  return (
    await ctx.db
      .query("authSessions")
      .withIndex("userId", (q) => q.eq("userId", userId))
      .collect()
  ).filter((session) => session.expirationTime > now);
}

export const invalidate = internalMutation({
  args: { userId: v.id("users"), except: v.optional(v.array(v.id("authSessions"))) },
  returns: v.number(),
  handler: (ctx, args) => invalidateSessions(ctx, args),
});
