"use client";

import { useMutation } from "convex/react";
import { Link2 } from "lucide-react";
import { useId, useState, type FormEvent } from "react";
import { FormMessage } from "@/components/console/form-message";
import { TextField } from "@/components/console/text-field";
import { useConsoleAction } from "@/components/console/use-action-state";
import { SCOPE_DESCRIPTIONS, SCOPE_LABELS, SCOPE_ORDER } from "@/components/setup/scopes";
import { PendingButton } from "@/components/sso/pending-button";
import { SelectField } from "@/components/sso/select-field";
import { SecretRevealBody } from "@/components/sso/webhooks/secret-dialog";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Form } from "@/components/ui/form";
import { api } from "@/convex/_generated/api";
import type { SetupScope } from "@/convex/engine/setupScope";

/** How long the link works, in hours (the server accepts 1 to 720); a week unless changed. */
const LIFETIMES = [
  { hours: 1, label: "1 hour" },
  { hours: 24, label: "1 day" },
  { hours: 72, label: "3 days" },
  { hours: 168, label: "7 days" },
  { hours: 336, label: "14 days" },
  { hours: 720, label: "30 days" },
] as const;
const DEFAULT_HOURS = 168;

/**
 * Creates a setup link: what it may set up, for how long, and who it is for
 * (shown in the audit log). The answer carries the link, which the dialog
 * then shows, this once: only its hash is kept.
 */
export function CreateSetupLinkDialog({ connectionId }: { connectionId: string }) {
  const createSetupLink = useMutation(api.auth.group.createSetupLink);
  const [open, setOpen] = useState(false);
  const [scopes, setScopes] = useState<Set<SetupScope>>(new Set(SCOPE_ORDER));
  const [hours, setHours] = useState<number>(DEFAULT_HOURS);
  const [note, setNote] = useState("");
  const [url, setUrl] = useState<string | null>(null);
  const [scopeError, setScopeError] = useState<string | null>(null);
  const { pending, error, run, reset } = useConsoleAction();
  const id = useId();

  function changeOpen(next: boolean) {
    if (pending) return;
    if (next) {
      setScopes(new Set(SCOPE_ORDER));
      setHours(DEFAULT_HOURS);
      setNote("");
      setScopeError(null);
      reset();
    }
    // Closing forgets the link: it is shown once.
    if (!next) setUrl(null);
    setOpen(next);
  }

  function toggle(scope: SetupScope, on: boolean) {
    const next = new Set(scopes);
    if (on) next.add(scope);
    else next.delete(scope);
    setScopes(next);
    setScopeError(null);
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (scopes.size === 0) return setScopeError("Pick at least one thing to set up.");
    const outcome = await run(() => createSetupLink({ connectionId, scopes: SCOPE_ORDER.filter((scope) => scopes.has(scope)), ttlHours: hours, note: note.trim() || undefined }));
    if (outcome.ok) setUrl(outcome.value.url);
  }

  return (
    <Dialog open={open} onOpenChange={changeOpen}>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm">
          <Link2 aria-hidden />
          Create setup link
        </Button>
      </DialogTrigger>
      <DialogContent className="max-w-lg" onInteractOutside={(event) => url !== null && event.preventDefault()}>
        {url !== null ? (
          <SecretRevealBody
            title="Setup link created"
            description="Send it to the person who manages your identity provider. Anyone with the link can make these changes until it expires or you revoke it."
            secret={url}
            label="Setup link"
            hint="Only a hash of it is kept. Send it over a channel you trust; if it gets lost, revoke it and create another."
          />
        ) : (
          <Form onSubmit={handleSubmit} className="grid gap-4">
            <DialogHeader>
              <DialogTitle>Create a setup link</DialogTitle>
              <DialogDescription>
                The customer&apos;s IT admin opens it without an account and sets this connection up: nothing else of the organization.
              </DialogDescription>
            </DialogHeader>
            <fieldset className="grid gap-2.5" disabled={pending} aria-describedby={scopeError ? `${id}-scope-error` : undefined}>
              <legend className="mb-1 text-sm font-medium">What may they set up?</legend>
              {SCOPE_ORDER.map((scope) => (
                <label key={scope} className="flex cursor-pointer items-start gap-2.5 text-sm">
                  <input type="checkbox" checked={scopes.has(scope)} onChange={(event) => toggle(scope, event.target.checked)} className="accent-primary mt-0.5 size-4 shrink-0" />
                  <span>
                    <span className="font-medium">{SCOPE_LABELS[scope]}</span>
                    <span className="text-muted-foreground block">{SCOPE_DESCRIPTIONS[scope]}</span>
                  </span>
                </label>
              ))}
              {scopeError && (
                <p id={`${id}-scope-error`} className="text-destructive text-sm">
                  {scopeError}
                </p>
              )}
            </fieldset>
            <SelectField id={`${id}-expiry`} label="Expires after" hint="It stops working then; you can also revoke it before." value={hours} onChange={(event) => setHours(Number(event.target.value))} disabled={pending}>
              {LIFETIMES.map((lifetime) => (
                <option key={lifetime.hours} value={lifetime.hours}>
                  {lifetime.label}
                </option>
              ))}
            </SelectField>
            <TextField
              label="Who is it for? (optional)"
              name="note"
              maxLength={120}
              placeholder="Jane Doe, Umbrella IT"
              hint="Names the link in the list and in the audit log."
              value={note}
              onChange={(event) => setNote(event.target.value)}
              disabled={pending}
            />
            {error && <FormMessage tone="error">{error.message}</FormMessage>}
            <DialogFooter>
              <DialogClose asChild>
                <Button variant="outline" disabled={pending}>
                  Cancel
                </Button>
              </DialogClose>
              <PendingButton type="submit" pending={pending} icon={Link2} pendingLabel="Creating…">
                Create link
              </PendingButton>
            </DialogFooter>
          </Form>
        )}
      </DialogContent>
    </Dialog>
  );
}
