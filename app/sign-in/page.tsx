import type { Metadata } from "next";
import Link from "next/link";
import { AuthFooter, AuthShell, inlineLinkClass } from "@/components/auth/auth-shell";
import { parseRedirectTo, withRedirectTo } from "@/lib/redirect";
import { ssoErrorMessage } from "@/lib/sso-errors";
import { SignInFlow } from "./_components/sign-in-flow";

export const metadata: Metadata = { title: "Sign in · Convex Group SSO" };

type SignInPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ searchParams }: SignInPageProps) {
  const params = await searchParams;
  const redirectTo = parseRedirectTo(params.redirectTo);
  // A failed SSO sign-in comes back here with a code; unknown codes show nothing.
  const ssoError = ssoErrorMessage(params.sso_error);
  return (
    <AuthShell>
      <SignInFlow redirectTo={redirectTo} ssoError={ssoError} />
      <AuthFooter>
        No account yet?{" "}
        <Link href={withRedirectTo("/sign-up", redirectTo)} className={inlineLinkClass}>
          Create one
        </Link>
      </AuthFooter>
    </AuthShell>
  );
}
