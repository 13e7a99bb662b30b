"use client";

import type { UseQueryResult } from "convex/react";
import { useState } from "react";

/**
 * Keeps showing the last result while a query with new arguments loads (e.g.
 * after flipping a filter), instead of flashing a skeleton.
 */
export function useKeepPrevious<T>(result: UseQueryResult<T>): UseQueryResult<T> {
  const [previous, setPrevious] = useState<{ data: T } | null>(null);
  if (result.status === "success" && previous?.data !== result.data) setPrevious({ data: result.data });
  if (result.status === "pending" && previous) return { status: "success", data: previous.data };
  return result;
}
