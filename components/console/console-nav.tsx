"use client";

import { KeyRound, LayoutDashboard, ScrollText, SlidersHorizontal, UserRound, Users, type LucideIcon } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState, type CSSProperties, type RefObject } from "react";
import type { Grant } from "@/convex/engine/grants";
import { cn } from "@/lib/cn";
import { hasGrant, useActiveGroup } from "./use-active-group";

type NavLink = { href: string; label: string; icon: LucideIcon; /** Shown only to callers whose role holds it. */ grant?: Grant };

const LINKS: readonly NavLink[] = [
  { href: "/dashboard", label: "Dashboard", icon: LayoutDashboard },
  { href: "/settings/members", label: "Members", icon: Users },
  { href: "/settings/connections", label: "SSO", icon: KeyRound, grant: "connection.read" },
  { href: "/settings/policy", label: "Policy", icon: SlidersHorizontal, grant: "connection.read" },
  { href: "/settings/audit", label: "Audit log", icon: ScrollText, grant: "connection.read" },
  { href: "/settings/account", label: "Account", icon: UserRound },
];

/**
 * The console's sections; the current one is marked for sighted and
 * screen-reader users alike. SSO sections appear only for roles that may read
 * connections (they follow role changes live); the pages check again. On
 * narrow screens the row scrolls sideways, keeping the current section in view.
 */
export function ConsoleNav({ className }: { className?: string }) {
  const pathname = usePathname();
  const group = useActiveGroup();
  const active = group.status === "success" ? group.data : null;
  const links = LINKS.filter(({ grant }) => !grant || (active !== null && hasGrant(active, grant)));
  const list = useRef<HTMLUListElement>(null);
  const overflow = useOverflow(list);

  useEffect(() => {
    const current = list.current?.querySelector<HTMLElement>('[aria-current="page"]');
    const row = list.current?.parentElement;
    if (!current || !row || row.scrollWidth <= row.clientWidth) return;
    // Scroll the row only (scrollIntoView could move the page too).
    const rowBox = row.getBoundingClientRect();
    const box = current.getBoundingClientRect();
    if (box.left < rowBox.left || box.right > rowBox.right) row.scrollBy({ left: box.left - rowBox.left - 16 });
  }, [pathname, links.length]);

  return (
    <nav aria-label="Console" className={cn("overflow-x-auto [scrollbar-width:none]", className)} style={fade(overflow)}>
      <ul ref={list} className="flex w-max items-center gap-1">
        {links.map(({ href, label, icon: Icon }) => {
          const current = pathname === href || pathname.startsWith(`${href}/`);
          return (
            <li key={href}>
              <Link
                href={href}
                aria-current={current ? "page" : undefined}
                className={cn(
                  "flex h-9 items-center gap-2 rounded-md px-2.5 text-sm font-medium whitespace-nowrap transition-colors sm:px-3",
                  "focus-visible:ring-ring focus-visible:ring-2 focus-visible:outline-none focus-visible:ring-inset",
                  current ? "bg-muted text-foreground" : "text-muted-foreground hover:text-foreground hover:bg-muted/60",
                )}
              >
                <Icon aria-hidden className="hidden size-4 sm:block" />
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

type Overflow = { before: boolean; after: boolean };

/** Whether the row has links scrolled out of view on either side (then that edge fades, hinting at more). */
function useOverflow(list: RefObject<HTMLUListElement | null>): Overflow {
  const [overflow, setOverflow] = useState<Overflow>({ before: false, after: false });
  useEffect(() => {
    const row = list.current?.parentElement;
    if (!row) return;
    const update = () => {
      const before = row.scrollLeft > 1;
      const after = row.scrollLeft + row.clientWidth < row.scrollWidth - 1;
      setOverflow((current) => (current.before === before && current.after === after ? current : { before, after }));
    };
    // A ResizeObserver reports once on observe, and again when the width or the links change.
    const observer = new ResizeObserver(update);
    observer.observe(row);
    observer.observe(list.current!);
    row.addEventListener("scroll", update, { passive: true });
    return () => {
      observer.disconnect();
      row.removeEventListener("scroll", update);
    };
  }, [list]);
  return overflow;
}

const FADE = "2.5rem";

function fade({ before, after }: Overflow): CSSProperties | undefined {
  if (!before && !after) return undefined;
  const mask = `linear-gradient(to right, ${before ? `transparent, black ${FADE}` : "black"}, ${after ? `black calc(100% - ${FADE}), transparent` : "black"})`;
  return { maskImage: mask, WebkitMaskImage: mask };
}
