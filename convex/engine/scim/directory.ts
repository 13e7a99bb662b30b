import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx } from "../../_generated/server";
import { domainByName, domainState } from "../domain";
import { emailDomain } from "../email";
import type { Role } from "../grants";
import { getMembership } from "../member";
import { getPolicy } from "../policy";
import type { Policy } from "../policyShape";
import type { SsoHooks } from "../provision";
import { invalidateSessions } from "../session";
import { ScimError } from "./errors";

/**
 * What a directory (SCIM) change does to the app's users and members, per
 * the group's policy: provisioning links to or creates the user and adds
 * the membership; deprovisioning suspends (`soft`) or removes (`hard`) the
 * membership and ends the user's sessions at once; directory groups set
 * member roles through the policy's role mapping. Owners are managed in the
 * app: the directory never changes their role.
 */
export interface DirectoryProfile {
  email?: string;
  name?: string;
}

export async function provisionUser(
  ctx: MutationCtx,
  { connection, profile, hooks }: { connection: Doc<"connections">; profile: DirectoryProfile; hooks: SsoHooks },
): Promise<Id<"users">> {
  if (!profile.email) throw new ScimError(400, "The user needs an email address (emails or an email-shaped userName).", "invalidValue");
  const domain = await domainByName(ctx, emailDomain(profile.email));
  // As with SSO: a directory is trusted for its group's verified domains only.
  if (!domain || domain.groupId !== connection.groupId || domainState(domain) !== "verified") {
    throw new ScimError(400, `${emailDomain(profile.email)} is not a verified domain of this organization.`, "invalidValue");
  }
  const policy = await getPolicy(ctx, connection.groupId);
  const existing = await ctx.db
    .query("users")
    .withIndex("email", (q) => q.eq("email", profile.email))
    .first();
  const userId =
    existing?._id ??
    (policy.userCreation === "none"
      ? fail403("This organization's policy doesn't let the directory create users.")
      : await ctx.db.insert("users", { email: profile.email, name: profile.name, emailVerificationTime: Date.now(), provisionedByConnectionId: connection._id }));
  if (existing && policy.profileAuthority === "idp" && profile.name) await ctx.db.patch(existing._id, { name: profile.name });
  const membership = await getMembership(ctx, { userId, groupId: connection.groupId });
  if (!membership) {
    const plan = { user: existing ? { action: "link" as const, userId, email: profile.email } : { action: "create" as const, email: profile.email }, membership: { action: "create" as const, role: policy.jit.defaultRole } };
    if (hooks.beforeProvision && (await hooks.beforeProvision(ctx, { connection, profile: { subject: profile.email, email: profile.email, emailVerified: true, name: profile.name, groups: [], roles: [], extra: {} }, plan })) === false) {
      fail403("The beforeProvision hook refused this user.");
    }
    await ctx.db.insert("members", { groupId: connection.groupId, userId, role: policy.jit.defaultRole, status: "active" });
  }
  return userId;
}

/** A directory update to an already provisioned user: the IdP's name wins when the policy says so. */
export async function syncProfile(ctx: MutationCtx, { connection, userId, profile }: { connection: Doc<"connections">; userId: Id<"users">; profile: DirectoryProfile }): Promise<void> {
  if (!profile.name || (await getPolicy(ctx, connection.groupId)).profileAuthority !== "idp") return;
  const user = await ctx.db.get(userId);
  if (user && user.name !== profile.name) await ctx.db.patch(userId, { name: profile.name });
}

function fail403(message: string): never {
  throw new ScimError(403, message);
}

/** `active: false` or DELETE: per policy, and the user's sessions end now (their next request fails). */
export async function deprovision(ctx: MutationCtx, { connection, userId }: { connection: Doc<"connections">; userId: Id<"users"> }): Promise<void> {
  const policy = await getPolicy(ctx, connection.groupId);
  const membership = await getMembership(ctx, { userId, groupId: connection.groupId });
  if (membership) {
    if (policy.deprovision === "hard" && membership.role !== "owner") await ctx.db.delete(membership._id);
    else await ctx.db.patch(membership._id, { status: "suspended" });
  }
  await invalidateSessions(ctx, { userId });
}

export async function reactivate(ctx: MutationCtx, { connection, userId }: { connection: Doc<"connections">; userId: Id<"users"> }): Promise<void> {
  const membership = await getMembership(ctx, { userId, groupId: connection.groupId });
  if (membership?.status === "suspended") await ctx.db.patch(membership._id, { status: "active" });
  else if (!membership) await ctx.db.insert("members", { groupId: connection.groupId, userId, role: (await getPolicy(ctx, connection.groupId)).jit.defaultRole, status: "active" });
}

/** The role a member gets from their directory groups: the first matching rule, else the default role. */
export function roleFromGroups(policy: Policy, groupNames: string[]): Role {
  const rule = policy.roleMapping.find((candidate) => candidate.source === "groups" && groupNames.includes(candidate.value.trim()));
  return rule?.role ?? policy.jit.defaultRole;
}

export async function applyGroupRoles(ctx: MutationCtx, { connection, scimUserId }: { connection: Doc<"connections">; scimUserId: Id<"scimUsers"> }): Promise<void> {
  const scimUser = await ctx.db.get(scimUserId);
  if (!scimUser) return;
  const membership = await getMembership(ctx, { userId: scimUser.userId, groupId: connection.groupId });
  if (!membership || membership.role === "owner") return;
  const links = await ctx.db
    .query("scimGroupMembers")
    .withIndex("by_scimUserId", (q) => q.eq("scimUserId", scimUserId))
    .collect();
  const names: string[] = [];
  for (const link of links) {
    const group = await ctx.db.get(link.scimGroupId);
    if (group) names.push(group.displayName);
  }
  const role = roleFromGroups(await getPolicy(ctx, connection.groupId), names);
  if (role !== membership.role && role !== "owner") await ctx.db.patch(membership._id, { role });
}
