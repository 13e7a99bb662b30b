"use client";

import type { ComponentProps } from "react";
import { useHydrated } from "@/lib/use-hydrated";

/**
 * A form whose fields stay disabled until React has hydrated the page.
 * Before that, typing would be wiped by hydration and Enter would submit the
 * form natively; `method="post"` keeps even that out of the URL (no password
 * in a query string).
 */
export function Form({ children, disabled = false, ...props }: ComponentProps<"form"> & { disabled?: boolean }) {
  const hydrated = useHydrated();
  return (
    <form method="post" noValidate {...props}>
      <fieldset disabled={disabled || !hydrated} className="contents">
        {children}
      </fieldset>
    </form>
  );
}
