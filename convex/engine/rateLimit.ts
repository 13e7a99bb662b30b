import type { MutationCtx } from "../_generated/server";
import { fail } from "./errors";

/**
 * Fixed-window counters. `consume` records one attempt and refuses it with
 * RATE_LIMITED once `max` attempts fell in the current window.
 */
export interface Limit {
  max: number;
  windowMs: number;
}

export const LIMITS = {
  signUpPerEmail: { max: 5, windowMs: 60 * 60 * 1000 },
  invitePerGroup: { max: 100, windowMs: 24 * 60 * 60 * 1000 },
} satisfies Record<string, Limit>;

export async function consume(ctx: MutationCtx, key: string, limit: Limit): Promise<void> {
  const now = Date.now();
  const row = await ctx.db
    .query("rateLimits")
    .withIndex("by_key", (q) => q.eq("key", key))
    .unique();
  if (!row) {
    await ctx.db.insert("rateLimits", { key, windowStart: now, count: 1 });
    return;
  }
  if (now - row.windowStart >= limit.windowMs) {
    await ctx.db.patch(row._id, { windowStart: now, count: 1 });
    return;
  }
  if (row.count >= limit.max) {
    const minutes = Math.ceil((row.windowStart + limit.windowMs - now) / 60_000);
    fail("RATE_LIMITED", `Too many attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
  }
  await ctx.db.patch(row._id, { count: row.count + 1 });
}
