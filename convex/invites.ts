import { v } from "convex/values";
import { inviteSchema } from "../lib/validation/group";
import type { Doc } from "./_generated/dataModel";
import { query, type QueryCtx } from "./_generated/server";
import { auth } from "./auth";
import { fail } from "./engine/errors";
import type { Grant } from "./engine/grants";
import { inviteState } from "./engine/invite";
import { sendMail } from "./engine/mail";
import { siteUrl } from "./engine/urls";
import { parse } from "./engine/parse";
import { consume, LIMITS } from "./engine/rateLimit";
import { role } from "./engine/validators";
import { authMutation, authQuery } from "./functions";

/** Invitations into a group: send, list, revoke, and the invitee's side (preview, accept). */
export const create = authMutation({
  args: { groupId: v.string(), email: v.string(), role },
  returns: v.object({ inviteId: v.id("invites") }),
  handler: async (ctx, args) => {
    const grants: Grant[] = args.role === "owner" ? ["member.manage", "group.manage"] : ["member.manage"];
    const { groupId } = await auth.member.assert(ctx, { userId: ctx.auth.userId, groupId: args.groupId, grants });
    const input = parse(inviteSchema, { email: args.email, role: args.role });
    await consume(ctx, `invite:group:${groupId}`, LIMITS.invitePerGroup);
    const { inviteId, token } = await auth.invite.create(ctx, { groupId, email: input.email, role: input.role, invitedByUserId: ctx.auth.userId });
    const [group, inviter] = await Promise.all([auth.group.get(ctx, groupId), auth.user.get(ctx, ctx.auth.userId)]);
    await sendMail(ctx, {
      to: input.email,
      subject: `${inviter?.name ?? "Someone"} invited you to ${group!.name}`,
      text:
        `${inviter?.name ?? "Someone"} (${inviter?.email ?? "unknown"}) invited you to join ${group!.name} as ${input.role}.\n\n` +
        `Accept the invitation: ${siteUrl(`/invite/${token}`)}\n\n` +
        "The link works once and expires in 7 days.",
    });
    return { inviteId };
  },
});

export const list = authQuery({
  args: { groupId: v.string() },
  returns: v.array(
    v.object({
      inviteId: v.id("invites"),
      email: v.string(),
      role,
      expiresTime: v.number(),
      invitedBy: v.union(v.string(), v.null()),
    }),
  ),
  handler: async (ctx, args) => {
    const { groupId } = await auth.member.assert(ctx, { userId: ctx.auth.userId, groupId: args.groupId, grants: ["member.manage"] });
    const now = Date.now();
    const rows = [];
    for (const invite of await auth.invite.list(ctx, { groupId, status: "pending" })) {
      if (inviteState(invite, now) !== "pending") continue;
      const inviter = await auth.user.get(ctx, invite.invitedByUserId);
      rows.push({ inviteId: invite._id, email: invite.email, role: invite.role, expiresTime: invite.expiresTime, invitedBy: inviter?.name ?? inviter?.email ?? null });
    }
    return rows;
  },
});

export const revoke = authMutation({
  args: { inviteId: v.string() },
  returns: v.null(),
  handler: async (ctx, args) => {
    const invite = await inviteOrForbidden(ctx, args.inviteId);
    await auth.member.assert(ctx, { userId: ctx.auth.userId, groupId: invite.groupId, grants: ["member.manage"] });
    await auth.invite.revoke(ctx, invite);
    return null;
  },
});

/**
 * What an invitation link leads to, for its landing page. Public: the
 * 256-bit token is the credential, and it reveals only what the invitation
 * email already said.
 */
export const preview = query({
  args: { token: v.string() },
  returns: v.union(
    v.null(),
    v.object({
      groupName: v.string(),
      invitedBy: v.union(v.string(), v.null()),
      email: v.string(),
      role,
      state: v.union(v.literal("pending"), v.literal("accepted"), v.literal("revoked"), v.literal("expired")),
    }),
  ),
  handler: async (ctx, { token }) => {
    if (token.length < 32 || token.length > 64) return null;
    const invite = await auth.invite.token.get(ctx, token);
    if (!invite) return null;
    const [group, inviter] = await Promise.all([auth.group.get(ctx, invite.groupId), auth.user.get(ctx, invite.invitedByUserId)]);
    if (!group) return null;
    return { groupName: group.name, invitedBy: inviter?.name ?? null, email: invite.email, role: invite.role, state: inviteState(invite) };
  },
});

export const accept = authMutation({
  args: { token: v.string() },
  returns: v.object({ groupId: v.id("groups") }),
  handler: async (ctx, { token }) => {
    const { groupId } = await auth.invite.token.accept(ctx, { token, userId: ctx.auth.userId });
    return { groupId };
  },
});

async function inviteOrForbidden(ctx: QueryCtx, inviteId: string): Promise<Doc<"invites">> {
  const id = ctx.db.normalizeId("invites", inviteId);
  const invite = id ? await auth.invite.get(ctx, id) : null;
  return invite ?? fail("FORBIDDEN", "You don't have access to this.");
}
