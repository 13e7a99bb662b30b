"use client";

import { useMutation } from "convex/react";
import { LoaderCircle } from "lucide-react";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import * as z from "zod";
import { FormMessage } from "@/components/console/form-message";
import { TextField } from "@/components/console/text-field";
import { useConsoleAction } from "@/components/console/use-action-state";
import { Button } from "@/components/ui/button";
import { api } from "@/convex/_generated/api";
import { createGroupSchema } from "@/lib/validation/group";
import { Form } from "@/components/ui/form";

export function CreateGroupForm() {
  const createGroup = useMutation(api.groups.create);
  const router = useRouter();
  const [name, setName] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const { pending, error, run } = useConsoleAction();
  const [done, setDone] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = createGroupSchema.safeParse({ name });
    if (!parsed.success) {
      setFieldError(z.flattenError(parsed.error).fieldErrors.name?.[0] ?? "Check the name.");
      input.current?.focus();
      return;
    }
    setFieldError(null);
    const outcome = await run(() => createGroup({ name: parsed.data.name }));
    if (outcome.ok) {
      // Stay disabled until the dashboard takes over.
      setDone(true);
      router.push("/dashboard");
    }
  }

  const busy = pending || done;
  return (
    <Form onSubmit={handleSubmit} className="grid gap-4">
      <TextField
        ref={input}
        label="Organization name"
        name="name"
        autoComplete="organization"
        placeholder="Acme Inc."
        hint="Usually your company or team name."
        value={name}
        onChange={(event) => {
          setName(event.target.value);
          setFieldError(null);
        }}
        error={fieldError}
        disabled={busy}
        autoFocus
      />
      {error && <FormMessage tone="error">{error.message}</FormMessage>}
      <Button type="submit" disabled={busy} className="w-full sm:w-auto sm:justify-self-end">
        {busy && <LoaderCircle aria-hidden className="animate-spin" />}
        Create organization
      </Button>
    </Form>
  );
}
