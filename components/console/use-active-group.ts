"use client";

import type { Grant } from "@/convex/engine/grants";
import { api } from "@/convex/_generated/api";
import type { FunctionReturnType } from "convex/server";
import { useConsoleQuery } from "./use-console-query";

export type ActiveGroup = NonNullable<FunctionReturnType<typeof api.groups.active>>;

/** The group the console shows, with the caller's role and grants; `data: null` when they have none. */
export function useActiveGroup() {
  return useConsoleQuery(api.groups.active, {});
}

/**
 * Whether the caller's role in the group holds `grant`. For hiding controls
 * only: every function checks the grant again on the server.
 */
export function hasGrant(group: Pick<ActiveGroup, "grants">, grant: Grant): boolean {
  return group.grants.includes(grant);
}
