"use client";

import { ChevronDown, UserRound } from "lucide-react";
import Link from "next/link";
import { useCallback, useId, useRef, useState } from "react";
import { api } from "@/convex/_generated/api";
import { cn } from "@/lib/cn";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { ghostButton } from "./button-styles";
import { Skeleton } from "./skeleton";
import { useConsoleQuery } from "./use-console-query";
import { useDismiss } from "./use-dismiss";

/** The signed-in person in the top bar: name and email, a link to their account, and signing out. */
export function UserMenu() {
  const viewer = useConsoleQuery(api.users.viewer, {});
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const container = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useDismiss(open, close, container, trigger);

  if (viewer.status === "pending") return <Skeleton className="size-9 rounded-full sm:w-36" />;
  const person = viewer.status === "success" ? viewer.data : null;
  const name = person?.name ?? person?.email ?? "Account";

  return (
    <div ref={container} className="relative">
      <button
        ref={trigger}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((current) => !current)}
        className={cn(
          "hover:bg-muted flex h-9 items-center gap-2 rounded-full py-1 pr-1 pl-1 text-sm transition-colors sm:rounded-md sm:pr-2",
          "focus-visible:ring-ring focus-visible:ring-2 focus-visible:outline-none",
        )}
      >
        <span
          aria-hidden
          className="bg-accent-subtle text-accent-subtle-foreground flex size-7 items-center justify-center rounded-full text-xs font-semibold uppercase"
        >
          {person ? name.charAt(0) : <UserRound className="size-4" />}
        </span>
        <span className="sr-only">Account menu for</span>
        <span className="hidden max-w-[10rem] truncate font-medium sm:inline">{name}</span>
        <span className="sr-only sm:hidden">{name}</span>
        <ChevronDown aria-hidden className="text-muted-foreground hidden size-4 sm:block" />
      </button>

      {open && (
        <div id={panelId} className="bg-card absolute top-full right-0 z-40 mt-1 w-64 rounded-lg border p-1 shadow-lg">
          <div className="px-2 py-2">
            <p className="truncate text-sm font-medium" data-testid="viewer-name">
              {person?.name ?? "Signed in"}
            </p>
            {person?.email && (
              <p className="text-muted-foreground truncate text-xs" data-testid="viewer-email">
                {person.email}
              </p>
            )}
          </div>
          <div className="my-1 border-t" />
          <Link
            href="/settings/account"
            onClick={close}
            className={cn(
              "hover:bg-muted flex items-center gap-2 rounded-md px-2 py-1.5 text-sm transition-colors",
              "focus-visible:ring-ring focus-visible:ring-2 focus-visible:outline-none",
            )}
          >
            <UserRound aria-hidden className="text-muted-foreground size-4" />
            Account settings
          </Link>
          <div>
            <SignOutButton size="sm" className={cn(ghostButton, "w-full justify-start px-2 font-normal")} />
          </div>
        </div>
      )}
    </div>
  );
}
