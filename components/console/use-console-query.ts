"use client";

import { useConvexAuth, useQuery_experimental, type Preloaded, type UseQueryResult } from "convex/react";
import type { FunctionArgs, FunctionReference, FunctionReturnType } from "convex/server";
import { jsonToConvex } from "convex/values";
import { useEffect, useMemo } from "react";
import { appError } from "@/lib/errors";
import { useGoToSignIn } from "./sign-in-redirect";

/** How long a NOT_SIGNED_IN failure may last before it counts as "the session ended elsewhere". */
const SIGN_OUT_GRACE_MS = 1_500;

/**
 * A live query for the console that reports failures instead of throwing
 * them: `{ status: "pending" | "success" | "error" }`.
 *
 * - It waits for the client to be authenticated (after signing out it pauses
 *   rather than failing, so the sign-out flow is not raced by errors).
 * - `preloaded` (from the server page's `preloadQuery` with the session
 *   token) stands in until the live result arrives, so the first paint has data.
 * - A lasting NOT_SIGNED_IN failure sends the visitor to sign in; other errors
 *   are the caller's to show (usually with <QueryError>).
 */
export function useConsoleQuery<Query extends FunctionReference<"query">>(
  query: Query,
  args: FunctionArgs<Query> | "skip",
  preloaded?: Preloaded<Query> | null,
): UseQueryResult<FunctionReturnType<Query>> {
  const { isAuthenticated } = useConvexAuth();
  const result = useQuery_experimental({ query, args: isAuthenticated ? args : "skip" });
  // Like usePreloadedQuery (which throws on errors): `_valueJSON` holds Convex JSON, typed as a string.
  const initial = useMemo(
    () => (preloaded ? (jsonToConvex(preloaded._valueJSON) as FunctionReturnType<Query>) : undefined),
    [preloaded],
  );

  const signedOut = result.status === "error" && appError(result.error).code === "NOT_SIGNED_IN";
  const goToSignIn = useGoToSignIn();
  useEffect(() => {
    if (!signedOut) return;
    // Signing out in this tab ends the session on the server a moment before the client drops its token, so
    // queries fail first. That flow navigates by itself: once the client is signed out this query is skipped,
    // `signedOut` turns false and the timer is cancelled. Only a session that ended elsewhere gets here.
    const timer = setTimeout(goToSignIn, SIGN_OUT_GRACE_MS);
    return () => clearTimeout(timer);
  }, [signedOut, goToSignIn]);

  if (result.status === "pending" && initial !== undefined && args !== "skip") return { status: "success", data: initial };
  return result;
}
