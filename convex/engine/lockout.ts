import type { Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { recordEvent, type AuditInput } from "./audit";
import { firstInWindow, LIMITS, retryAfterSeconds, type LimitName, type Refusal } from "./rateLimit";

/**
 * Lockouts in the audit log. Audit events belong to a group, so a lockout is
 * recorded for each group it concerns (the connection's group; every group
 * of the account an attempt named) — once per group and window however many
 * attempts are refused, so an attacker can't flood the log or the webhooks.
 * A lockout that concerns no group (an address nobody uses) has no log to
 * go to; the refusal itself still happens.
 */
export interface LockoutScope {
  groupId: Id<"groups">;
  connectionId?: Id<"connections">;
}

const WHAT_WAS_LIMITED: Record<LimitName, string> = {
  signInPerAccount: "Too many password sign-in attempts for this account",
  signInPerIp: "Too many failed password sign-ins from one network address",
  signUpPerEmail: "Too many sign-ups with this email address",
  signUpPerIp: "Too many sign-ups from one network address",
  ssoStartPerIp: "Too many SSO sign-in starts from one network address",
  scimAuthFailuresPerConnection: "Too many SCIM requests without a valid token for this connection",
  invitePerGroup: "Too many invitations sent by this group",
};

export async function recordLockout(
  ctx: MutationCtx,
  {
    name,
    key,
    refusal,
    scopes,
    target,
    ip,
  }: { name: LimitName; key: string; refusal: Refusal; scopes: LockoutScope[]; target?: AuditInput["target"]; ip?: string },
): Promise<void> {
  for (const { groupId, connectionId } of scopes) {
    if (!(await firstInWindow(ctx, `lockout:${key}:${groupId}`, refusal.windowStart))) continue;
    await recordEvent(ctx, {
      groupId,
      connectionId,
      kind: "auth.rate_limited",
      outcome: "failure",
      actor: { type: "system", label: "Rate limit" },
      target,
      reason: `${WHAT_WAS_LIMITED[name]}: refused until ${new Date(refusal.windowStart + LIMITS[name].windowMs).toISOString()}.`,
      metadata: { limit: name, ip, retryAfterSeconds: retryAfterSeconds(refusal) },
    });
  }
}

/** The groups of the users with this (normalized) email: where a lockout of that account is recorded. */
export async function accountScopes(ctx: QueryCtx, email: string): Promise<{ scopes: LockoutScope[]; target?: AuditInput["target"] }> {
  const users = await ctx.db
    .query("users")
    .withIndex("email", (q) => q.eq("email", email))
    .take(10);
  const scopes: LockoutScope[] = [];
  for (const user of users) {
    const memberships = await ctx.db
      .query("members")
      .withIndex("by_userId", (q) => q.eq("userId", user._id))
      .take(100);
    for (const { groupId } of memberships) if (!scopes.some((scope) => scope.groupId === groupId)) scopes.push({ groupId });
  }
  return { scopes, target: users[0] ? { type: "user", id: users[0]._id, label: email } : undefined };
}
