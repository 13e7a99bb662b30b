import "server-only";
import { preloadQuery } from "convex/nextjs";
import type { Preloaded } from "convex/react";
import type { FunctionArgs, FunctionReference } from "convex/server";
import { appError } from "@/lib/errors";
import { getSessionToken } from "@/lib/server/session";

/**
 * Server-side first paint for a console page: the query's result as the
 * signed-in person, for `useConsoleQuery(query, args, preloaded)`.
 *
 * `null` when there is no session token or the backend refuses it with one of
 * its own errors (e.g. NOT_SIGNED_IN for a session ended elsewhere): the
 * client component then loads the data itself and handles the failure, so a
 * stale token never breaks the page render.
 */
export async function preloadForConsole<Query extends FunctionReference<"query">>(
  query: Query,
  args: FunctionArgs<Query>,
): Promise<Preloaded<Query> | null> {
  const token = await getSessionToken();
  if (!token) return null;
  try {
    return await preloadQuery(query, args, { token });
  } catch (error) {
    if (appError(error).code !== "UNKNOWN") return null;
    throw error;
  }
}
