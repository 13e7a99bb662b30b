"use client";

import { useAuthActions } from "@convex-dev/auth/react";
import { LoaderCircle } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { AuthCard } from "@/components/auth/auth-shell";
import { useFinishSignIn } from "@/components/auth/use-finish-sign-in";
import { DEFAULT_AFTER_SIGN_IN } from "@/lib/redirect";

/** Where a missing, used or expired code sends the visitor (lib/sso-errors.ts has the message). */
const CODE_INVALID_URL = "/sign-in?sso_error=code_invalid";

/**
 * Codes already being exchanged in this tab, with the outcome. A code is
 * single-use: React's development double effects (and any remount) must not
 * spend it twice, so a second caller waits for the first exchange instead.
 */
const exchanges = new Map<string, Promise<boolean>>();

type CompleteSsoSignInProps = {
  /** The one-time `sso_code` from the URL, null when missing. */
  code: string | null;
  /** Already validated (lib/redirect.ts). */
  redirectTo: string | null;
};

/** Trades the SSO hand-off code for a session (`signIn("sso", { code })`), then leaves for `redirectTo`. */
export function CompleteSsoSignIn({ code, redirectTo }: CompleteSsoSignInProps) {
  const { signIn } = useAuthActions();
  const finishSignIn = useFinishSignIn();
  const router = useRouter();

  useEffect(() => {
    if (!code) {
      router.replace(CODE_INVALID_URL);
      return;
    }
    let exchange = exchanges.get(code);
    if (!exchange) {
      exchange = signIn("sso", { code }).then(
        ({ signingIn }) => signingIn,
        () => false,
      );
      exchanges.set(code, exchange);
    }
    let cancelled = false;
    void exchange.then((signedIn) => {
      if (cancelled) return;
      if (signedIn) finishSignIn(redirectTo ?? DEFAULT_AFTER_SIGN_IN);
      else router.replace(CODE_INVALID_URL);
    });
    return () => {
      cancelled = true;
    };
  }, [code, redirectTo, signIn, finishSignIn, router]);

  return (
    <AuthCard
      title="Signing you in…"
      description="Your identity provider confirmed who you are. This takes a moment."
      icon={
        <span className="bg-accent-subtle text-accent-subtle-foreground mb-2 flex size-10 items-center justify-center rounded-full">
          <LoaderCircle aria-hidden className="size-5 animate-spin" />
        </span>
      }
    >
      <p role="status" className="sr-only">
        Signing you in.
      </p>
    </AuthCard>
  );
}
