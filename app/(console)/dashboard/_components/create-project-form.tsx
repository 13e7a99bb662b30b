"use client";

import { useMutation } from "convex/react";
import { LoaderCircle, Plus } from "lucide-react";
import { useRef, useState, type FormEvent } from "react";
import * as z from "zod";
import { FormMessage } from "@/components/console/form-message";
import { TextField } from "@/components/console/text-field";
import { useConsoleAction } from "@/components/console/use-action-state";
import { Button } from "@/components/ui/button";
import { api } from "@/convex/_generated/api";
import { projectSchema } from "@/lib/validation/group";
import { Form } from "@/components/ui/form";

export function CreateProjectForm({ groupId }: { groupId: string }) {
  const createProject = useMutation(api.projects.create);
  const [name, setName] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const { pending, error, run } = useConsoleAction();
  const input = useRef<HTMLInputElement>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = projectSchema.safeParse({ name });
    if (!parsed.success) {
      setFieldError(z.flattenError(parsed.error).fieldErrors.name?.[0] ?? "Check the name.");
      input.current?.focus();
      return;
    }
    setFieldError(null);
    const outcome = await run(() => createProject({ groupId, name: parsed.data.name }));
    if (outcome.ok) setName("");
    input.current?.focus();
  }

  return (
    <Form onSubmit={handleSubmit} className="grid gap-2">
      <div className="flex flex-col gap-2 sm:flex-row sm:items-start">
        <TextField
          ref={input}
          label="New project name"
          hideLabel
          placeholder="New project name"
          name="name"
          autoComplete="off"
          value={name}
          onChange={(event) => {
            setName(event.target.value);
            setFieldError(null);
          }}
          error={fieldError}
          disabled={pending}
          wrapperClassName="flex-1"
        />
        <Button type="submit" disabled={pending}>
          {pending ? <LoaderCircle aria-hidden className="animate-spin" /> : <Plus aria-hidden />}
          Create project
        </Button>
      </div>
      {error && <FormMessage tone="error">{error.message}</FormMessage>}
    </Form>
  );
}
