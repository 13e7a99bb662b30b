import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { normalizeEmail } from "./email";
import { fail } from "./errors";
import type { Role } from "./grants";
import { addMember, getMembership } from "./member";
import { randomToken, sha256 } from "./tokens";

/**
 * auth.invite: invitations into a group, bound to an email address. The link
 * carries a 256-bit token; only its hash is stored. Single use, revocable,
 * expiring (7 days by default).
 */
export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export type InviteState = Doc<"invites">["status"] | "expired";

export function inviteState(invite: Doc<"invites">, now = Date.now()): InviteState {
  return invite.status === "pending" && invite.expiresTime <= now ? "expired" : invite.status;
}

export async function createInvite(
  ctx: MutationCtx,
  data: { groupId: Id<"groups">; email: string; role: Role; invitedByUserId: Id<"users">; ttlMs?: number },
): Promise<{ inviteId: Id<"invites">; token: string }> {
  const email = normalizeEmail(data.email);
  const existingUser = await ctx.db
    .query("users")
    .withIndex("email", (q) => q.eq("email", email))
    .first();
  if (existingUser && (await getMembership(ctx, { userId: existingUser._id, groupId: data.groupId }))) {
    fail("DUPLICATE_MEMBERSHIP", `${email} is already a member.`);
  }
  const pending = await ctx.db
    .query("invites")
    .withIndex("by_groupId_and_email", (q) => q.eq("groupId", data.groupId).eq("email", email))
    .collect();
  if (pending.some((invite) => inviteState(invite) === "pending")) {
    fail("DUPLICATE_INVITE", `${email} already has a pending invitation. Revoke it to send a new one.`);
  }
  const token = randomToken();
  const inviteId = await ctx.db.insert("invites", {
    groupId: data.groupId,
    email,
    role: data.role,
    tokenHash: await sha256(token),
    status: "pending",
    expiresTime: Date.now() + (data.ttlMs ?? INVITE_TTL_MS),
    invitedByUserId: data.invitedByUserId,
  });
  return { inviteId, token };
}

export async function inviteByToken(ctx: QueryCtx, token: string): Promise<Doc<"invites"> | null> {
  const tokenHash = await sha256(token);
  return await ctx.db
    .query("invites")
    .withIndex("by_tokenHash", (q) => q.eq("tokenHash", tokenHash))
    .unique();
}

/**
 * Accepts an invitation for the signed-in user, whose email must be the one
 * invited. Adds the membership in the same transaction.
 */
export async function acceptInvite(
  ctx: MutationCtx,
  { token, userId }: { token: string; userId: Id<"users"> },
): Promise<{ groupId: Id<"groups">; memberId: Id<"members"> }> {
  const invite = await inviteByToken(ctx, token);
  if (!invite || inviteState(invite) !== "pending") {
    fail("INVITE_INVALID", "This invitation is no longer valid. Ask for a new one.");
  }
  const user = await ctx.db.get(userId);
  if (!user?.email || normalizeEmail(user.email) !== invite.email) {
    fail("INVITE_EMAIL_MISMATCH", `This invitation was sent to ${invite.email}. Sign in with that address to accept it.`);
  }
  const existing = await getMembership(ctx, { userId, groupId: invite.groupId });
  const memberId = existing?._id ?? (await addMember(ctx, { groupId: invite.groupId, userId, role: invite.role }));
  await ctx.db.patch(invite._id, { status: "accepted", acceptedByUserId: userId, acceptedTime: Date.now() });
  await ctx.db.patch(userId, { activeGroupId: invite.groupId });
  return { groupId: invite.groupId, memberId };
}

export async function revokeInvite(ctx: MutationCtx, invite: Doc<"invites">): Promise<void> {
  if (inviteState(invite) !== "pending") fail("INVITE_INVALID", "Only pending invitations can be revoked.");
  await ctx.db.patch(invite._id, { status: "revoked", revokedTime: Date.now() });
}

export async function listInvites(ctx: QueryCtx, { groupId, status }: { groupId: Id<"groups">; status: Doc<"invites">["status"] }) {
  return await ctx.db
    .query("invites")
    .withIndex("by_groupId_and_status", (q) => q.eq("groupId", groupId).eq("status", status))
    .order("desc")
    .collect();
}
