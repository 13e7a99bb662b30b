import { convexAuth } from "@convex-dev/auth/server";
import { v } from "convex/values";
import { query } from "./_generated/server";
import { defineAuth } from "./engine/facade";
import { password } from "./engine/password";
import { currentSession } from "./engine/session";
import { ssoProvider } from "./engine/ssoHandoff";

/**
 * The one configuration point for sign-in and sessions.
 *
 * @convex-dev/auth calls `auth:signIn`, `auth:signOut`, `auth:store` and
 * `auth:isAuthenticated`, so they are exported from here; `auth` is this
 * app's server facade (users, sessions, groups, members, invites), which also
 * mounts the library's HTTP routes.
 */
// Short-lived JWTs: every authenticated function also checks that the session
// still exists, and clients refresh tokens in the background.
const JWT_DURATION_MS = 5 * 60 * 1000;

const convexAuthHelpers = convexAuth({
  providers: [password, ssoProvider],
  jwt: { durationMs: JWT_DURATION_MS },
  session: {
    totalDurationMs: 30 * 24 * 60 * 60 * 1000,
    inactiveDurationMs: 7 * 24 * 60 * 60 * 1000,
  },
});

export const { signIn, signOut, store } = convexAuthHelpers;

/**
 * Replaces the library's token-only check (the Next.js proxy asks it before
 * serving console pages): the session must still exist and the user be active.
 */
export const isAuthenticated = query({
  args: {},
  returns: v.boolean(),
  handler: async (ctx) => (await currentSession(ctx)) !== null,
});

export const auth = defineAuth({
  addHttpRoutes: (http) => convexAuthHelpers.auth.addHttpRoutes(http),
  // Server-only SSO hooks (profileResolved, allowLink, beforeProvision, afterProvision): see engine/provision.ts.
  sso: { hooks: {} },
});
