"use client";

import { useMutation } from "convex/react";
import { LoaderCircle } from "lucide-react";
import { useRef, useState, type FormEvent } from "react";
import * as z from "zod";
import { FormMessage } from "@/components/console/form-message";
import { TextField } from "@/components/console/text-field";
import { useConsoleAction } from "@/components/console/use-action-state";
import { Button } from "@/components/ui/button";
import { api } from "@/convex/_generated/api";
import { profileSchema } from "@/lib/validation/account";
import { Form } from "@/components/ui/form";

type ProfileFormProps = { name: string; email: string | null };

export function ProfileForm({ name: savedName, email }: ProfileFormProps) {
  const updateProfile = useMutation(api.users.updateProfile);
  const [name, setName] = useState(savedName);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const { pending, error, run } = useConsoleAction();
  const input = useRef<HTMLInputElement>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const parsed = profileSchema.safeParse({ name });
    if (!parsed.success) {
      setFieldError(z.flattenError(parsed.error).fieldErrors.name?.[0] ?? "Check your name.");
      input.current?.focus();
      return;
    }
    setFieldError(null);
    const outcome = await run(() => updateProfile(parsed.data));
    if (outcome.ok) {
      setName(parsed.data.name);
      setSaved(true);
    }
  }

  return (
    <Form onSubmit={handleSubmit} className="grid gap-4" aria-label="Profile">
      <TextField
        ref={input}
        label="Name"
        name="name"
        autoComplete="name"
        value={name}
        onChange={(event) => {
          setName(event.target.value);
          setFieldError(null);
          setSaved(false);
        }}
        error={fieldError}
        disabled={pending}
      />
      <TextField
        label="Email"
        type="email"
        name="email"
        value={email ?? ""}
        readOnly
        hint="Your sign-in address. It can't be changed here."
        className="bg-muted/60 text-muted-foreground"
      />
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-end">
        {error && (
          <FormMessage tone="error" className="sm:mr-auto">
            {error.message}
          </FormMessage>
        )}
        {saved && (
          <FormMessage tone="success" className="sm:mr-auto">
            Saved.
          </FormMessage>
        )}
        <Button type="submit" disabled={pending} className="sm:min-w-28">
          {pending && <LoaderCircle aria-hidden className="animate-spin" />}
          Save profile
        </Button>
      </div>
    </Form>
  );
}
