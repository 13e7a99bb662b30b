"use client";

import { useAuthActions } from "@convex-dev/auth/react";
import { LoaderCircle, LogOut } from "lucide-react";
import { useRouter } from "next/navigation";
import { useCallback, useState, useTransition, type ComponentProps } from "react";
import { Button } from "@/components/ui/button";
import { safeRedirect } from "@/lib/redirect";

/**
 * Signing out, for a custom control (e.g. a menu item): ends this device's
 * session (the server deletes it and the proxy clears the cookies), then
 * leaves for `redirectTo` (a path on this site, the home page by default) and
 * re-renders the server components as signed out. `pending` covers both.
 */
export function useSignOut(redirectTo = "/"): { signOut: () => Promise<void>; pending: boolean } {
  const { signOut: endSession } = useAuthActions();
  const router = useRouter();
  const [signingOut, setSigningOut] = useState(false);
  const [navigating, startNavigation] = useTransition();

  const signOut = useCallback(async () => {
    setSigningOut(true);
    try {
      // The library swallows network and server errors here: this device is signed out either way.
      await endSession();
    } finally {
      setSigningOut(false);
    }
    startNavigation(() => {
      router.replace(safeRedirect(redirectTo, "/"));
      router.refresh();
    });
  }, [endSession, redirectTo, router]);

  return { signOut, pending: signingOut || navigating };
}

type SignOutButtonProps = Omit<ComponentProps<typeof Button>, "onClick"> & {
  /** Where to go afterwards (a path on this site); the home page by default. */
  redirectTo?: string;
};

/** A "Sign out" button; style it like any Button (variant, size, className; children replace the label). */
export function SignOutButton({ redirectTo, children, disabled, variant = "outline", ...buttonProps }: SignOutButtonProps) {
  const { signOut, pending } = useSignOut(redirectTo);
  return (
    <Button
      variant={variant}
      {...buttonProps}
      onClick={() => void signOut()}
      disabled={disabled || pending}
      aria-busy={pending || undefined}
    >
      {pending ? <LoaderCircle aria-hidden className="animate-spin" /> : <LogOut aria-hidden />}
      {children ?? "Sign out"}
    </Button>
  );
}
