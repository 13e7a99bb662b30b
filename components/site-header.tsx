import Link from "next/link";
import { ShieldCheck } from "lucide-react";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { buttonVariants } from "@/components/ui/button";
import { getSessionToken } from "@/lib/server/session";

export async function SiteHeader() {
  // The cookie is enough to pick the buttons; the console checks the session itself.
  const signedIn = Boolean(await getSessionToken());
  return (
    <header className="bg-background/80 sticky top-0 z-10 border-b backdrop-blur">
      <div className="mx-auto flex h-14 max-w-6xl items-center justify-between gap-4 px-4 sm:px-6">
        <span className="flex min-w-0 items-center gap-2 font-semibold tracking-tight">
          <ShieldCheck aria-hidden className="text-primary size-5 shrink-0" />
          <span className="truncate">Convex Group SSO</span>
        </span>
        {signedIn ? (
          <div className="flex items-center gap-2">
            <Link href="/dashboard" className={buttonVariants({ size: "sm" })}>
              Dashboard
            </Link>
            <SignOutButton size="sm" />
          </div>
        ) : (
          <div className="flex items-center gap-2">
            <Link href="/sign-in" className={buttonVariants({ variant: "outline", size: "sm" })}>
              Sign in
            </Link>
            <Link href="/sign-up" className={buttonVariants({ size: "sm", className: "hidden sm:inline-flex" })}>
              Create account
            </Link>
          </div>
        )}
      </div>
    </header>
  );
}
