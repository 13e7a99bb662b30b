"use client";

import { useMutation } from "convex/react";
import { LoaderCircle, Pencil } from "lucide-react";
import { useState, type FormEvent } from "react";
import * as z from "zod";
import { FormMessage } from "@/components/console/form-message";
import { TextField } from "@/components/console/text-field";
import { useConsoleAction } from "@/components/console/use-action-state";
import type { Connection } from "@/components/sso/types";
import { renameConnectionSchema } from "@/components/sso/validation";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { Form } from "@/components/ui/form";
import { api } from "@/convex/_generated/api";

export function RenameConnectionDialog({ connection }: { connection: Connection }) {
  const updateConnection = useMutation(api.auth.group.updateConnection);
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(connection.name);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const { pending, error, run, reset } = useConsoleAction();

  function changeOpen(next: boolean) {
    if (pending) return;
    if (next) {
      // Start from the current name each time.
      setName(connection.name);
      setFieldError(null);
      reset();
    }
    setOpen(next);
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = renameConnectionSchema.safeParse({ name });
    if (!parsed.success) {
      setFieldError(z.flattenError(parsed.error).fieldErrors.name?.[0] ?? "Check the name.");
      return;
    }
    const outcome = await run(() => updateConnection({ id: connection.connectionId, data: { name: parsed.data.name } }));
    if (outcome.ok) setOpen(false);
  }

  return (
    <Dialog open={open} onOpenChange={changeOpen}>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm" aria-label={`Rename ${connection.name}`}>
          <Pencil aria-hidden />
          Rename
        </Button>
      </DialogTrigger>
      <DialogContent>
        <Form onSubmit={handleSubmit} className="grid gap-4">
          <DialogHeader>
            <DialogTitle>Rename connection</DialogTitle>
            <DialogDescription>The name is for you and other admins, e.g. the identity provider&apos;s.</DialogDescription>
          </DialogHeader>
          <TextField
            label="Connection name"
            name="name"
            autoComplete="off"
            value={name}
            onChange={(event) => {
              setName(event.target.value);
              setFieldError(null);
            }}
            error={fieldError}
            disabled={pending}
          />
          {error && <FormMessage tone="error">{error.message}</FormMessage>}
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="outline" disabled={pending}>
                Cancel
              </Button>
            </DialogClose>
            <Button type="submit" disabled={pending}>
              {pending && <LoaderCircle aria-hidden className="animate-spin" />}
              Save
            </Button>
          </DialogFooter>
        </Form>
      </DialogContent>
    </Dialog>
  );
}
