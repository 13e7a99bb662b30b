"use client";

import { useAuthActions } from "@convex-dev/auth/react";
import { useState } from "react";
import { useFinishSignIn } from "@/components/auth/use-finish-sign-in";
import { VerifyCodeStep } from "@/components/auth/verify-code-step";
import type { SignUpFields } from "./details-step";
import { DetailsStep } from "./details-step";

type Step = { name: "details" } | { name: "code"; fields: SignUpFields };

/**
 * Sign-up: name, email and password, then the code mailed to the address.
 * The server answers the first step the same way whether or not the address
 * already has an account (the email itself says which), so this page never
 * tells anyone whether an address is registered.
 */
export function SignUpFlow({ redirectTo }: { redirectTo: string | null }) {
  const { signIn } = useAuthActions();
  const finishSignIn = useFinishSignIn();
  const [step, setStep] = useState<Step>({ name: "details" });
  // Kept so "Use a different email" returns to a filled-in form.
  const [draft, setDraft] = useState<SignUpFields>({ name: "", email: "", password: "" });

  const requestCode = async (fields: SignUpFields) => {
    await signIn("password", { flow: "signUp", ...fields });
  };

  if (step.name === "details") {
    return (
      <DetailsStep
        initial={draft}
        submit={async (fields) => {
          await requestCode(fields);
          setDraft(fields);
          setStep({ name: "code", fields });
        }}
      />
    );
  }

  const { fields } = step;
  return (
    <VerifyCodeStep
      email={fields.email}
      title="Check your email"
      description={
        <>
          We sent an email to <strong className="text-foreground font-medium break-words">{fields.email}</strong>. Enter
          the 8-digit code from it to finish creating your account. If you already have an account, the email tells
          you how to sign in instead.
        </>
      }
      // The onboarding page sends people who already belong to a group on to the dashboard.
      onVerified={() => finishSignIn(redirectTo ?? "/onboarding")}
      onResend={() => requestCode(fields)}
      onBack={() => setStep({ name: "details" })}
      backLabel="Use a different email"
    />
  );
}
