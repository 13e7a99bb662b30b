import type { Metadata } from "next";
import Link from "next/link";
import { AuthFooter, AuthShell, inlineLinkClass } from "@/components/auth/auth-shell";
import { parseRedirectTo, withRedirectTo } from "@/lib/redirect";
import { SignUpFlow } from "./_components/sign-up-flow";

export const metadata: Metadata = { title: "Create an account · Convex Group SSO" };

type SignUpPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignUpPage({ searchParams }: SignUpPageProps) {
  const redirectTo = parseRedirectTo((await searchParams).redirectTo);
  return (
    <AuthShell>
      <SignUpFlow redirectTo={redirectTo} />
      <AuthFooter>
        Already have an account?{" "}
        <Link href={withRedirectTo("/sign-in", redirectTo)} className={inlineLinkClass}>
          Sign in
        </Link>
      </AuthFooter>
    </AuthShell>
  );
}
