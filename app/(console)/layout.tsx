import type { ReactNode } from "react";
import { ConsoleHeader } from "@/components/console/console-header";
import { SignedOutNotice } from "@/components/console/signed-out-notice";

/**
 * The signed-in console. Not an auth guard: proxy.ts redirects signed-out
 * page loads, every Convex function checks the session, and the console's
 * components send NOT_SIGNED_IN failures to the sign-in page.
 */
export default function ConsoleLayout({ children }: { children: ReactNode }) {
  return (
    <div className="bg-muted/40 flex min-h-dvh flex-col">
      <ConsoleHeader />
      <SignedOutNotice />
      <main className="mx-auto flex w-full max-w-5xl flex-1 flex-col gap-6 px-4 py-6 sm:gap-8 sm:px-6 sm:py-10">{children}</main>
    </div>
  );
}
