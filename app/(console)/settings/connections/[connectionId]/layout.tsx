import type { ReactNode } from "react";
import { api } from "@/convex/_generated/api";
import { preloadForConsole } from "../../../_lib/preload";
import { ConnectionShell } from "./_components/connection-shell";
import { preloadConnection } from "./_components/load-connection";

type ConnectionLayoutProps = { children: ReactNode; params: Promise<{ connectionId: string }> };

/**
 * Every page of one connection (Overview, Domains, Webhooks): its header and
 * tabs, and the "not found or no access" state in place of the pages when the
 * connection can't be read.
 */
export default async function ConnectionLayout({ children, params }: ConnectionLayoutProps) {
  const { connectionId } = await params;
  const [preloadedGroup, preloadedConnection] = await Promise.all([
    preloadForConsole(api.groups.active, {}),
    preloadConnection(connectionId),
  ]);
  return (
    <ConnectionShell connectionId={connectionId} preloadedGroup={preloadedGroup} preloadedConnection={preloadedConnection}>
      {children}
    </ConnectionShell>
  );
}
