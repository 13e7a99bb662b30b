import Link from "next/link";
import { ShieldCheck } from "lucide-react";
import { buttonVariants } from "@/components/ui/button";

export function SiteHeader() {
  return (
    <header className="bg-background/80 sticky top-0 z-10 border-b backdrop-blur">
      <div className="mx-auto flex h-14 max-w-6xl items-center justify-between px-4 sm:px-6">
        <span className="flex items-center gap-2 font-semibold tracking-tight">
          <ShieldCheck aria-hidden className="text-primary size-5" />
          Convex Group SSO
        </span>
        {/* Placeholder: the sign-in flow is built in a later issue. */}
        <Link href="/sign-in" className={buttonVariants({ variant: "outline", size: "sm" })}>
          Sign in
        </Link>
      </div>
    </header>
  );
}
