"use client";

import { useQuery_experimental, type UseQueryResult } from "convex/react";
import type { FunctionArgs, FunctionReference, FunctionReturnType } from "convex/server";

/**
 * A live query of the setup wizard (api.auth.setup.*), reporting failures
 * instead of throwing them: `{ status: "pending" | "success" | "error" }`.
 * Unlike the console's queries it doesn't wait for a session: the link's
 * token, in the arguments, is the credential.
 */
export function useSetupQuery<Query extends FunctionReference<"query">>(query: Query, args: FunctionArgs<Query>): UseQueryResult<FunctionReturnType<Query>> {
  return useQuery_experimental({ query, args });
}
