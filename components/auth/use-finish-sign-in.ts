"use client";

import { useRouter } from "next/navigation";
import { useCallback } from "react";

/**
 * Leaves a sign-in or sign-up page once the session cookie is set. `replace`
 * keeps the form out of the history; `refresh` makes server components render
 * again with the cookie rather than from the signed-out router cache.
 * `to` must already be validated (lib/redirect.ts).
 */
export function useFinishSignIn(): (to: string) => void {
  const router = useRouter();
  return useCallback(
    (to: string) => {
      router.replace(to);
      router.refresh();
    },
    [router],
  );
}
