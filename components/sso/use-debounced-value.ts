"use client";

import { useEffect, useState } from "react";

/** `value` once it has stopped changing for `delayMs` (e.g. to check what someone types without a query per key). */
export function useDebouncedValue<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}
