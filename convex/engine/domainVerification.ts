import { v } from "convex/values";
import { internalMutation, internalQuery, type QueryCtx } from "../_generated/server";
import { userActor } from "./audit";
import { challengeRecord, domainByName, normalizeDomain, recordVerificationCheck } from "./domain";
import { fail } from "./errors";
import { assertGrants } from "./member";

/**
 * The database halves of confirming a domain: the DNS lookup between them
 * runs in a Node action (engine/dns.ts). Both halves check the caller's
 * grant, so a membership lost meanwhile is honoured.
 */
async function claimFor(ctx: QueryCtx, args: { userId: string; connectionId: string; domain: string }) {
  const connectionId = ctx.db.normalizeId("connections", args.connectionId);
  const connection = connectionId ? await ctx.db.get(connectionId) : null;
  if (!connection) fail("FORBIDDEN", "You don't have access to this.");
  const userId = ctx.db.normalizeId("users", args.userId)!;
  await assertGrants(ctx, { userId, groupId: connection.groupId, grants: ["connection.domain.manage"] });
  const normalized = normalizeDomain(args.domain);
  const claim = normalized.ok ? await domainByName(ctx, normalized.domain) : null;
  if (!claim || claim.connectionId !== connection._id) fail("NOT_FOUND", "This connection doesn't claim that domain.");
  return claim;
}

export const prepare = internalQuery({
  args: { userId: v.string(), connectionId: v.string(), domain: v.string() },
  handler: async (ctx, args) => {
    const claim = await claimFor(ctx, args);
    if (!claim.challenge) fail("INVALID_INPUT", "Request a verification record first.");
    return { domainId: claim._id, recordName: challengeRecord(claim.domain, claim.challenge.token).name };
  },
});

export const record = internalMutation({
  args: {
    userId: v.string(),
    connectionId: v.string(),
    domain: v.string(),
    lookup: v.union(v.object({ ok: v.literal(true), records: v.array(v.string()) }), v.object({ ok: v.literal(false), reason: v.string() })),
  },
  handler: async (ctx, args) => {
    const claim = await claimFor(ctx, args);
    const userId = ctx.db.normalizeId("users", args.userId)!;
    const user = await ctx.db.get(userId);
    const actor = userActor(userId, user?.name ?? user?.email ?? undefined);
    return await recordVerificationCheck(ctx, { domainId: claim._id, lookup: args.lookup, actor });
  },
});
