import type { Metadata } from "next";
import { AuthShell } from "@/components/auth/auth-shell";
import { parseRedirectTo } from "@/lib/redirect";
import { CompleteSsoSignIn } from "./_components/complete-sso-sign-in";

export const metadata: Metadata = {
  title: "Signing in · Convex Group SSO",
  robots: { index: false },
  // The one-time code is in this page's URL: don't hand it to anyone in a Referer header.
  referrer: "no-referrer",
};

type SsoCompletePageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * Where the browser lands after a successful login at the identity provider:
 * `?sso_code=` is a one-time code the client trades for a session, then it
 * goes on to `redirectTo`. Public (the proxy neither guards nor redirects it),
 * as the visitor has no session yet.
 */
export default async function SsoCompletePage({ searchParams }: SsoCompletePageProps) {
  const params = await searchParams;
  const code = typeof params.sso_code === "string" && params.sso_code.length > 0 ? params.sso_code : null;
  return (
    <AuthShell>
      <CompleteSsoSignIn code={code} redirectTo={parseRedirectTo(params.redirectTo)} />
    </AuthShell>
  );
}
