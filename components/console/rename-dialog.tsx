"use client";

import { LoaderCircle, Pencil } from "lucide-react";
import { useState, type FormEvent } from "react";
import * as z from "zod";
import { FormMessage } from "@/components/console/form-message";
import { TextField } from "@/components/console/text-field";
import { useConsoleAction } from "@/components/console/use-action-state";
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

export interface RenameDialogProps {
  /** The current name, shown in the field each time the dialog opens. */
  name: string;
  title: string;
  description: string;
  label: string;
  /** Validates `{ name }` the way the server will. */
  schema: z.ZodType<{ name: string }>;
  /** Saves the validated name; rejects with the server's error. */
  rename: (name: string) => Promise<unknown>;
}

/** A "Rename" button and dialog with a single validated name field. */
export function RenameDialog({ name: currentName, title, description, label, schema, rename }: RenameDialogProps) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(currentName);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const { pending, error, run, reset } = useConsoleAction();

  function changeOpen(next: boolean) {
    if (pending) return;
    if (next) {
      // Start from the current name each time.
      setName(currentName);
      setFieldError(null);
      reset();
    }
    setOpen(next);
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = schema.safeParse({ name });
    if (!parsed.success) {
      setFieldError(z.flattenError(parsed.error).fieldErrors.name?.[0] ?? "Check the name.");
      return;
    }
    const outcome = await run(() => rename(parsed.data.name));
    if (outcome.ok) setOpen(false);
  }

  return (
    <Dialog open={open} onOpenChange={changeOpen}>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm" aria-label={`Rename ${currentName}`}>
          <Pencil aria-hidden />
          Rename
        </Button>
      </DialogTrigger>
      <DialogContent>
        <Form onSubmit={handleSubmit} className="grid gap-4">
          <DialogHeader>
            <DialogTitle>{title}</DialogTitle>
            <DialogDescription>{description}</DialogDescription>
          </DialogHeader>
          <TextField
            label={label}
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
