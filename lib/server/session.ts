import "server-only";
import { convexAuthNextjsToken } from "@convex-dev/auth/nextjs/server";
import { redirect } from "next/navigation";
import { withRedirectTo } from "@/lib/redirect";

/**
 * The signed-in person's Convex session token (a short-lived JWT) from the
 * httpOnly cookie, for server components, server actions and route handlers:
 *
 *   const token = await getSessionToken();
 *   const preloaded = await preloadQuery(api.groups.mine, {}, { token });
 *
 * `undefined` when signed out. proxy.ts refreshes the token before the page
 * renders, so it is fresh here. Having a token does not prove the session
 * still exists; the Convex functions check that on every call.
 */
export async function getSessionToken(): Promise<string | undefined> {
  return await convexAuthNextjsToken();
}

/**
 * The session token, or a redirect to sign-in that comes back to `returnTo`
 * (the current page's path and query). proxy.ts already does this for the
 * console's routes; use it where a page is not covered there.
 */
export async function requireSessionToken(returnTo: string): Promise<string> {
  const token = await getSessionToken();
  if (!token) redirect(withRedirectTo("/sign-in", returnTo));
  return token;
}
