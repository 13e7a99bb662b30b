import { v } from "convex/values";
import type { Doc } from "../_generated/dataModel";
import { internal } from "../_generated/api";
import { internalMutation, type MutationCtx } from "../_generated/server";
import { fail } from "./errors";

/**
 * Fixed-window counters (table `rateLimits`, one row per key). An attempt is
 * counted before the work it guards, in its own committed mutation, so a
 * failing credential check still counts and parallel attempts can't slip
 * past together. A refused attempt is not counted and changes nothing else;
 * the window it was refused in ends at a fixed time, so no lockout lasts
 * longer than one window.
 */
export interface Limit {
  max: number;
  windowMs: number;
}

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;

/**
 * Every limit, in one place. Per-IP keys use convex/engine/clientIp.ts
 * (IPv6 by /64). Values leave room for many people behind one office NAT.
 */
export const LIMITS = {
  /**
   * Password sign-ins per account (normalized email, whether or not it
   * exists, so the answer reveals nothing). A correct password clears it.
   * At most 10 in a row across two windows and 5 an hour: always tighter
   * than @convex-dev/auth's own 10 failures per hour (a backstop), so this
   * limit, which is audited, is the one people meet.
   */
  signInPerAccount: { max: 5, windowMs: HOUR },
  /** Failed password sign-ins and code entries per client: a success gives back only its own attempt, never the window. */
  signInPerIp: { max: 30, windowMs: 15 * MINUTE },
  /** Sign-ups per address: each one mails that address. */
  signUpPerEmail: { max: 5, windowMs: HOUR },
  /** Sign-ups per client, across addresses: each one sends a mail. */
  signUpPerIp: { max: 30, windowMs: 15 * MINUTE },
  /** SSO starts per client (each stores a state and may call the IdP). */
  ssoStartPerIp: { max: 100, windowMs: 10 * MINUTE },
  /** SCIM requests with a wrong or missing token per connection (requests with its valid token are always served). */
  scimAuthFailuresPerConnection: { max: 20, windowMs: 15 * MINUTE },
  invitePerGroup: { max: 100, windowMs: 24 * HOUR },
} satisfies Record<string, Limit>;

export type LimitName = keyof typeof LIMITS;

/** Rows older than the longest window are dead weight: `purgeExpired` removes them. */
const LONGEST_WINDOW_MS = Math.max(...Object.values(LIMITS).map((limit) => limit.windowMs));

export interface Refusal {
  /** Start of the window the attempt was refused in: the same for every refusal until it ends. */
  windowStart: number;
  retryAfterMs: number;
}

export interface Check {
  key: string;
  limit: Limit;
}

/**
 * Counts one attempt against every check, or none of them: returns null when
 * all admit it, otherwise the first check that refuses and why.
 */
export async function takeAll<C extends Check>(ctx: MutationCtx, checks: C[]): Promise<{ check: C; refusal: Refusal } | null> {
  const now = Date.now();
  const rows = await Promise.all(checks.map((check) => row(ctx, check.key)));
  for (const [i, check] of checks.entries()) {
    const current = rows[i];
    if (current && now - current.windowStart < check.limit.windowMs && current.count >= check.limit.max) {
      return { check, refusal: { windowStart: current.windowStart, retryAfterMs: current.windowStart + check.limit.windowMs - now } };
    }
  }
  for (const [i, { key, limit }] of checks.entries()) {
    const current = rows[i];
    if (!current) await ctx.db.insert("rateLimits", { key, windowStart: now, count: 1 });
    else if (now - current.windowStart >= limit.windowMs) await ctx.db.patch(current._id, { windowStart: now, count: 1 });
    else await ctx.db.patch(current._id, { count: current.count + 1 });
  }
  return null;
}

export async function take(ctx: MutationCtx, key: string, limit: Limit): Promise<Refusal | null> {
  return (await takeAll(ctx, [{ key, limit }]))?.refusal ?? null;
}

/** `take`, refusing with RATE_LIMITED (which undoes the caller's transaction). */
export async function consume(ctx: MutationCtx, key: string, limit: Limit): Promise<void> {
  const refusal = await take(ctx, key, limit);
  if (refusal) fail("RATE_LIMITED", retryMessage(refusal));
}

/** Gives back one attempt of the current window: for limits that count failures, once an attempt turned out to succeed. */
export async function refund(ctx: MutationCtx, key: string, limit: Limit): Promise<void> {
  const current = await row(ctx, key);
  if (current && Date.now() - current.windowStart < limit.windowMs && current.count > 0) {
    await ctx.db.patch(current._id, { count: current.count - 1 });
  }
}

/** Forgets every attempt under `key`. */
export async function clear(ctx: MutationCtx, key: string): Promise<void> {
  const current = await row(ctx, key);
  if (current) await ctx.db.delete(current._id);
}

/**
 * True the first time it is asked about `key` for the window that started at
 * `windowStart`, false after that: to do something once per lockout.
 */
export async function firstInWindow(ctx: MutationCtx, key: string, windowStart: number): Promise<boolean> {
  const current = await row(ctx, key);
  if (current?.windowStart === windowStart) return false;
  if (current) await ctx.db.patch(current._id, { windowStart, count: 1 });
  else await ctx.db.insert("rateLimits", { key, windowStart, count: 1 });
  return true;
}

export function retryMessage({ retryAfterMs }: Refusal): string {
  const minutes = Math.max(1, Math.ceil(retryAfterMs / MINUTE));
  return `Too many attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}

export function retryAfterSeconds({ retryAfterMs }: Refusal): number {
  return Math.max(1, Math.ceil(retryAfterMs / 1000));
}

const PURGE_BATCH = 500;

/** Hourly (convex/crons.ts): deletes rows whose window ended, a batch at a time until none is left. */
export const purgeExpired = internalMutation({
  args: {},
  returns: v.number(),
  handler: async (ctx) => {
    const expired = await ctx.db
      .query("rateLimits")
      .withIndex("by_windowStart", (q) => q.lt("windowStart", Date.now() - LONGEST_WINDOW_MS))
      .take(PURGE_BATCH);
    for (const { _id } of expired) await ctx.db.delete(_id);
    if (expired.length === PURGE_BATCH) await ctx.scheduler.runAfter(0, internal.engine.rateLimit.purgeExpired, {});
    return expired.length;
  },
});

async function row(ctx: MutationCtx, key: string): Promise<Doc<"rateLimits"> | null> {
  return await ctx.db
    .query("rateLimits")
    .withIndex("by_key", (q) => q.eq("key", key))
    .unique();
}
