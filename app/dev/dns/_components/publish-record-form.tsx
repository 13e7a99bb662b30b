"use client";

import { LoaderCircle, Plus } from "lucide-react";
import { useEffect, useRef, useState, useTransition, type FormEvent } from "react";
import { fieldErrorsOf, focusFirstInvalid, type FieldErrors } from "@/components/auth/form-errors";
import { FormMessage } from "@/components/console/form-message";
import { TextField } from "@/components/console/text-field";
import { Button } from "@/components/ui/button";
import { Form } from "@/components/ui/form";
import { newTxtRecordSchema } from "@/tools/dev-dns/record-schema";
import { publishTxtRecord } from "../actions";

type Field = "name" | "value";
const FIELD_ORDER: readonly Field[] = ["name", "value"];

/** Publishes a TXT record on the dev DNS server (checked here and again by the server action). */
export function PublishRecordForm() {
  const [name, setName] = useState("");
  const [value, setValue] = useState("");
  const [fieldErrors, setFieldErrors] = useState<FieldErrors<Field>>({});
  const [outcome, setOutcome] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const nameInput = useRef<HTMLInputElement>(null);
  const valueInput = useRef<HTMLInputElement>(null);
  // The fields are disabled while publishing, and a disabled input cannot take focus: move it once they are back.
  const focusWhenDone = useRef<(() => void) | null>(null);

  useEffect(() => {
    if (pending || !focusWhenDone.current) return;
    focusWhenDone.current();
    focusWhenDone.current = null;
  }, [pending]);

  function focusFirstError(errors: FieldErrors<Field>) {
    focusFirstInvalid(FIELD_ORDER, errors, { name: nameInput, value: valueInput });
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setOutcome(null);
    const parsed = newTxtRecordSchema.safeParse({ name, value });
    if (!parsed.success) {
      const errors = fieldErrorsOf<Field>(parsed.error);
      setFieldErrors(errors);
      focusFirstError(errors);
      return;
    }
    setFieldErrors({});
    startTransition(async () => {
      const result = await publishTxtRecord(parsed.data);
      if (!result.ok) {
        if (result.fieldErrors) {
          setFieldErrors(result.fieldErrors);
          focusWhenDone.current = () => focusFirstError(result.fieldErrors);
        } else {
          setOutcome({ tone: "error", text: result.message });
        }
        return;
      }
      setOutcome({
        tone: "success",
        text: result.added ? `Published a TXT record for ${result.name}.` : `That TXT record for ${result.name} was already published.`,
      });
      setName("");
      setValue("");
      // Ready for the next record.
      focusWhenDone.current = () => nameInput.current?.focus();
    });
  }

  return (
    <Form onSubmit={handleSubmit} aria-label="Publish a TXT record" className="grid gap-4">
      <TextField
        ref={nameInput}
        label="Name"
        name="name"
        autoComplete="off"
        spellCheck={false}
        placeholder="_group-sso-challenge.example.com"
        className="font-mono"
        value={name}
        onChange={(event) => {
          setName(event.target.value);
          setFieldErrors((errors) => ({ ...errors, name: undefined }));
        }}
        error={fieldErrors.name}
        hint="The full name the console asks for; a trailing dot and capitals are fine."
        disabled={pending}
      />
      <TextField
        ref={valueInput}
        label="Value"
        name="value"
        autoComplete="off"
        spellCheck={false}
        placeholder="group-sso-verification=…"
        className="font-mono"
        value={value}
        onChange={(event) => {
          setValue(event.target.value);
          setFieldErrors((errors) => ({ ...errors, value: undefined }));
        }}
        error={fieldErrors.value}
        hint="Without quotes. Values over 255 characters are served in 255-byte pieces, as real DNS does."
        disabled={pending}
      />
      <div className="flex flex-col-reverse gap-3 sm:flex-row sm:items-center">
        {outcome && <FormMessage tone={outcome.tone}>{outcome.text}</FormMessage>}
        <Button type="submit" disabled={pending} aria-busy={pending || undefined} className="sm:ml-auto">
          {pending ? <LoaderCircle aria-hidden className="animate-spin" /> : <Plus aria-hidden />}
          Publish record
        </Button>
      </div>
    </Form>
  );
}
