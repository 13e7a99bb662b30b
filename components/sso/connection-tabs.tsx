"use client";

import { Globe, LayoutList, Webhook, type LucideIcon } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/cn";
import { connectionHref } from "./labels";

const TABS: ReadonlyArray<{ tab?: "domains" | "webhooks"; label: string; icon: LucideIcon }> = [
  { label: "Overview", icon: LayoutList },
  { tab: "domains", label: "Domains", icon: Globe },
  { tab: "webhooks", label: "Webhooks", icon: Webhook },
];

/**
 * A connection's sections: Overview, Domains, Webhooks. Links (each tab is a
 * page of its own), so the current one is `aria-current="page"` rather than an
 * ARIA tab; on narrow screens the row scrolls sideways.
 */
export function ConnectionTabs({ connectionId, className }: { connectionId: string; className?: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Connection" className={cn("-mx-4 overflow-x-auto border-b px-4 sm:mx-0 sm:px-0", className)}>
      <ul className="flex items-center gap-1">
        {TABS.map(({ tab, label, icon: Icon }) => {
          const href = connectionHref(connectionId, tab);
          const current = tab ? pathname === href || pathname.startsWith(`${href}/`) : pathname === href;
          return (
            <li key={label}>
              <Link
                href={href}
                aria-current={current ? "page" : undefined}
                className={cn(
                  "-mb-px flex h-10 items-center gap-2 border-b-2 px-3 text-sm font-medium whitespace-nowrap transition-colors",
                  "focus-visible:ring-ring rounded-t-md focus-visible:ring-2 focus-visible:outline-none focus-visible:ring-inset",
                  current
                    ? "border-primary text-foreground"
                    : "text-muted-foreground hover:text-foreground hover:border-border border-transparent",
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
