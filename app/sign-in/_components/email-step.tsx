"use client";

import { useRef, useState, type FormEvent } from "react";
import { AuthCard } from "@/components/auth/auth-shell";
import { FormAlert } from "@/components/auth/form-alert";
import { FormField } from "@/components/auth/form-field";
import { SubmitButton } from "@/components/auth/submit-button";
import { appError } from "@/lib/errors";
import { signInSchema } from "@/lib/validation/account";
import { Form } from "@/components/ui/form";

const emailSchema = signInSchema.pick({ email: true });

/**
 * How an address signs in. Today every address uses a password; group SSO
 * plugs in here (look the domain up, and answer e.g. `{ method: "sso", … }`
 * so the step starts the identity provider's flow instead).
 */
type SignInRoute = { method: "password" };

async function routeEmail(email: string): Promise<SignInRoute> {
  void email;
  return { method: "password" };
}

type EmailStepProps = {
  defaultEmail: string;
  /** The address signs in with a password: go on to the password step. */
  onPassword: (email: string) => void;
};

/** The first step of sign-in: who is signing in, which decides how. */
export function EmailStep({ defaultEmail, onPassword }: EmailStepProps) {
  const [email, setEmail] = useState(defaultEmail);
  const [emailError, setEmailError] = useState<string>();
  const [serverError, setServerError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const emailInput = useRef<HTMLInputElement>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setServerError(null);
    const parsed = emailSchema.safeParse({ email });
    if (!parsed.success) {
      setEmailError(parsed.error.issues[0]?.message);
      emailInput.current?.focus();
      return;
    }
    setEmailError(undefined);
    setPending(true);
    try {
      const route = await routeEmail(parsed.data.email);
      switch (route.method) {
        case "password":
          onPassword(parsed.data.email);
          return;
      }
    } catch (error) {
      setServerError(appError(error).message);
      setPending(false);
    }
  }

  return (
    <AuthCard title="Sign in" description="Enter your email address to continue.">
      <Form onSubmit={handleSubmit} className="grid gap-4">
        {serverError && <FormAlert>{serverError}</FormAlert>}
        <FormField
          ref={emailInput}
          label="Email"
          name="email"
          type="email"
          autoComplete="username"
          autoFocus
          placeholder="you@company.com"
          value={email}
          onChange={(event) => {
            setEmail(event.target.value);
            setEmailError(undefined);
          }}
          error={emailError}
          disabled={pending}
        />
        <SubmitButton pending={pending}>Continue</SubmitButton>
      </Form>
    </AuthCard>
  );
}
