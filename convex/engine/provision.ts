import { ConvexError, v, type Infer } from "convex/values";
import type { SsoErrorCode } from "../../lib/sso-errors";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { domainByName, domainState } from "./domain";
import { emailDomain } from "./email";
import { getMembership } from "./member";
import type { Policy } from "./policyShape";
import type { NormalizedProfile } from "./ssoProfile";
import { role } from "./validators";

/**
 * Provisioning: how a normalized profile from one of a group's connections
 * becomes a user and a member, per the group's policy. Shared by OIDC, SAML
 * and SCIM.
 *
 * It runs in two halves. `planProvisioning` only reads: it decides (and can
 * refuse) without writing, which is also what an admin's test sign-in shows.
 * `applyProvisioning` writes the plan. Both run in one mutation, so a refusal
 * or a throwing hook leaves nothing half-provisioned behind.
 */
export const provisionPlan = v.object({
  user: v.union(
    v.object({ action: v.literal("existing"), userId: v.id("users"), email: v.optional(v.string()) }),
    v.object({ action: v.literal("link"), userId: v.id("users"), email: v.string() }),
    v.object({ action: v.literal("create"), email: v.string() }),
  ),
  membership: v.object({
    action: v.union(v.literal("existing"), v.literal("create"), v.literal("update")),
    role,
    previousRole: v.optional(role),
  }),
  matchedRule: v.optional(v.string()),
});

export const planResult = v.union(
  v.object({ ok: v.literal(true), plan: provisionPlan }),
  v.object({ ok: v.literal(false), code: v.string(), message: v.string() }),
);

export type ProvisionPlan = Infer<typeof provisionPlan>;
export type PlanResult = { ok: true; plan: ProvisionPlan } | { ok: false; code: SsoErrorCode; message: string };

/**
 * Server-side hooks (`defineAuth({ sso: { hooks } })`). `profileResolved` and
 * `allowLink` also run for test sign-ins and must not write; the provision
 * hooks run inside the sign-in's transaction, so throwing undoes it.
 */
export interface SsoHooks {
  /** Adjust the normalized profile (return a new one) before policy sees it. */
  profileResolved?: (ctx: QueryCtx, event: { connection: Doc<"connections">; profile: NormalizedProfile; claims: Record<string, unknown> }) => Promise<NormalizedProfile | void> | NormalizedProfile | void;
  /** Veto linking this identity to an existing user with the same email. */
  allowLink?: (ctx: QueryCtx, event: { connection: Doc<"connections">; user: Doc<"users">; profile: NormalizedProfile }) => Promise<boolean> | boolean;
  /** Last word before anything is written; return false to refuse the sign-in. */
  beforeProvision?: (ctx: MutationCtx, event: { connection: Doc<"connections">; profile: NormalizedProfile; plan: ProvisionPlan }) => Promise<boolean | void> | boolean | void;
  /** After the user and membership are written (same transaction). */
  afterProvision?: (ctx: MutationCtx, event: { connection: Doc<"connections">; profile: NormalizedProfile; plan: ProvisionPlan; userId: Id<"users">; memberId: Id<"members"> }) => Promise<void> | void;
}

const refuse = (code: SsoErrorCode, message: string): PlanResult => ({ ok: false, code, message });

export async function planProvisioning(
  ctx: QueryCtx,
  { connection, policy, profile, hooks }: { connection: Doc<"connections">; policy: Policy; profile: NormalizedProfile; hooks: SsoHooks },
): Promise<PlanResult> {
  const identity = await identityOf(ctx, connection._id, profile.subject);
  const known = identity ? await ctx.db.get(identity.userId) : null;
  let user: ProvisionPlan["user"];
  let existingUser: Doc<"users"> | null = known;
  if (known) {
    user = { action: "existing", userId: known._id, email: known.email };
  } else {
    if (!profile.email) return refuse("profile_incomplete", "The identity provider sent no email address.");
    // An IdP is trusted for the domains its group has proven it owns, and no others:
    // otherwise one tenant's IdP could assert another company's addresses.
    if (!(await groupOwnsDomain(ctx, connection.groupId, emailDomain(profile.email)))) {
      return refuse("email_domain_not_allowed", `${emailDomain(profile.email)} is not a verified domain of this organization.`);
    }
    existingUser = await userByEmail(ctx, profile.email);
    if (existingUser && policy.scimReuse && (await provisionedByGroupDirectory(ctx, existingUser._id, connection.groupId))) {
      // The group's own directory made this user: SSO signs in as them whatever the linking policy says.
      user = { action: "link", userId: existingUser._id, email: profile.email };
    } else if (existingUser) {
      if (policy.accountLinking === "none") return refuse("link_refused", "Linking SSO to existing accounts is turned off.");
      if (!profile.emailVerified) return refuse("email_unverified", "The identity provider did not verify this email address.");
      if (policy.accountLinking === "sameConnection" && existingUser.provisionedByConnectionId !== connection._id) {
        return refuse("link_refused", "The existing account wasn't created by this connection.");
      }
      if (hooks.allowLink && !(await hooks.allowLink(ctx, { connection, user: existingUser, profile }))) {
        return refuse("link_refused", "The allowLink hook refused to link this account.");
      }
      user = { action: "link", userId: existingUser._id, email: profile.email };
    } else {
      if (policy.userCreation !== "jit") {
        return refuse("user_creation_disabled", policy.userCreation === "scim" ? "Accounts are created by SCIM only." : "New accounts can't be created.");
      }
      user = { action: "create", email: profile.email };
    }
  }
  if (existingUser?.status === "deactivated") return refuse("user_deactivated", "The user is deactivated.");

  const rule = policy.roleMapping.find((candidate) => profile[candidate.source].includes(candidate.value.trim()));
  const matchedRule = rule ? `${rule.source}:${rule.value} → ${rule.role}` : undefined;
  const membership = existingUser ? await getMembership(ctx, { userId: existingUser._id, groupId: connection.groupId }) : null;
  let planMembership: ProvisionPlan["membership"];
  if (membership) {
    if (membership.status !== "active") return refuse("member_suspended", "The membership is suspended.");
    // The IdP manages admins and members; owners are managed in the app only.
    const changes = rule && membership.role !== "owner" && rule.role !== membership.role;
    planMembership = changes ? { action: "update", role: rule.role, previousRole: membership.role } : { action: "existing", role: membership.role };
  } else {
    if (policy.jit.mode !== "on") return refuse("not_a_member", "Just-in-time membership is off and this person isn't a member.");
    planMembership = { action: "create", role: rule?.role ?? policy.jit.defaultRole };
  }
  return { ok: true, plan: { user, membership: planMembership, ...(matchedRule ? { matchedRule } : {}) } };
}

