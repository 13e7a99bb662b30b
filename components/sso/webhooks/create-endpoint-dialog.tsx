"use client";

import { useMutation } from "convex/react";
import { LoaderCircle, Plus } from "lucide-react";
import { useRef, useState, type FormEvent } from "react";
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
import { api } from "@/convex/_generated/api";
import type { AuditKind } from "@/convex/engine/audit";
import { KindPicker } from "./kind-picker";
import { ALL_EVENTS } from "./kinds";
import { SecretRevealBody } from "./secret-dialog";

/** Checked here for a quick answer; the server checks the rest (https, public host, length). */
function urlProblem(raw: string): string | null {
  const value = raw.trim();
  if (!value) return "Enter the URL to send events to.";
  try {
    const url = new URL(value);
    if (url.protocol !== "https:" && url.protocol !== "http:") return "The URL must start with https://.";
  } catch {
    return "Enter a full URL, like https://example.com/webhooks.";
  }
  return null;
}

type CreateEndpointDialogProps = { connectionId: string; disabled?: boolean };

/**
 * Registers an endpoint: its URL and the events it gets. The answer carries
 * the signing secret, which the dialog then shows, this once.
 */
export function CreateEndpointDialog({ connectionId, disabled }: CreateEndpointDialogProps) {
  const createEndpoint = useMutation(api.auth.group.createWebhookEndpoint);
  const [open, setOpen] = useState(false);
  const [url, setUrl] = useState("");
  const [all, setAll] = useState(true);
  const [kinds, setKinds] = useState<Set<AuditKind>>(new Set());
  const [urlError, setUrlError] = useState<string | null>(null);
  const [kindsError, setKindsError] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const { pending, error, run, reset } = useConsoleAction();
  const urlInput = useRef<HTMLInputElement>(null);

  function changeOpen(next: boolean) {
    if (pending) return;
    if (next) {
      setUrl("");
      setAll(true);
      setKinds(new Set());
      setUrlError(null);
      setKindsError(null);
      reset();
    }
    // Closing forgets the secret: it is shown once.
    if (!next) setSecret(null);
    setOpen(next);
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problem = urlProblem(url);
    const noKinds = !all && kinds.size === 0 ? "Pick at least one event, or send all events." : null;
    setUrlError(problem);
    setKindsError(noKinds);
    if (problem) return urlInput.current?.focus();
    if (noKinds) return;
    const outcome = await run(() => createEndpoint({ connectionId, url: url.trim(), kinds: all ? [ALL_EVENTS] : [...kinds] }));
    if (outcome.ok) setSecret(outcome.value.secret);
  }

  return (
    <Dialog open={open} onOpenChange={changeOpen}>
      <DialogTrigger asChild>
        <Button disabled={disabled}>
          <Plus aria-hidden />
          Add endpoint
        </Button>
      </DialogTrigger>
      <DialogContent
        className="max-w-lg"
        // While the secret shows, only "Done" or Escape closes: a stray click must not lose it.
        onInteractOutside={(event) => secret !== null && event.preventDefault()}
      >
        {secret !== null ? (
          <SecretRevealBody
            title="Endpoint added"
            description="Events are signed with this secret. Your receiver needs it to check that requests come from us."
            secret={secret}
          />
        ) : (
          <Form onSubmit={handleSubmit} className="grid gap-4">
            <DialogHeader>
              <DialogTitle>Add webhook endpoint</DialogTitle>
              <DialogDescription>We POST this connection&apos;s events to the URL as signed JSON.</DialogDescription>
            </DialogHeader>
            <TextField
              ref={urlInput}
              label="Endpoint URL"
              type="url"
              name="url"
              inputMode="url"
              autoComplete="off"
              spellCheck={false}
              placeholder="https://example.com/webhooks/sso"
              hint="Must answer with a 2xx status. Redirects are not followed."
              value={url}
              onChange={(event) => {
                setUrl(event.target.value);
                setUrlError(null);
              }}
              error={urlError}
              disabled={pending}
            />
            <KindPicker
              all={all}
              onAllChange={(next) => {
                setAll(next);
                setKindsError(null);
              }}
              kinds={kinds}
              onKindsChange={(next) => {
                setKinds(next);
                setKindsError(null);
              }}
              disabled={pending}
              error={kindsError}
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
                Add endpoint
              </Button>
            </DialogFooter>
          </Form>
        )}
      </DialogContent>
    </Dialog>
  );
}
