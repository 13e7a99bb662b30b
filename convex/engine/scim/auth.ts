import { v } from "convex/values";
import { internal } from "../../_generated/api";
import type { Doc, Id } from "../../_generated/dataModel";
import { internalMutation, type ActionCtx, type QueryCtx } from "../../_generated/server";
import { clientIp } from "../clientIp";
import { recordLockout } from "../lockout";
import { LIMITS, retryAfterSeconds, take } from "../rateLimit";
import { sha256 } from "../tokens";
import { errorReply, ScimError, toWire, type WireReply } from "./errors";

/**
 * SCIM callers authenticate with a connection's bearer token. The token is
 * compared by its SHA-256 against the connection named in the URL only, so
 * a token of connection A can never reach B's resources. A rotated-out token
 * keeps working until its overlap window ends.
 */
export async function authenticate(ctx: QueryCtx, connectionId: string, token: string | null): Promise<Doc<"connections"> & { scim: NonNullable<Doc<"connections">["scim"]> }> {
  const id = ctx.db.normalizeId("connections", connectionId);
  const connection = id ? await ctx.db.get(id) : null;
  if (!token || !connection?.scim || connection.scim.status !== "enabled") throw new ScimError(401, "Authentication failed: a valid bearer token for this connection is required.");
  const hash = await sha256(token);
  const now = Date.now();
  const valid = connection.scim.tokens.some((candidate) => candidate.hash === hash && (candidate.expiresTime === undefined || candidate.expiresTime > now));
  if (!valid) throw new ScimError(401, "Authentication failed: a valid bearer token for this connection is required.");
  return connection as Doc<"connections"> & { scim: NonNullable<Doc<"connections">["scim"]> };
}

export type ScimConnection = Awaited<ReturnType<typeof authenticate>>;

/**
 * Failed authentications per connection (LIMITS.scimAuthFailuresPerConnection).
 * Past the limit, requests without a valid token get a 429 with Retry-After
 * instead of a 401 until the window ends, and the lockout is audited once.
 *
 * Requests with the connection's valid token are served all the while: the
 * tokens are 256-bit random values nobody guesses in any number of tries,
 * and refusing the real IdP would let anyone who knows the URL stall
 * deprovisioning. What the limit buys is a misbehaving client (an IdP still
 * sending a revoked token, a scanner) told to back off, and an admin told.
 */
export async function limitAuthFailures(ctx: ActionCtx, connectionId: string, reply: WireReply): Promise<WireReply> {
  if (reply.status !== 401) return reply;
  const retryAfter = await ctx.runMutation(internal.engine.scim.auth.countAuthFailure, { connectionId });
  if (retryAfter === null) return reply;
  const detail = `Too many requests without a valid bearer token for this connection. Retry in ${retryAfter} seconds with a valid token.`;
  return { ...toWire(errorReply({ scim: true, status: 429, detail })), retryAfter };
}

/** Counts one failed authentication; returns seconds to wait once the connection is over its limit, else null. */
export const countAuthFailure = internalMutation({
  args: { connectionId: v.string() },
  returns: v.union(v.number(), v.null()),
  handler: async (ctx, args) => {
    // An id that names no connection protects nothing and gets no counter (nor a row per made-up id).
    const id = ctx.db.normalizeId("connections", args.connectionId);
    const connection = id ? await ctx.db.get(id) : null;
    if (!connection) return null;
    const key = `scimAuth:connection:${connection._id}`;
    const refusal = await take(ctx, key, LIMITS.scimAuthFailuresPerConnection);
    if (!refusal) return null;
    await recordLockout(ctx, {
      name: "scimAuthFailuresPerConnection",
      key,
      refusal,
      ip: await clientIp(ctx),
      scopes: [{ groupId: connection.groupId, connectionId: connection._id }],
      target: { type: "connection", id: connection._id, label: connection.name },
    });
    return retryAfterSeconds(refusal);
  },
});

export function scimBaseUrl(connectionId: Id<"connections">): string {
  return `${(process.env.CONVEX_SITE_URL ?? "").replace(/\/$/, "")}/scim/v2/${connectionId}`;
}
