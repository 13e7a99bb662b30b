"use client";

import { useRef, useState, type FormEvent } from "react";
import { AuthCard } from "@/components/auth/auth-shell";
import { FormAlert } from "@/components/auth/form-alert";
import { fieldErrorsOf, focusFirstInvalid, type FieldErrors } from "@/components/auth/form-errors";
import { FormField } from "@/components/auth/form-field";
import { SubmitButton } from "@/components/auth/submit-button";
import { appError } from "@/lib/errors";
import { signUpSchema } from "@/lib/validation/account";
import { Form } from "@/components/ui/form";

export type SignUpFields = { name: string; email: string; password: string };
type Field = keyof SignUpFields;

const FIELD_ORDER: readonly Field[] = ["name", "email", "password"];

type DetailsStepProps = {
  initial: SignUpFields;
  /** Sends the sign-up request with the validated fields; throws the server's error. */
  submit: (fields: SignUpFields) => Promise<void>;
};

export function DetailsStep({ initial, submit }: DetailsStepProps) {
  const [fields, setFields] = useState<SignUpFields>(initial);
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const nameInput = useRef<HTMLInputElement>(null);
  const emailInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);

  function update(field: Field, value: string) {
    setFields((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setServerError(null);
    const parsed = signUpSchema.safeParse(fields);
    if (!parsed.success) {
      const found = fieldErrorsOf<Field>(parsed.error);
      setErrors(found);
      focusFirstInvalid(FIELD_ORDER, found, { name: nameInput, email: emailInput, password: passwordInput });
      return;
    }
    setErrors({});
    setPending(true);
    try {
      await submit(parsed.data);
      return;
    } catch (error) {
      setServerError(appError(error).message);
    }
    setPending(false);
  }

  return (
    <AuthCard title="Create your account" description="Start with a free account. You can create or join a group next.">
      <Form onSubmit={handleSubmit} className="grid gap-4">
        {serverError && <FormAlert>{serverError}</FormAlert>}
        <FormField
          ref={nameInput}
          label="Name"
          name="name"
          autoComplete="name"
          autoFocus
          placeholder="Ada Lovelace"
          value={fields.name}
          onChange={(event) => update("name", event.target.value)}
          error={errors.name}
          disabled={pending}
        />
        <FormField
          ref={emailInput}
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          placeholder="you@company.com"
          value={fields.email}
          onChange={(event) => update("email", event.target.value)}
          error={errors.email}
          disabled={pending}
        />
        <FormField
          ref={passwordInput}
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          value={fields.password}
          onChange={(event) => update("password", event.target.value)}
          hint="At least 8 characters (up to 128). A long passphrase is best."
          error={errors.password}
          disabled={pending}
        />
        <SubmitButton pending={pending}>Create account</SubmitButton>
      </Form>
    </AuthCard>
  );
}
