"use client";

import { useMutation } from "convex/react";
import { LoaderCircle, Send } from "lucide-react";
import { useId, useRef, useState, type FormEvent } from "react";
import * as z from "zod";
import { FormMessage } from "@/components/console/form-message";
import { ROLE_LABELS } from "@/components/console/role-badge";
import { TextField } from "@/components/console/text-field";
import { useConsoleAction } from "@/components/console/use-action-state";
import { hasGrant, type ActiveGroup } from "@/components/console/use-active-group";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { api } from "@/convex/_generated/api";
import { inviteSchema, ROLE_OPTIONS, type RoleOption } from "@/lib/validation/group";
import { Form } from "@/components/ui/form";

const ROLE_HINTS: Record<RoleOption, string> = {
  member: "Sees and edits projects.",
  admin: "Also manages members, invitations and archiving.",
  owner: "Full control, including owners and the organization itself.",
};

/** Invite someone by email; they get a link that works once, for 7 days. */
export function InviteForm({ group }: { group: ActiveGroup }) {
  const createInvite = useMutation(api.invites.create);
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<RoleOption>("member");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const { pending, error, run } = useConsoleAction();
  const emailInput = useRef<HTMLInputElement>(null);
  const roleId = useId();
  const roles = ROLE_OPTIONS.filter((option) => option !== "owner" || hasGrant(group, "group.manage"));

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSentTo(null);
    const parsed = inviteSchema.safeParse({ email, role });
    if (!parsed.success) {
      setFieldError(z.flattenError(parsed.error).fieldErrors.email?.[0] ?? "Check the email address.");
      emailInput.current?.focus();
      return;
    }
    setFieldError(null);
    const outcome = await run(() => createInvite({ groupId: group.groupId, ...parsed.data }));
    if (outcome.ok) {
      setSentTo(parsed.data.email);
      setEmail("");
      setRole("member");
    }
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">Invite a teammate</CardTitle>
        <CardDescription>They get an email with a link to join {group.name}. The link works once and expires in 7 days.</CardDescription>
      </CardHeader>
      <CardContent>
        <Form onSubmit={handleSubmit} aria-label="Invite a teammate" className="grid gap-3">
          <div className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_11rem] sm:items-start">
            <TextField
              ref={emailInput}
              label="Email address"
              type="email"
              name="email"
              autoComplete="off"
              placeholder="teammate@example.com"
              value={email}
              onChange={(event) => {
                setEmail(event.target.value);
                setFieldError(null);
                setSentTo(null);
              }}
              error={fieldError}
              disabled={pending}
            />
            <div className="grid gap-2">
              <Label htmlFor={roleId}>Role</Label>
              <Select
                id={roleId}
                name="role"
                value={role}
                onChange={(event) => setRole(event.target.value as RoleOption)}
                disabled={pending}
                aria-describedby={`${roleId}-hint`}
              >
                {roles.map((option) => (
                  <option key={option} value={option}>
                    {ROLE_LABELS[option]}
                  </option>
                ))}
              </Select>
            </div>
          </div>
          <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
            <p id={`${roleId}-hint`} className="text-muted-foreground text-sm">
              <span className="text-foreground font-medium">{ROLE_LABELS[role]}:</span> {ROLE_HINTS[role]}
            </p>
            <Button type="submit" disabled={pending}>
              {pending ? <LoaderCircle aria-hidden className="animate-spin" /> : <Send aria-hidden />}
              Send invitation
            </Button>
          </div>
          {error && <FormMessage tone="error">{error.message}</FormMessage>}
          {sentTo && <FormMessage tone="success">Invitation sent to {sentTo}.</FormMessage>}
        </Form>
      </CardContent>
    </Card>
  );
}
