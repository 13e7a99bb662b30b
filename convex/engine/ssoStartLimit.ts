import { v } from "convex/values";
import { internalMutation } from "../_generated/server";
import type { SsoErrorCode } from "../../lib/sso-errors";
import { clientIp } from "./clientIp";
import { recordLockout } from "./lockout";
import { LIMITS, take } from "./rateLimit";
import { siteUrl } from "./urls";

/**
 * SSO starts per client IP (`GET /api/auth/sso/<id>/start`, OIDC and SAML
 * alike). Every start stores a state and may call the IdP, so a script
 * could otherwise fill the one and hammer the other. Counted before
 * anything else happens; a refused start stores nothing and sends the
 * browser back to /sign-in with `sso_error=rate_limited` (a person reads
 * it there; a bare 429 on the Convex site would strand them).
 */
const RATE_LIMITED: SsoErrorCode = "rate_limited";

/** Null when the start may go ahead; otherwise where to send the browser. */
export const admit = internalMutation({
  args: { connectionId: v.string() },
  returns: v.union(v.null(), v.string()),
  handler: async (ctx, args) => {
    const ip = await clientIp(ctx);
    const key = `ssoStart:ip:${ip}`;
    const refusal = await take(ctx, key, LIMITS.ssoStartPerIp);
    if (!refusal) return null;
    const connectionId = ctx.db.normalizeId("connections", args.connectionId);
    const connection = connectionId ? await ctx.db.get(connectionId) : null;
    if (connection) {
      await recordLockout(ctx, {
        name: "ssoStartPerIp",
        key,
        refusal,
        ip,
        scopes: [{ groupId: connection.groupId, connectionId: connection._id }],
        target: { type: "connection", id: connection._id, label: connection.name },
      });
    }
    return siteUrl(`/sign-in?sso_error=${RATE_LIMITED}`);
  },
});
