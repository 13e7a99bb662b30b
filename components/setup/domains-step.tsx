"use client";

import { useAction, useMutation } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { ExternalLink, Globe, Plus, RefreshCw, SearchCheck, Terminal, Trash2 } from "lucide-react";
import { useState, type FormEvent } from "react";
import { FormMessage } from "@/components/console/form-message";
import { ListSkeleton } from "@/components/console/skeleton";
import { QueryError } from "@/components/console/query-error";
import { TextField } from "@/components/console/text-field";
import { useConsoleAction } from "@/components/console/use-action-state";
import { useNow } from "@/components/guestbook/use-now";
import { CopyField } from "@/components/sso/copy-value";
import { PendingButton } from "@/components/sso/pending-button";
import { DomainStatusBadge } from "@/components/sso/status-badges";
import { describeExpiry } from "@/components/sso/time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Form } from "@/components/ui/form";
import { api } from "@/convex/_generated/api";
import { useSetupQuery } from "./use-setup-query";

type Domain = FunctionReturnType<typeof api.auth.setup.listDomains>[number];

const CLOCK_TICK_MS = 30_000;

/**
 * The domains step: the organization's email domains on this connection,
 * each with the DNS TXT record that proves it is theirs and "Verify" (a DNS
 * lookup on the server). Domains can be added; ones added by mistake
 * removed, as long as they aren't verified.
 */
export function DomainsStep({ token, devDns }: { token: string; /** A local DNS server to publish on (development). */ devDns: boolean }) {
  const domains = useSetupQuery(api.auth.setup.listDomains, { token });
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">Email domains</CardTitle>
        <CardDescription>
          People whose email is on a verified domain sign in through your identity provider. Prove each domain is yours by publishing a DNS TXT record.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        <AddDomain token={token} />
        {domains.status === "pending" ? (
          <ListSkeleton label="Loading the domains" rows={2} />
        ) : domains.status === "error" ? (
          <QueryError error={domains.error} what="the domains" />
        ) : domains.data.length === 0 ? (
          <p data-testid="domains-empty" className="text-muted-foreground rounded-lg border border-dashed px-4 py-5 text-sm">
            No domain yet. Add the part after the @ in your people&apos;s email addresses.
          </p>
        ) : (
          <ul className="divide-y">
            {domains.data.map((domain) => (
              <DomainRow key={domain.domainId} token={token} domain={domain} devDns={devDns} />
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}

function AddDomain({ token }: { token: string }) {
  const addDomain = useMutation(api.auth.setup.addDomain);
  const [value, setValue] = useState("");
  const { pending, error, run, reset } = useConsoleAction();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (value.trim() === "") return;
    const outcome = await run(() => addDomain({ token, domain: value }));
    if (outcome.ok) setValue("");
  }

  return (
    <Form onSubmit={submit} aria-label="Add a domain" className="flex flex-col gap-2 sm:flex-row sm:items-start">
      <TextField
        label="Domain"
        name="domain"
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        inputMode="url"
        placeholder="example.com"
        value={value}
        onChange={(event) => {
          setValue(event.target.value);
          reset();
        }}
        error={error?.message}
        hint="The part after the @ in your people's email addresses."
        disabled={pending}
        wrapperClassName="flex-1"
      />
      <PendingButton type="submit" pending={pending} icon={Plus} className="sm:mt-[1.375rem]">
        Add domain
      </PendingButton>
    </Form>
  );
}

function DomainRow({ token, domain, devDns }: { token: string; domain: Domain; devDns: boolean }) {
  const confirm = useAction(api.auth.setup.confirmDomainVerification);
  const renew = useMutation(api.auth.setup.requestDomainVerification);
  const remove = useMutation(api.auth.setup.removeDomain);
  const verify = useConsoleAction();
  const other = useConsoleAction();
  const now = useNow(CLOCK_TICK_MS);
  const expired = domain.status === "expired" || (domain.expiresTime !== null && domain.status !== "verified" && domain.expiresTime <= now);
  const busy = verify.pending || other.pending;

  return (
    <li data-testid="domain" data-domain={domain.domain} className="grid gap-4 py-5 first:pt-0 last:pb-0">
      <div className="flex flex-wrap items-center gap-3">
        <Globe aria-hidden className="text-muted-foreground size-5 shrink-0" />
        <span className="min-w-0 font-medium break-all">{domain.domain}</span>
        <DomainStatusBadge status={expired ? "expired" : domain.status} />
        {domain.isPrimary && <Badge variant="outline">Primary</Badge>}
        {domain.status !== "verified" && (
          <Button variant="outline" size="sm" className="ml-auto" disabled={busy} onClick={() => other.run(() => remove({ token, domain: domain.domain }))}>
            <Trash2 aria-hidden />
            Remove
          </Button>
        )}
      </div>
      {domain.record && (
        <section aria-label={`DNS record for ${domain.domain}`} data-testid="domain-record" className="bg-muted/40 grid gap-4 rounded-lg border p-4 sm:ml-8">
          <p className="text-muted-foreground text-sm">
            {expired ? "This record has expired: get a new one, publish it, then verify." : "Add this TXT record at your DNS provider, then verify it. DNS changes can take a few minutes to show up."}
          </p>
          <div className="grid gap-4 md:grid-cols-2">
            <CopyField label="Name" testId="record-name" value={domain.record.name} />
            <CopyField label="Value" testId="record-value" value={domain.record.value} />
          </div>
          {domain.expiresTime !== null && <p className="text-muted-foreground text-xs">{describeExpiry(domain.expiresTime, now)}</p>}
          {domain.failureReason && (domain.status === "failed" || expired) && (
            <p data-testid="failure-reason" className="text-destructive text-sm">
              <span className="font-medium">Last check: </span>
              {domain.failureReason}
            </p>
          )}
          <div className="flex flex-wrap gap-2">
            {!expired && (
              <PendingButton pending={verify.pending} disabled={busy} icon={SearchCheck} pendingLabel="Checking DNS…" onClick={() => verify.run(() => confirm({ token, domain: domain.domain }))}>
                Verify
              </PendingButton>
            )}
            <Button variant={expired ? "primary" : "outline"} disabled={busy} onClick={() => other.run(() => renew({ token, domain: domain.domain }))}>
              <RefreshCw aria-hidden />
              New record
            </Button>
          </div>
          <div aria-live="polite" className="empty:hidden">
            {verify.error && <FormMessage tone="error">{verify.error.message}</FormMessage>}
            {other.error && <FormMessage tone="error">{other.error.message}</FormMessage>}
          </div>
          {devDns && (
            <p className="text-muted-foreground flex items-start gap-1.5 border-t pt-3 text-xs">
              <Terminal aria-hidden className="mt-px size-3.5 shrink-0" />
              <span>
                Developing locally?{" "}
                <a href="/dev/dns" target="_blank" rel="noreferrer" className="text-foreground inline-flex items-center gap-0.5 font-medium underline underline-offset-2">
                  Publish it on the local DNS server
                  <ExternalLink aria-hidden className="size-3" />
                  <span className="sr-only"> (opens in a new tab)</span>
                </a>
                , then verify.
              </span>
            </p>
          )}
        </section>
      )}
    </li>
  );
}
