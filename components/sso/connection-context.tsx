"use client";

import { createContext, useContext, type ReactNode } from "react";
import type { ActiveGroup } from "@/components/console/use-active-group";
import type { Connection } from "./types";

/**
 * What the connection layout (`/settings/connections/[connectionId]`) has
 * loaded, for the pages inside it: the live connection and the organization it
 * belongs to, with the caller's grants there. The layout renders its pages only
 * once both are there and the caller may read the connection.
 */
export interface ConnectionContextValue {
  connection: Connection;
  group: ActiveGroup;
  /**
   * Call before deleting the connection: once it is gone, the layout shows
   * "deleted" instead of "not found". `false` undoes it after a failure.
   */
  setDeleting: (deleting: boolean) => void;
}

const ConnectionContext = createContext<ConnectionContextValue | null>(null);

export function ConnectionProvider({ value, children }: { value: ConnectionContextValue; children: ReactNode }) {
  return <ConnectionContext.Provider value={value}>{children}</ConnectionContext.Provider>;
}

/** The connection of the page's layout. Only for components rendered inside it. */
export function useConnectionContext(): ConnectionContextValue {
  const value = useContext(ConnectionContext);
  if (!value) throw new Error("useConnectionContext() is for pages under /settings/connections/[connectionId].");
  return value;
}
