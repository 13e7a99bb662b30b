import { customAction, customCtx, customMutation, customQuery } from "convex-helpers/server/customFunctions";
import { internal } from "./_generated/api";
import { action, mutation, query } from "./_generated/server";
import type { Auth } from "convex/server";
import { fail } from "./engine/errors";
import { requireSession, type SignedIn } from "./engine/session";

/**
 * Builders for functions that need a signed-in caller. They refuse anyone
 * else with NOT_SIGNED_IN and put the caller on `ctx.auth`:
 * `ctx.auth.userId`, `ctx.auth.sessionId`. Authorization (what the caller
 * may do) is each function's own `auth.member.assert` call.
 */
export type SignedInAuth = Auth & SignedIn;

/** The runtime's auth object (its methods, own or inherited, stay reachable) plus the caller. */
function withCaller<A extends Auth>(auth: A, signedIn: SignedIn): A & SignedIn {
  return Object.assign(Object.create(auth) as A, signedIn);
}

export const authQuery = customQuery(
  query,
  customCtx(async (ctx) => ({ auth: withCaller(ctx.auth, await requireSession(ctx)) })),
);

export const authMutation = customMutation(
  mutation,
  customCtx(async (ctx) => ({ auth: withCaller(ctx.auth, await requireSession(ctx)) })),
);

export const authAction = customAction(
  action,
  customCtx(async (ctx): Promise<{ auth: typeof ctx.auth & SignedIn }> => {
    const signedIn: SignedIn | null = await ctx.runQuery(internal.engine.session.validate, {});
    return { auth: withCaller(ctx.auth, signedIn ?? fail("NOT_SIGNED_IN", "Sign in to continue.")) };
  }),
);
