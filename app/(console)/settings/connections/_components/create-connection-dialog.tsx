"use client";

import { useMutation } from "convex/react";
import { LoaderCircle, Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import * as z from "zod";
import { FormMessage } from "@/components/console/form-message";
import { TextField } from "@/components/console/text-field";
import { useConsoleAction } from "@/components/console/use-action-state";
import { connectionHref, PROTOCOL_LABELS } from "@/components/sso/labels";
import type { Protocol } from "@/components/sso/types";
import { createConnectionSchema } from "@/components/sso/validation";
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
import { cn } from "@/lib/cn";

const PROTOCOL_OPTIONS: ReadonlyArray<{ value: Protocol; title: string; hint: string }> = [
  {
    value: "oidc",
    title: "OpenID Connect (OIDC)",
    hint: "Recommended. Okta, Microsoft Entra ID, Google Workspace, Auth0, Keycloak and most modern providers.",
  },
  {
    value: "saml",
    title: "SAML 2.0",
    hint: "For identity providers that only speak SAML, such as ADFS or older enterprise set-ups.",
  },
];

type CreateConnectionDialogProps = {
  groupId: string;
  triggerLabel: string;
  className?: string;
};

/** Name and protocol, then the new (draft) connection's overview. */
export function CreateConnectionDialog({ groupId, triggerLabel, className }: CreateConnectionDialogProps) {
  const createConnection = useMutation(api.auth.group.createConnection);
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [protocol, setProtocol] = useState<Protocol>("oidc");
  const [fieldError, setFieldError] = useState<string | null>(null);
  // After creating, the dialog stays busy until the overview replaces this page.
  const [leaving, setLeaving] = useState(false);
  const { pending, error, run, reset } = useConsoleAction();
  const busy = pending || leaving;
  const radioId = useId();

  function changeOpen(next: boolean) {
    if (busy) return;
    if (next) {
      setName("");
      setProtocol("oidc");
      setFieldError(null);
      reset();
    }
    setOpen(next);
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = createConnectionSchema.safeParse({ name, protocol });
    if (!parsed.success) {
      setFieldError(z.flattenError(parsed.error).fieldErrors.name?.[0] ?? "Check the name.");
      return;
    }
    const { name: trimmed } = parsed.data;
    const outcome = await run(() =>
      createConnection({ groupId, protocol: parsed.data.protocol, name: trimmed === "" ? undefined : trimmed }),
    );
    if (outcome.ok) {
      setLeaving(true);
      router.push(connectionHref(outcome.value));
    }
  }

  return (
    <Dialog open={open} onOpenChange={changeOpen}>
      <DialogTrigger asChild>
        <Button className={className}>
          <Plus aria-hidden />
          {triggerLabel}
        </Button>
      </DialogTrigger>
      <DialogContent className="max-w-lg">
        <Form onSubmit={handleSubmit} className="grid gap-5">
          <DialogHeader>
            <DialogTitle>New SSO connection</DialogTitle>
            <DialogDescription>
              It starts as a draft. Next you add your email domain and verify it; nobody signs in through it until you
              activate it.
            </DialogDescription>
          </DialogHeader>
          <TextField
            label="Name"
            name="name"
            autoComplete="off"
            placeholder="e.g. Okta"
            value={name}
            onChange={(event) => {
              setName(event.target.value);
              setFieldError(null);
            }}
            hint={`For you and other admins. Leave it empty to use “${PROTOCOL_LABELS[protocol]}”.`}
            error={fieldError}
            disabled={busy}
          />
          <fieldset className="grid gap-2">
            <legend className="mb-2 text-sm leading-none font-medium">Protocol</legend>
            {PROTOCOL_OPTIONS.map((option) => (
              <label
                key={option.value}
                className={cn(
                  "flex cursor-pointer items-start gap-3 rounded-lg border p-3 transition-colors",
                  "hover:bg-muted/50 has-[:checked]:border-primary has-[:checked]:bg-accent-subtle/50",
                  "has-[:focus-visible]:ring-ring/40 has-[:focus-visible]:ring-3",
                  "has-[:disabled]:cursor-not-allowed has-[:disabled]:opacity-60",
                )}
              >
                <input
                  type="radio"
                  name="protocol"
                  value={option.value}
                  checked={protocol === option.value}
                  onChange={() => setProtocol(option.value)}
                  disabled={busy}
                  aria-labelledby={`${radioId}-${option.value}`}
                  aria-describedby={`${radioId}-${option.value}-hint`}
                  className="accent-primary mt-0.5 size-4 shrink-0 focus-visible:outline-none"
                />
                <span className="grid gap-0.5">
                  <span id={`${radioId}-${option.value}`} className="text-sm font-medium">
                    {option.title}
                  </span>
                  <span id={`${radioId}-${option.value}-hint`} className="text-muted-foreground text-xs">
                    {option.hint}
                  </span>
                </span>
              </label>
            ))}
          </fieldset>
          {error && <FormMessage tone="error">{error.message}</FormMessage>}
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="outline" disabled={busy}>
                Cancel
              </Button>
            </DialogClose>
            <Button type="submit" disabled={busy}>
              {busy && <LoaderCircle aria-hidden className="animate-spin" />}
              Create connection
            </Button>
          </DialogFooter>
        </Form>
      </DialogContent>
    </Dialog>
  );
}
