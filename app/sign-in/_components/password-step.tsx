"use client";

import { useAuthActions } from "@convex-dev/auth/react";
import { useRef, useState, type FormEvent } from "react";
import { AuthCard, inlineLinkClass } from "@/components/auth/auth-shell";
import { FormAlert } from "@/components/auth/form-alert";
import { FormField } from "@/components/auth/form-field";
import { SubmitButton } from "@/components/auth/submit-button";
import { appError } from "@/lib/errors";
import { signInSchema } from "@/lib/validation/account";
import { Form } from "@/components/ui/form";

const passwordSchema = signInSchema.pick({ password: true });

type PasswordStepProps = {
  email: string;
  onChangeEmail: () => void;
  /** The session cookie is set; the step stays busy while the caller navigates away. */
  onSignedIn: () => void;
  /** The password was right but the address is unverified: a code is on its way. */
  onCodeSent: (password: string) => void;
};

export function PasswordStep({ email, onChangeEmail, onSignedIn, onCodeSent }: PasswordStepProps) {
  const { signIn } = useAuthActions();
  const [password, setPassword] = useState("");
  const [passwordError, setPasswordError] = useState<string>();
  const [serverError, setServerError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const passwordInput = useRef<HTMLInputElement>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setServerError(null);
    const parsed = passwordSchema.safeParse({ password });
    if (!parsed.success) {
      setPasswordError(parsed.error.issues[0]?.message);
      passwordInput.current?.focus();
      return;
    }
    setPasswordError(undefined);
    setPending(true);
    try {
      const { signingIn } = await signIn("password", { flow: "signIn", email, password: parsed.data.password });
      if (signingIn) onSignedIn();
      else onCodeSent(parsed.data.password);
      return;
    } catch (error) {
      const { code, message } = appError(error);
      setServerError(message);
      if (code === "INVALID_CREDENTIALS") {
        // Focus runs after React re-enables the input.
        requestAnimationFrame(() => passwordInput.current?.select());
      }
    }
    setPending(false);
  }

  return (
    <AuthCard
      title="Enter your password"
      description={
        <span className="flex flex-wrap items-center gap-x-2">
          <span className="text-foreground font-medium break-words">{email}</span>
          <button type="button" className={inlineLinkClass} onClick={onChangeEmail} disabled={pending}>
            Change<span className="sr-only"> email address</span>
          </button>
        </span>
      }
    >
      <Form onSubmit={handleSubmit} className="grid gap-4">
        {serverError && <FormAlert>{serverError}</FormAlert>}
        {/* For password managers: the account this password belongs to. */}
        <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
        <FormField
          ref={passwordInput}
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          autoFocus
          value={password}
          onChange={(event) => {
            setPassword(event.target.value);
            setPasswordError(undefined);
          }}
          error={passwordError}
          disabled={pending}
        />
        <SubmitButton pending={pending}>Sign in</SubmitButton>
      </Form>
    </AuthCard>
  );
}
