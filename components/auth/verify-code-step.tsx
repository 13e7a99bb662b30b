"use client";

import { useAuthActions } from "@convex-dev/auth/react";
import { ArrowLeft, LoaderCircle, MailCheck } from "lucide-react";
import { useRef, useState, type FormEvent, type ReactNode } from "react";
import { verifySchema } from "@/lib/validation/account";
import { appError } from "@/lib/errors";
import { AuthCard, textButtonClass } from "./auth-shell";
import { FormAlert } from "./form-alert";
import { FormField } from "./form-field";
import { SubmitButton } from "./submit-button";
import { Form } from "@/components/ui/form";

type VerifyCodeStepProps = {
  /** The address the code was sent to (already normalized). */
  email: string;
  title: string;
  description: ReactNode;
  /** Called once the code signed the person in; the step stays busy while the caller navigates away. */
  onVerified: () => void;
  /** Asks the server for a fresh code (the same request that sent the first one). */
  onResend: () => Promise<void>;
  onBack: () => void;
  backLabel: string;
};

const CODE_LENGTH = 8;

/** Entering the 8-digit code mailed to prove an address (`flow: "email-verification"`). */
export function VerifyCodeStep({ email, title, description, onVerified, onResend, onBack, backLabel }: VerifyCodeStepProps) {
  const { signIn } = useAuthActions();
  const [code, setCode] = useState("");
  const [codeError, setCodeError] = useState<string>();
  const [serverError, setServerError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [resending, setResending] = useState(false);
  const codeInput = useRef<HTMLInputElement>(null);
  const busy = pending || resending;

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setServerError(null);
    setNotice(null);
    const parsed = verifySchema.safeParse({ code });
    if (!parsed.success) {
      setCodeError(parsed.error.issues[0]?.message);
      codeInput.current?.focus();
      return;
    }
    setCodeError(undefined);
    setPending(true);
    try {
      const { signingIn } = await signIn("password", { flow: "email-verification", email, code: parsed.data.code });
      if (signingIn) {
        onVerified();
        return;
      }
      showCodeError("That code is wrong or has expired.");
    } catch (error) {
      const { code: errorCode, message } = appError(error);
      if (errorCode === "INVALID_CODE" || errorCode === "INVALID_INPUT") showCodeError(message);
      else setServerError(message);
    }
    setPending(false);
  }

  function showCodeError(message: string) {
    setCodeError(message);
    // Focus runs after React re-enables the input.
    requestAnimationFrame(() => codeInput.current?.select());
  }

  async function handleResend() {
    setServerError(null);
    setNotice(null);
    setResending(true);
    try {
      await onResend();
      setCode("");
      setCodeError(undefined);
      setNotice(`We sent a new code to ${email}. Codes expire after 15 minutes.`);
    } catch (error) {
      setServerError(appError(error).message);
    } finally {
      setResending(false);
    }
  }

  return (
    <AuthCard
      title={title}
      description={description}
      icon={
        <span className="bg-accent-subtle text-accent-subtle-foreground mb-2 flex size-10 items-center justify-center rounded-full">
          <MailCheck aria-hidden className="size-5" />
        </span>
      }
    >
      <Form onSubmit={handleSubmit} className="grid gap-4">
        {serverError && <FormAlert>{serverError}</FormAlert>}
        <FormField
          ref={codeInput}
          label="Verification code"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          autoFocus
          className="font-mono tracking-[0.3em]"
          value={code}
          // Digits only, so a code pasted with spaces or a dash still fits.
          onChange={(event) => {
            setCode(event.target.value.replace(/\D/g, "").slice(0, CODE_LENGTH));
            setCodeError(undefined);
          }}
          hint={`The ${CODE_LENGTH}-digit code from the email. It expires after 15 minutes.`}
          error={codeError}
          disabled={busy}
        />
        <SubmitButton pending={pending}>Verify and continue</SubmitButton>
        {notice && (
          <p role="status" className="text-muted-foreground text-sm">
            {notice}
          </p>
        )}
        <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 text-sm">
          <button type="button" className={textButtonClass} onClick={onBack} disabled={busy}>
            <ArrowLeft aria-hidden className="size-4" />
            {backLabel}
          </button>
          <button type="button" className={textButtonClass} onClick={handleResend} disabled={busy}>
            {resending && <LoaderCircle aria-hidden className="size-4 animate-spin" />}
            Send a new code
          </button>
        </div>
      </Form>
    </AuthCard>
  );
}
