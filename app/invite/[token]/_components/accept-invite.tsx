"use client";

import { useConvexAuth, useMutation } from "convex/react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { FormAlert } from "@/components/auth/form-alert";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { SubmitButton } from "@/components/auth/submit-button";
import { api } from "@/convex/_generated/api";
import { appError, type AppError } from "@/lib/errors";
import { Form } from "@/components/ui/form";

type AcceptInviteProps = {
  token: string;
  invitedEmail: string;
  viewerEmail: string | null;
  /** This page, to come back to after signing out (and in with the invited address). */
  returnTo: string;
};

/** The signed-in side of an invitation: accept it, or switch to the account it was sent to. */
export function AcceptInvite({ token, invitedEmail, viewerEmail, returnTo }: AcceptInviteProps) {
  const accept = useMutation(api.invites.accept);
  // The session token reaches the Convex client just after hydration; accepting before that would be anonymous.
  const { isAuthenticated, isLoading } = useConvexAuth();
  const router = useRouter();
  const [error, setError] = useState<AppError | null>(null);
  const [accepting, setAccepting] = useState(false);
  const [navigating, startNavigation] = useTransition();
  const pending = accepting || navigating;
  // The server compares addresses the same way (trimmed, lower-case) and would refuse.
  const otherAddress = (viewerEmail ?? "").trim().toLowerCase() !== invitedEmail.trim().toLowerCase();
  const viewer = <strong className="text-foreground font-medium break-words">{viewerEmail ?? "an account without an email address"}</strong>;

  async function handleAccept() {
    setError(null);
    setAccepting(true);
    try {
      await accept({ token });
      startNavigation(() => {
        router.replace("/dashboard");
        router.refresh();
      });
    } catch (caught) {
      setError(appError(caught));
    } finally {
      setAccepting(false);
    }
  }

  if (otherAddress || error?.code === "INVITE_EMAIL_MISMATCH") {
    return (
      <div className="grid min-w-0 gap-4">
        {error && <FormAlert>{error.message}</FormAlert>}
        <p className="text-muted-foreground text-sm text-pretty">
          You&apos;re signed in as {viewer}. To accept, sign out and sign in (or create an account) with{" "}
          <strong className="text-foreground font-medium break-words">{invitedEmail}</strong>.
        </p>
        <SignOutButton redirectTo={returnTo} variant="primary" className="w-full">
          Sign out to switch accounts
        </SignOutButton>
      </div>
    );
  }

  return (
    <Form
      className="grid min-w-0 gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        void handleAccept();
      }}
    >
      {error && <FormAlert>{error.message}</FormAlert>}
      <p className="text-muted-foreground text-sm">You&apos;re signed in as {viewer}.</p>
      <SubmitButton pending={pending} disabled={isLoading || !isAuthenticated}>
        Accept invitation
      </SubmitButton>
    </Form>
  );
}
