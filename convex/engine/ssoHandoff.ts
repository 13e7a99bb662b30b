import { ConvexCredentials } from "@convex-dev/auth/providers/ConvexCredentials";
import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { internalMutation, type MutationCtx } from "../_generated/server";
import { randomToken, sha256 } from "./tokens";

/**
 * The hand-off from a finished SSO callback (a Convex HTTP route, which
 * cannot set the app's cookies) to a session: a 256-bit single-use code,
 * stored as its SHA-256, that the app exchanges with
 * `signIn("sso", { code })` within a minute.
 */
export const HANDOFF_TTL_MS = 60 * 1000;

export async function issueHandoffCode(ctx: MutationCtx, { userId, connectionId }: { userId: Id<"users">; connectionId: Id<"connections"> }): Promise<string> {
  const code = randomToken();
  await ctx.db.insert("ssoCodes", { codeHash: await sha256(code), userId, connectionId, expiresTime: Date.now() + HANDOFF_TTL_MS });
  return code;
}

/** Spends a code: deleted before anything is checked, so it works at most once. */
export const consume = internalMutation({
  args: { code: v.string() },
  returns: v.union(v.id("users"), v.null()),
  handler: async (ctx, args) => {
    if (args.code.length > 100) return null;
    const codeHash = await sha256(args.code);
    const row = await ctx.db
      .query("ssoCodes")
      .withIndex("by_codeHash", (q) => q.eq("codeHash", codeHash))
      .unique();
    if (!row) return null;
    await ctx.db.delete(row._id);
    if (row.expiresTime <= Date.now()) return null;
    const user = await ctx.db.get(row.userId);
    if (!user || user.status === "deactivated") return null;
    return user._id;
  },
});

/** The "sso" sign-in provider: `signIn("sso", { code })`. */
export const ssoProvider = ConvexCredentials({
  id: "sso",
  authorize: async (params, ctx): Promise<{ userId: Id<"users"> } | null> => {
    if (typeof params.code !== "string") return null;
    const userId: Id<"users"> | null = await ctx.runMutation(internal.engine.ssoHandoff.consume, { code: params.code });
    return userId ? { userId } : null;
  },
});
