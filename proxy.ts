import {
  convexAuthNextjsMiddleware,
  createRouteMatcher,
  nextjsMiddlewareRedirect,
} from "@convex-dev/auth/nextjs/server";
import type { NextFetchEvent, NextRequest } from "next/server";
import { safeRedirect, withRedirectTo } from "@/lib/redirect";
import { withAttestedClientIp } from "@/lib/server/client-ip";

/**
 * Sessions for the Next.js side (Next 16 calls middleware "proxy").
 *
 * @convex-dev/auth's middleware serves `POST /api/auth` (sign-in and sign-out
 * are proxied to Convex, so the refresh token lives only in an httpOnly
 * cookie), refreshes the short-lived session JWT in that cookie before it
 * expires, and then hands over to the handler below, which only decides where
 * people may go. It is not the security boundary: every Convex function checks
 * the session itself. Password sign-ins first get the browser's IP address,
 * signed, for Convex's per-IP rate limits (lib/server/client-ip.ts).
 */
const isProtectedPage = createRouteMatcher(["/dashboard", "/onboarding", "/settings(.*)"]);
const isAuthPage = createRouteMatcher(["/sign-in", "/sign-up"]);

const sessions = convexAuthNextjsMiddleware(async (request, { convexAuth }) => {
  // Only page loads are redirected. Server actions (POST) keep their URL: the
  // auth library calls one on the current page right after signing in or out,
  // and a redirect would break its response.
  if (request.method !== "GET" && request.method !== "HEAD") return;

  const protectedPage = isProtectedPage(request);
  const authPage = isAuthPage(request);
  if (!protectedPage && !authPage) return;

  // The context's check (rather than `isAuthenticatedNextjs()`) sees a token
  // the middleware refreshed for this very request.
  const signedIn = await convexAuth.isAuthenticated();
  if (protectedPage && !signedIn) {
    const { pathname, search } = request.nextUrl;
    return nextjsMiddlewareRedirect(request, withRedirectTo("/sign-in", `${pathname}${search}`));
  }
  if (authPage && signedIn) {
    return nextjsMiddlewareRedirect(request, safeRedirect(request.nextUrl.searchParams.get("redirectTo")));
  }
});

export default async function proxy(request: NextRequest, event: NextFetchEvent) {
  return await sessions(await withAttestedClientIp(request), event);
}

export const config = {
  // Every page and /api (the auth route), but not Next's assets or files with an extension.
  matcher: ["/((?!.*\\..*|_next).*)", "/", "/(api|trpc)(.*)"],
};
