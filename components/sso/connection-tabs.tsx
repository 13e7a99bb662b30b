"use client";

import { FileKey2, Globe, LayoutList, LockKeyhole, UsersRound, Webhook, type LucideIcon } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/cn";
import { connectionHref } from "./labels";
import type { Protocol } from "./types";

type Tab = {
  /** The path segment under the connection; none for the overview. */
  segment?: "oidc" | "saml" | "domains" | "scim" | "webhooks";
  label: string;
  icon: LucideIcon;
  /** Only for connections of this protocol. */
  protocol?: Protocol;
  /** Other sections that count as this tab (test sign-ins belong to the protocol's set-up). */
  alsoCurrentUnder?: readonly string[];
};

const TABS: readonly Tab[] = [
  { label: "Overview", icon: LayoutList },
  { segment: "oidc", label: "OpenID Connect", icon: LockKeyhole, protocol: "oidc", alsoCurrentUnder: ["test"] },
  { segment: "saml", label: "SAML", icon: FileKey2, protocol: "saml", alsoCurrentUnder: ["test"] },
  { segment: "domains", label: "Domains", icon: Globe },
  { segment: "scim", label: "SCIM", icon: UsersRound },
  { segment: "webhooks", label: "Webhooks", icon: Webhook },
];

/**
 * A connection's sections: Overview, its protocol's set-up (OpenID Connect
 * or SAML), Domains, Webhooks. Links (each tab is a page of
 * its own), so the current one is `aria-current="page"` rather than an ARIA
 * tab; on narrow screens the row scrolls sideways.
 */
export function ConnectionTabs({ connectionId, protocol, className }: { connectionId: string; protocol: Protocol; className?: string }) {
  const pathname = usePathname();
  const base = connectionHref(connectionId);
  const tabs = TABS.filter((tab) => !tab.protocol || tab.protocol === protocol);
  return (
    <nav aria-label="Connection" className={cn("-mx-4 overflow-x-auto border-b px-4 sm:mx-0 sm:px-0", className)}>
      <ul className="flex items-center gap-1">
        {tabs.map(({ segment, label, icon: Icon, alsoCurrentUnder = [] }) => {
          const href = segment ? `${base}/${segment}` : base;
          const under = (path: string) => pathname === path || pathname.startsWith(`${path}/`);
          const current = segment
            ? under(href) || alsoCurrentUnder.some((other) => under(`${base}/${other}`))
            : pathname === href;
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
