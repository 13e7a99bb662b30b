"use client";

import { useAuthActions } from "@convex-dev/auth/react";
import { usePathname, useRouter } from "next/navigation";
import { useCallback } from "react";
import { withRedirectTo } from "@/lib/redirect";

/** The sign-in page, coming back to `path` afterwards (the proxy builds the same URL for signed-out visits). */
export function signInHref(path: string): string {
  return withRedirectTo("/sign-in", path);
}

// Several queries fail together when a session ends; one sign-out and redirect is enough.
let leaving: Promise<void> | null = null;

/**
 * For a NOT_SIGNED_IN failure: the session ended while the page was open
 * (signed out on another device, expired). The proxy only sees page loads, so
 * components handle this themselves: drop the stale token first (otherwise the
 * sign-in page, still seeing a token, would send the visitor straight back),
 * then go to sign in and return here.
 */
export function useGoToSignIn(): () => void {
  const router = useRouter();
  const pathname = usePathname();
  const { signOut } = useAuthActions();
  return useCallback(() => {
    leaving ??= signOut()
      .catch(() => undefined)
      .then(() => router.replace(signInHref(pathname)))
      .finally(() => {
        leaving = null;
      });
  }, [router, pathname, signOut]);
}