/** Writes a plan. Throws (undoing everything) when a hook refuses. */
export async function applyProvisioning(
  ctx: MutationCtx,
  { connection, policy, profile, plan, hooks }: { connection: Doc<"connections">; policy: Policy; profile: NormalizedProfile; plan: ProvisionPlan; hooks: SsoHooks },
): Promise<{ userId: Id<"users">; memberId: Id<"members"> }> {
  if (hooks.beforeProvision && (await hooks.beforeProvision(ctx, { connection, profile, plan })) === false) {
    throw new ProvisionRefused("hook_refused", "The beforeProvision hook refused this sign-in.");
  }
  const now = Date.now();
  let userId: Id<"users">;
  if (plan.user.action === "create") {
    userId = await ctx.db.insert("users", {
      email: plan.user.email,
      name: profile.name,
      ...(profile.emailVerified ? { emailVerificationTime: now } : {}),
      provisionedByConnectionId: connection._id,
      ...(Object.keys(profile.extra).length > 0 ? { extend: profile.extra } : {}),
    });
  } else {
    userId = plan.user.userId;
    if (policy.profileAuthority === "idp") {
      const user = await ctx.db.get(userId);
      const extend = { ...user?.extend, ...profile.extra };
      await ctx.db.patch(userId, {
        ...(profile.name ? { name: profile.name } : {}),
        ...(Object.keys(extend).length > 0 ? { extend } : {}),
      });
    }
  }

  const identity = await identityOf(ctx, connection._id, profile.subject);
  if (identity) await ctx.db.patch(identity._id, { userId, email: profile.email, lastLoginTime: now });
  else await ctx.db.insert("ssoIdentities", { connectionId: connection._id, subject: profile.subject, userId, email: profile.email, lastLoginTime: now });

  const existing = await getMembership(ctx, { userId, groupId: connection.groupId });
  let memberId: Id<"members">;
  if (existing) {
    memberId = existing._id;
    if (plan.membership.action === "update") await ctx.db.patch(existing._id, { role: plan.membership.role });
  } else {
    memberId = await ctx.db.insert("members", { groupId: connection.groupId, userId, role: plan.membership.role, status: "active" });
  }
  await hooks.afterProvision?.(ctx, { connection, profile, plan, userId, memberId });
  return { userId, memberId };
}

/**
 * A refusal raised while applying (by a hook). It must leave the mutation to
 * undo its writes, and a ConvexError keeps its data across `runMutation`, so
 * the caller can record it as a failed sign-in.
 */
export class ProvisionRefused extends ConvexError<{ ssoError: SsoErrorCode; message: string }> {
  constructor(code: SsoErrorCode, message: string) {
    super({ ssoError: code, message });
  }
}

async function identityOf(ctx: QueryCtx, connectionId: Id<"connections">, subject: string) {
  return await ctx.db
    .query("ssoIdentities")
    .withIndex("by_connectionId_and_subject", (q) => q.eq("connectionId", connectionId).eq("subject", subject))
    .unique();
}

async function userByEmail(ctx: QueryCtx, email: string) {
  return await ctx.db
    .query("users")
    .withIndex("email", (q) => q.eq("email", email))
    .first();
}

async function provisionedByGroupDirectory(ctx: QueryCtx, userId: Id<"users">, groupId: Id<"groups">): Promise<boolean> {
  const rows = await ctx.db
    .query("scimUsers")
    .withIndex("by_userId", (q) => q.eq("userId", userId))
    .collect();
  return rows.some((row) => row.groupId === groupId);
}

async function groupOwnsDomain(ctx: QueryCtx, groupId: Id<"groups">, domain: string): Promise<boolean> {
  const claim = await domainByName(ctx, domain);
  return claim !== null && claim.groupId === groupId && domainState(claim) === "verified";
}
