import { ShieldCheck } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { cn } from "@/lib/cn";

/** The frame of the signed-out pages (sign-in, sign-up, invitations): the brand and one centred column. */
export function AuthShell({ children }: { children: ReactNode }) {
  return (
    <div className="bg-muted/40 flex min-h-dvh flex-col">
      <header className="mx-auto flex h-14 w-full max-w-6xl items-center px-4 sm:px-6">
        <Link
          href="/"
          className="focus-visible:ring-ring flex items-center gap-2 rounded-md font-semibold tracking-tight focus-visible:ring-2 focus-visible:outline-none"
        >
          <ShieldCheck aria-hidden className="text-primary size-5" />
          Convex Group SSO
        </Link>
      </header>
      <main className="flex flex-1 justify-center px-4 pt-8 pb-16 sm:items-center sm:pt-0 sm:pb-24">
        <div className="flex w-full max-w-sm flex-col gap-6">{children}</div>
      </main>
    </div>
  );
}

type AuthCardProps = {
  title: ReactNode;
  description?: ReactNode;
  /** Shown above the title, e.g. an icon for a result page. */
  icon?: ReactNode;
  children?: ReactNode;
  className?: string;
};

/** One step of a signed-out flow: its heading (the page's h1), a short explanation and the form. */
export function AuthCard({ title, description, icon, children, className }: AuthCardProps) {
  return (
    <Card className={cn("flex flex-col gap-6 p-6 sm:p-8", className)}>
      <div className="flex flex-col gap-2">
        {icon}
        <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
        {description && <div className="text-muted-foreground text-sm text-pretty">{description}</div>}
      </div>
      {children}
    </Card>
  );
}

/** The line under the card ("No account yet? Create one"). */
export function AuthFooter({ children }: { children: ReactNode }) {
  return <p className="text-muted-foreground text-center text-sm">{children}</p>;
}

export const inlineLinkClass =
  "text-primary font-medium underline-offset-4 hover:underline focus-visible:ring-ring rounded-sm focus-visible:ring-2 focus-visible:outline-none disabled:pointer-events-none disabled:opacity-50";

/** A secondary action that reads as a link ("Use a different email", "Send a new code"). */
export const textButtonClass =
  "text-muted-foreground hover:text-foreground focus-visible:ring-ring inline-flex items-center gap-1.5 rounded-sm font-medium transition-colors focus-visible:ring-2 focus-visible:outline-none disabled:pointer-events-none disabled:opacity-50";
