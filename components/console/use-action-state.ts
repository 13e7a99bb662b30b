"use client";

import { useCallback, useState } from "react";
import { appError } from "@/lib/errors";
import { useGoToSignIn } from "./sign-in-redirect";

export type ActionOutcome<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

/**
 * Runs a mutation for a button or form: tracks `pending`, keeps the failure's
 * message (from the server's `{ code, message }`) for display next to the
 * control, and sends NOT_SIGNED_IN to the sign-in page.
 */
export function useConsoleAction() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<{ code: string; message: string } | null>(null);
  const goToSignIn = useGoToSignIn();

  const run = useCallback(
    async <T,>(action: () => Promise<T>): Promise<ActionOutcome<T>> => {
      setPending(true);
      setError(null);
      try {
        return { ok: true, value: await action() };
      } catch (cause) {
        const { code, message } = appError(cause);
        if (code === "NOT_SIGNED_IN") goToSignIn();
        setError({ code, message });
        return { ok: false, code, message };
      } finally {
        setPending(false);
      }
    },
    [goToSignIn],
  );

  const reset = useCallback(() => setError(null), []);
  return { pending, error, run, reset };
}
