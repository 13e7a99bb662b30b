import type { Metadata } from "next";
import Link from "next/link";
import { AuthFooter, AuthShell, inlineLinkClass } from "@/components/auth/auth-shell";
import { parseRedirectTo, withRedirectTo } from "@/lib/redirect";
import { SignInFlow } from "./_components/sign-in-flow";

export const metadata: Metadata = { title: "Sign in · Convex Group SSO" };

type SignInPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ searchParams }: SignInPageProps) {
  const redirectTo = parseRedirectTo((await searchParams).redirectTo);
  return (
    <AuthShell>
      <SignInFlow redirectTo={redirectTo} />
      <AuthFooter>
        No account yet?{" "}
        <Link href={withRedirectTo("/sign-up", redirectTo)} className={inlineLinkClass}>
          Create one
        </Link>
      </AuthFooter>
    </AuthShell>
  );
}
