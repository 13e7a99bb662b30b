"use client";

import { useMutation } from "convex/react";
import { Building2, Check, ChevronsUpDown, LoaderCircle, Plus } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useId, useRef, useState } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { cn } from "@/lib/cn";
import { FormMessage } from "./form-message";
import { ROLE_LABELS } from "./role-badge";
import { Skeleton } from "./skeleton";
import { useActiveGroup } from "./use-active-group";
import { useConsoleAction } from "./use-action-state";
import { useConsoleQuery } from "./use-console-query";
import { useDismiss } from "./use-dismiss";

/** The organization picker in the top bar: the caller's groups, the active one checked, and "Create organization". */
export function GroupSwitcher() {
  const groups = useConsoleQuery(api.groups.mine, {});
  const active = useActiveGroup();
  const setActive = useMutation(api.groups.setActive);
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [switchingTo, setSwitchingTo] = useState<Id<"groups"> | null>(null);
  const { error, run, reset } = useConsoleAction();
  const panelId = useId();
  const container = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useDismiss(open, close, container, trigger);

  if (active.status === "pending" || groups.status === "pending") {
    return <Skeleton className="h-8 w-32 sm:w-40" />;
  }
  const activeGroupId = active.status === "success" ? active.data?.groupId : undefined;
  const activeName = active.status === "success" ? (active.data?.name ?? "No organization") : "Organization";

  async function switchTo(groupId: Id<"groups">) {
    if (groupId === activeGroupId) return setOpen(false);
    setSwitchingTo(groupId);
    const outcome = await run(() => setActive({ groupId }));
    setSwitchingTo(null);
    if (outcome.ok) {
      setOpen(false);
      // Server components (preloaded pages) follow the new active group too.
      router.refresh();
    }
  }

  return (
    <div ref={container} className="relative min-w-0">
      <button
        ref={trigger}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => {
          reset();
          setOpen((current) => !current);
        }}
        className={cn(
          "hover:bg-muted flex h-9 max-w-full min-w-0 items-center gap-2 rounded-md px-2 text-sm font-medium transition-colors",
          "focus-visible:ring-ring focus-visible:ring-2 focus-visible:outline-none",
        )}
      >
        <Building2 aria-hidden className="text-muted-foreground size-4 shrink-0" />
        <span className="sr-only">Switch organization, current:</span>
        <span className="max-w-[9rem] truncate sm:max-w-[14rem]">{activeName}</span>
        <ChevronsUpDown aria-hidden className="text-muted-foreground size-4 shrink-0" />
      </button>

      {open && (
        <div
          id={panelId}
          className="bg-card absolute top-full left-0 z-40 mt-1 w-72 max-w-[calc(100vw-2rem)] rounded-lg border p-1 shadow-lg"
        >
          <p id={`${panelId}-label`} className="text-muted-foreground px-2 pt-1.5 pb-1 text-xs font-medium">
            Organizations
          </p>
          {groups.status === "error" ? (
            <FormMessage tone="error" className="px-2 py-1.5">
              Couldn&apos;t load your organizations.
            </FormMessage>
          ) : (
            <ul aria-labelledby={`${panelId}-label`} className="grid gap-0.5">
              {groups.data.map((group) => {
                const isActive = group.groupId === activeGroupId;
                return (
                  <li key={group.groupId}>
                    <button
                      type="button"
                      aria-current={isActive ? "true" : undefined}
                      disabled={switchingTo !== null}
                      onClick={() => switchTo(group.groupId)}
                      className={cn(
                        "hover:bg-muted flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-left text-sm transition-colors",
                        "focus-visible:ring-ring focus-visible:ring-2 focus-visible:outline-none disabled:opacity-60",
                        isActive && "font-medium",
                      )}
                    >
                      <span className="min-w-0 flex-1 truncate">{group.name}</span>
                      <span className="text-muted-foreground text-xs">{ROLE_LABELS[group.role]}</span>
                      {switchingTo === group.groupId ? (
                        <LoaderCircle aria-hidden className="size-4 animate-spin" />
                      ) : (
                        <Check aria-hidden className={cn("text-primary size-4", !isActive && "invisible")} />
                      )}
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
          {error && (
            <FormMessage tone="error" className="px-2 py-1.5">
              {error.message}
            </FormMessage>
          )}
          <div className="my-1 border-t" />
          <Link
            href="/onboarding"
            onClick={close}
            className={cn(
              "hover:bg-muted flex items-center gap-2 rounded-md px-2 py-1.5 text-sm transition-colors",
              "focus-visible:ring-ring focus-visible:ring-2 focus-visible:outline-none",
            )}
          >
            <Plus aria-hidden className="text-muted-foreground size-4" />
            Create organization
          </Link>
        </div>
      )}
    </div>
  );
}
