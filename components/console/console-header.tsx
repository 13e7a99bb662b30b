import { ShieldCheck } from "lucide-react";
import Link from "next/link";
import { ConsoleNav } from "./console-nav";
import { GroupSwitcher } from "./group-switcher";
import { UserMenu } from "./user-menu";

/** The console's top bar: product, organization switcher and the signed-in person, with the sections below. */
export function ConsoleHeader() {
  return (
    <header className="bg-background/90 sticky top-0 z-30 border-b backdrop-blur">
      <div className="mx-auto flex h-14 max-w-5xl items-center gap-2 px-4 sm:gap-3 sm:px-6">
        <Link
          href="/dashboard"
          className="focus-visible:ring-ring flex shrink-0 items-center gap-2 rounded-md font-semibold tracking-tight focus-visible:ring-2 focus-visible:outline-none"
        >
          <ShieldCheck aria-hidden className="text-primary size-5" />
          <span className="hidden sm:inline">Convex Group SSO</span>
          <span className="sr-only sm:hidden">Convex Group SSO</span>
        </Link>
        <span aria-hidden className="text-border text-xl font-light">
          /
        </span>
        <GroupSwitcher />
        <div className="ml-auto shrink-0">
          <UserMenu />
        </div>
      </div>
      {/* Sections get a row of their own at every width: six of them don't fit next to the switcher and menu. */}
      <div className="border-t">
        <ConsoleNav className="mx-auto max-w-5xl px-1.5 py-1 sm:px-3" />
      </div>
    </header>
  );
}
