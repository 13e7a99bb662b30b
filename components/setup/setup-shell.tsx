import { ShieldCheck } from "lucide-react";
import type { ReactNode } from "react";

/**
 * The frame of the setup wizard: the product's name (no links into the app,
 * whose pages the link's holder can't use) and one column for the steps.
 */
export function SetupShell({ children, aside }: { children: ReactNode; /** Top right, e.g. the link's expiry. */ aside?: ReactNode }) {
  return (
    <div className="bg-muted/40 flex min-h-dvh flex-col">
      <header className="bg-background/90 border-b">
        <div className="mx-auto flex h-14 max-w-5xl items-center justify-between gap-3 px-4 sm:px-6">
          <span className="flex min-w-0 items-center gap-2 font-semibold tracking-tight">
            <ShieldCheck aria-hidden className="text-primary size-5 shrink-0" />
            <span className="truncate">Convex Group SSO</span>
            <span aria-hidden className="text-border text-xl font-light">
              /
            </span>
            <span className="text-muted-foreground truncate font-medium">Set-up</span>
          </span>
          {aside}
        </div>
      </header>
      <main className="mx-auto flex w-full max-w-5xl flex-1 flex-col gap-6 px-4 py-6 sm:gap-8 sm:px-6 sm:py-10">{children}</main>
    </div>
  );
}
