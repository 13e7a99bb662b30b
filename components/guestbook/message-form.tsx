"use client";

import { useMutation } from "convex/react";
import { ConvexError } from "convex/values";
import { LoaderCircle } from "lucide-react";
import { useId, useRef, useState, type ComponentProps, type FormEvent } from "react";
import * as z from "zod";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { api } from "@/convex/_generated/api";
import { messageSchema } from "@/lib/messages";
import { Form } from "@/components/ui/form";

type MessageFields = z.input<typeof messageSchema>;
type FieldErrors = Partial<Record<keyof MessageFields, string>>;

const EMPTY_FIELDS: MessageFields = { author: "", body: "" };

export function MessageForm() {
  const sendMessage = useMutation(api.messages.send);
  const [fields, setFields] = useState<MessageFields>(EMPTY_FIELDS);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [isSubmitting, setIsSubmitting] = useState(false);
  const authorInput = useRef<HTMLInputElement>(null);
  const bodyInput = useRef<HTMLInputElement>(null);

  function updateField(name: keyof MessageFields, value: string) {
    setFields((current) => ({ ...current, [name]: value }));
    // Drop a stale error as soon as the user starts fixing that field.
    setFieldErrors((current) => ({ ...current, [name]: undefined }));
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setServerError(null);

    const parsed = messageSchema.safeParse(fields);
    if (!parsed.success) {
      const { author, body } = z.flattenError(parsed.error).fieldErrors;
      setFieldErrors({ author: author?.[0], body: body?.[0] });
      (author ? authorInput : bodyInput).current?.focus();
      return;
    }

    setFieldErrors({});
    setIsSubmitting(true);
    try {
      await sendMessage(parsed.data);
      setFields(EMPTY_FIELDS);
    } catch (error) {
      setServerError(describeSendError(error));
    } finally {
      setIsSubmitting(false);
    }
  }

  return (
    <Form onSubmit={handleSubmit} className="grid gap-4">
      <TextField
        ref={authorInput}
        label="Name"
        name="author"
        autoComplete="name"
        placeholder="Ada Lovelace"
        value={fields.author}
        onChange={(event) => updateField("author", event.target.value)}
        error={fieldErrors.author}
        disabled={isSubmitting}
      />
      <TextField
        ref={bodyInput}
        label="Message"
        name="body"
        autoComplete="off"
        placeholder="Say hello to everyone watching…"
        value={fields.body}
        onChange={(event) => updateField("body", event.target.value)}
        error={fieldErrors.body}
        disabled={isSubmitting}
      />
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-end">
        {serverError && (
          <p role="alert" className="text-destructive text-sm sm:mr-auto">
            {serverError}
          </p>
        )}
        <Button type="submit" disabled={isSubmitting} className="sm:min-w-24">
          {isSubmitting && <LoaderCircle aria-hidden className="animate-spin" />}
          Post
        </Button>
      </div>
    </Form>
  );
}

type TextFieldProps = ComponentProps<typeof Input> & { label: string; error?: string };

function TextField({ label, error, ...inputProps }: TextFieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className="grid gap-2">
      <Label htmlFor={id}>{label}</Label>
      <Input id={id} aria-invalid={error ? true : undefined} aria-describedby={error ? errorId : undefined} {...inputProps} />
      {error && (
        <p id={errorId} className="text-destructive text-sm">
          {error}
        </p>
      )}
    </div>
  );
}

function describeSendError(error: unknown): string {
  // The mutation reports rule violations as ConvexError({ code, message }); anything else is unexpected.
  if (error instanceof ConvexError && typeof error.data?.message === "string") {
    return error.data.message;
  }
  return "Your message couldn't be posted. Please try again.";
}
