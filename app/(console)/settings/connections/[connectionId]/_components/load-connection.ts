import "server-only";
import { preloadedQueryResult } from "convex/nextjs";
import { cache } from "react";
import { api } from "@/convex/_generated/api";
import { preloadForConsole } from "../../../../_lib/preload";

/**
 * The connection, preloaded as the signed-in person, once per request: the
 * layout, the pages' metadata and the pages share it. `null` when there is no
 * session or the backend refuses (an unknown id, no access): the client shell
 * then shows why.
 */
export const preloadConnection = cache((connectionId: string) =>
  preloadForConsole(api.auth.group.getConnection, { id: connectionId }),
);

/** "<name> · <section>" for a page title, or just the section when the connection can't be read. */
export async function connectionTitle(connectionId: string, section?: string): Promise<string> {
  const preloaded = await preloadConnection(connectionId);
  const name = preloaded ? preloadedQueryResult(preloaded).name : null;
  return [section, name ?? "SSO connection", "Convex Group SSO"].filter(Boolean).join(" · ");
}
