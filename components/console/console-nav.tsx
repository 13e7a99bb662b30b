"use client";

import { LayoutDashboard, UserRound, Users, type LucideIcon } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/cn";

const LINKS: ReadonlyArray<{ href: string; label: string; icon: LucideIcon }> = [
  { href: "/dashboard", label: "Dashboard", icon: LayoutDashboard },
  { href: "/settings/members", label: "Members", icon: Users },
  { href: "/settings/account", label: "Account", icon: UserRound },
];

/** The console's sections; the current one is marked for sighted and screen-reader users alike. */
export function ConsoleNav({ className }: { className?: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Console" className={className}>
      <ul className="flex items-center gap-1">
        {LINKS.map(({ href, label, icon: Icon }) => {
          const current = pathname === href || pathname.startsWith(`${href}/`);
          return (
            <li key={href}>
              <Link
                href={href}
                aria-current={current ? "page" : undefined}
                className={cn(
                  "flex h-9 items-center gap-2 rounded-md px-3 text-sm font-medium whitespace-nowrap transition-colors",
                  "focus-visible:ring-ring focus-visible:ring-2 focus-visible:outline-none",
                  current ? "bg-muted text-foreground" : "text-muted-foreground hover:text-foreground hover:bg-muted/60",
                )}
              >
                <Icon aria-hidden className="size-4" />
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
