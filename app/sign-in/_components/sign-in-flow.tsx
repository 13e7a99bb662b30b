"use client";

import { useAuthActions } from "@convex-dev/auth/react";
import { useState } from "react";
import { useFinishSignIn } from "@/components/auth/use-finish-sign-in";
import { VerifyCodeStep } from "@/components/auth/verify-code-step";
import { DEFAULT_AFTER_SIGN_IN } from "@/lib/redirect";
import { EmailStep } from "./email-step";
import { PasswordStep } from "./password-step";

type Step =
  | { name: "email" }
  | { name: "password"; email: string }
  /** The account's address is not verified yet: the server mailed a code instead of signing in. */
  | { name: "code"; email: string; password: string };

type SignInFlowProps = {
  redirectTo: string | null;
  /** Why an SSO sign-in just failed (from `?sso_error=`), shown on the email step until it is left. */
  ssoError: string | null;
};

/**
 * Sign-in, one step at a time: the email first (which decides how this person
 * signs in: their organization's identity provider, or a password), then the
 * password, then — only for an address never verified — the code that was
 * just mailed.
 */
export function SignInFlow({ redirectTo, ssoError }: SignInFlowProps) {
  const { signIn } = useAuthActions();
  const finishSignIn = useFinishSignIn();
  const [step, setStep] = useState<Step>({ name: "email" });
  // Kept across steps so "Change" and "back" start from what was typed.
  const [email, setEmail] = useState("");
  const [notice, setNotice] = useState(ssoError);
  const done = () => finishSignIn(redirectTo ?? DEFAULT_AFTER_SIGN_IN);

  switch (step.name) {
    case "email":
      return (
        <EmailStep
          defaultEmail={email}
          redirectTo={redirectTo}
          notice={notice}
          onPassword={(address) => {
            setNotice(null);
            setEmail(address);
            setStep({ name: "password", email: address });
          }}
        />
      );
    case "password":
      return (
        <PasswordStep
          email={step.email}
          onChangeEmail={() => setStep({ name: "email" })}
          onSignedIn={done}
          onCodeSent={(password) => setStep({ name: "code", email: step.email, password })}
        />
      );
    case "code":
      return (
        <VerifyCodeStep
          email={step.email}
          title="Verify your email"
          description={
            <>
              Your email address isn&apos;t verified yet, so we sent an 8-digit code to{" "}
              <strong className="text-foreground font-medium break-words">{step.email}</strong>. Enter it to finish
              signing in.
            </>
          }
          onVerified={done}
          // Signing in again with the password mails a fresh code.
          onResend={async () => {
            await signIn("password", { flow: "signIn", email: step.email, password: step.password });
          }}
          onBack={() => setStep({ name: "email" })}
          backLabel="Use a different email"
        />
      );
  }
}
