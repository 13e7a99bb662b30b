import { v } from "convex/values";
import { profileSchema } from "../lib/validation/account";
import { query } from "./_generated/server";
import { auth } from "./auth";
import { parse } from "./engine/parse";
import { authMutation, authQuery } from "./functions";

/** The signed-in person: profile and sessions. */
export const viewer = query({
  args: {},
  returns: v.union(
    v.null(),
    v.object({ _id: v.id("users"), name: v.union(v.string(), v.null()), email: v.union(v.string(), v.null()) }),
  ),
  // Anonymous callers get null: the page decides where to send them.
  handler: async (ctx) => {
    const user = await auth.user.viewer(ctx);
    return user ? { _id: user._id, name: user.name ?? null, email: user.email ?? null } : null;
  },
});

export const updateProfile = authMutation({
  args: { name: v.string() },
  returns: v.null(),
  handler: async (ctx, args) => {
    const { name } = parse(profileSchema, args);
    await auth.user.patch(ctx, ctx.auth.userId, { name });
    return null;
  },
});

export const sessions = authQuery({
  args: {},
  returns: v.array(v.object({ _id: v.id("authSessions"), _creationTime: v.number(), current: v.boolean() })),
  handler: async (ctx) =>
    (await auth.session.list(ctx, { userId: ctx.auth.userId })).map((session) => ({
      _id: session._id,
      _creationTime: session._creationTime,
      current: session._id === ctx.auth.sessionId,
    })),
});

/** Signs out every other device; this one stays signed in. */
export const endOtherSessions = authMutation({
  args: {},
  returns: v.number(),
  handler: (ctx) => auth.session.invalidate(ctx, { userId: ctx.auth.userId, except: [ctx.auth.sessionId] }),
});
