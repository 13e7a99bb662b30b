import { v } from "convex/values";
import type { Doc } from "../_generated/dataModel";
import { internalMutation } from "../_generated/server";
import { recordEvent } from "./audit";

/**
 * Whether a connection's identity provider answered the last time we asked
 * for its metadata (OIDC discovery, SAML metadata URL). When it didn't,
 * sign-in goes on with the last good copy and the connection reads as
 * "degraded": admins see why and since when, and the audit log (so webhooks
 * too) hears about it once, when it starts, not on every sign-in.
 */
export interface IdpHealth {
  state: "ok" | "degraded";
  /** Why it is degraded: what the last attempt ran into. */
  message: string | null;
  /** When the metadata was last read successfully (what sign-in uses now). */
  lastGoodTime: number | null;
  /** When it was last tried. */
  checkedTime: number | null;
}

export function describeIdpHealth(connection: Doc<"connections">): IdpHealth {
  if (connection.protocol === "oidc") {
    const oidc = connection.oidc;
    return health(oidc?.lastRefresh, oidc?.discovered?.fetchedTime);
  }
  const metadata = connection.saml?.metadata;
  // Pasted metadata has no URL to re-read: nothing can be down.
  return health(metadata?.url ? metadata.lastRefresh : undefined, metadata?.fetchedTime);
}

function health(last: { ok: boolean; time: number; message: string } | undefined, lastGoodTime: number | undefined): IdpHealth {
  const degraded = last !== undefined && !last.ok;
  return { state: degraded ? "degraded" : "ok", message: degraded ? last.message : null, lastGoodTime: lastGoodTime ?? null, checkedTime: last?.time ?? null };
}

/** Sign-in couldn't re-read the OIDC discovery document: noted, and audited when the connection turns degraded. */
export const recordOidcRefreshFailure = internalMutation({
  args: { connectionId: v.id("connections"), issuer: v.string(), message: v.string() },
  returns: v.null(),
  handler: async (ctx, { connectionId, issuer, message }) => {
    const connection = await ctx.db.get(connectionId);
    // The settings may have changed while the IdP was asked.
    if (!connection?.oidc || connection.oidc.discovery.issuer !== issuer) return null;
    const wasDegraded = connection.oidc.lastRefresh?.ok === false;
    await ctx.db.patch(connectionId, { oidc: { ...connection.oidc, lastRefresh: { ok: false, time: Date.now(), message } } });
    if (!wasDegraded) {
      await recordEvent(ctx, {
        groupId: connection.groupId,
        connectionId,
        kind: "connection.metadata.refreshed",
        outcome: "failure",
        actor: { type: "system", label: "Sign-in" },
        target: { type: "connection", id: connectionId, label: connection.name },
        reason: connection.oidc.discovered ? `Kept the last good discovery document: ${message}` : message,
      });
    }
    return null;
  },
});
