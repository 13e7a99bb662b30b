"use client";

import { useConvexAuth } from "convex/react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { buttonVariants } from "@/components/ui/button";
import { signInHref } from "./sign-in-redirect";

/**
 * Shown when the browser has no session any more (signed out in this tab, or
 * the session could not be refreshed). Page loads never get here signed out:
 * the proxy sends them to sign in first.
 */
export function SignedOutNotice() {
  const { isLoading, isAuthenticated } = useConvexAuth();
  const pathname = usePathname();
  if (isLoading || isAuthenticated) return null;
  return (
    <div role="status" className="bg-accent-subtle text-accent-subtle-foreground border-b">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-2 px-4 py-2 text-sm sm:px-6">
        <p>You are signed out.</p>
        <Link href={signInHref(pathname)} className={buttonVariants({ size: "sm" })}>
          Sign in again
        </Link>
      </div>
    </div>
  );
}
