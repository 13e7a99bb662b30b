"use client";

import { useAction, useMutation } from "convex/react";
import { CircleAlert, ExternalLink, LoaderCircle, RefreshCw, SearchCheck, Terminal } from "lucide-react";
import Link from "next/link";
import { useId, useState } from "react";
import { ConfirmDialog } from "@/components/console/confirm-dialog";
import { FormMessage } from "@/components/console/form-message";
import { useConsoleAction } from "@/components/console/use-action-state";
import { CopyButton } from "@/components/sso/copy-button";
import { describeExpiry, formatDateTime } from "@/components/sso/time";
import type { Domain, DomainStatus } from "@/components/sso/types";
import { Button } from "@/components/ui/button";
import { api } from "@/convex/_generated/api";
import { cn } from "@/lib/cn";

type DnsRecordPanelProps = {
  connectionId: string;
  domain: Domain;
  record: NonNullable<Domain["record"]>;
  /** The domain's status as shown (a pending record past its expiry reads as expired). */
  status: Exclude<DomainStatus, "verified">;
  now: number;
  canManage: boolean;
  devDns: boolean;
  onVerified: () => void;
};

/**
 * The TXT record that proves the domain is yours, with copy buttons, its
 * expiry, "Verify now" (a DNS lookup on the server; the list updates live with
 * the outcome) and "New record".
 */
export function DnsRecordPanel({ connectionId, domain, record, status, now, canManage, devDns, onVerified }: DnsRecordPanelProps) {
  const headingId = useId();
  const expired = status === "expired";

  return (
    <section
      aria-labelledby={headingId}
      data-testid="domain-record"
      className="bg-muted/40 grid gap-4 rounded-lg border p-4 sm:ml-12"
    >
      <div className="grid gap-1">
        <h3 id={headingId} className="text-sm font-semibold">
          {expired ? "This record has expired" : "Publish this DNS record"}
        </h3>
        <p className="text-muted-foreground text-sm">
          {expired
            ? "Get a new record, publish it at your DNS provider, then verify it."
            : `Add it at your DNS provider to prove you own ${domain.domain}, then verify it. DNS changes can take a few minutes to show up.`}
        </p>
      </div>

      <dl className="grid gap-3">
        <RecordField label="Type" value={record.type} copyLabel="record type" compact />
        <RecordField label="Name" value={record.name} copyLabel="record name" />
        <RecordField label="Value" value={record.value} copyLabel="record value" />
      </dl>

      {domain.expiresTime !== null && (
        <p className={cn("text-xs", expired ? "text-destructive" : "text-muted-foreground")}>
          <time dateTime={new Date(domain.expiresTime).toISOString()} title={formatDateTime(domain.expiresTime)} suppressHydrationWarning>
            {describeExpiry(domain.expiresTime, now)}
          </time>
        </p>
      )}

      {domain.failureReason && (status === "failed" || status === "expired") && (
        <p data-testid="failure-reason" className="text-destructive flex items-start gap-1.5 text-sm">
          <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
          <span>
            <span className="font-medium">Last check: </span>
            {domain.failureReason}
          </span>
        </p>
      )}

      {canManage && (
        <VerifyControls connectionId={connectionId} domain={domain} expired={expired} onVerified={onVerified} />
      )}

      {devDns && (
        <p className="text-muted-foreground flex items-start gap-1.5 border-t pt-3 text-xs">
          <Terminal aria-hidden className="mt-px size-3.5 shrink-0" />
          <span>
            Developing locally?{" "}
            <Link
              href="/dev/dns"
              target="_blank"
              rel="noreferrer"
              className="text-foreground inline-flex items-center gap-0.5 font-medium underline underline-offset-2"
            >
              Publish it on the local DNS server
              <ExternalLink aria-hidden className="size-3" />
              <span className="sr-only"> (opens in a new tab)</span>
            </Link>
            , then verify.
          </span>
        </p>
      )}
    </section>
  );
}

type RecordFieldProps = {
  label: string;
  value: string;
  copyLabel: string;
  /** A short value (the type): its box fits the value rather than the row. */
  compact?: boolean;
};

function RecordField({ label, value, copyLabel, compact }: RecordFieldProps) {
  return (
    <div
      className={cn(
        "grid items-center gap-x-2 gap-y-1",
        compact
          ? "grid-cols-[auto_auto] justify-start sm:grid-cols-[3.5rem_auto_auto]"
          : "grid-cols-[minmax(0,1fr)_auto] sm:grid-cols-[3.5rem_minmax(0,1fr)_auto]",
      )}
    >
      <dt className="text-muted-foreground col-span-2 text-xs font-medium sm:col-span-1">{label}</dt>
      <dd
        data-testid={`record-${label.toLowerCase()}`}
        className="bg-background min-w-0 rounded-md border px-2.5 py-1.5 font-mono text-xs break-all select-all"
      >
        {value}
      </dd>
      <dd>
        <CopyButton value={value} label={copyLabel} />
      </dd>
    </div>
  );
}

function VerifyControls({
  connectionId,
  domain,
  expired,
  onVerified,
}: {
  connectionId: string;
  domain: Domain;
  expired: boolean;
  onVerified: () => void;
}) {
  const confirmVerification = useAction(api.auth.group.confirmDomainVerification);
  const requestVerification = useMutation(api.auth.group.requestDomainVerification);
  const verify = useConsoleAction();
  const renew = useConsoleAction();
  // The outcome of the last "Verify now" that didn't verify: the reason shows above, this says the check ran.
  const [notVerified, setNotVerified] = useState(false);

  async function verifyNow() {
    setNotVerified(false);
    const outcome = await verify.run(() => confirmVerification({ connectionId, domain: domain.domain }));
    if (outcome.ok && outcome.value === "verified") onVerified();
    else if (outcome.ok) setNotVerified(true);
  }

  const busy = verify.pending || renew.pending;
  return (
    <div className="grid gap-2">
      <div className="flex flex-wrap items-center gap-2">
        {expired ? (
          // Checking an expired record can only fail: a new one is the way on.
          <Button disabled={busy} onClick={() => renew.run(() => requestVerification({ connectionId, domain: domain.domain }))}>
            {renew.pending ? <LoaderCircle aria-hidden className="animate-spin" /> : <RefreshCw aria-hidden />}
            New record
          </Button>
        ) : (
          <>
            <Button onClick={verifyNow} disabled={busy} aria-busy={verify.pending || undefined}>
              {verify.pending ? <LoaderCircle aria-hidden className="animate-spin" /> : <SearchCheck aria-hidden />}
              {verify.pending ? "Checking DNS…" : "Verify now"}
            </Button>
            <ConfirmDialog
              trigger={
                <Button variant="outline" disabled={busy}>
                  <RefreshCw aria-hidden />
                  New record
                </Button>
              }
              title={`New record for ${domain.domain}?`}
              description="You get a new value, valid for 7 days. The current one stops counting: publish the new record instead (and remove the old one at your DNS provider)."
              confirmLabel="Get a new record"
              onConfirm={() => requestVerification({ connectionId, domain: domain.domain })}
            />
          </>
        )}
      </div>
      <div aria-live="polite" className="min-h-0">
        {verify.pending && <p className="text-muted-foreground text-sm">Looking up the TXT record…</p>}
        {notVerified && !verify.pending && (
          <p data-testid="verify-outcome" className="text-muted-foreground text-sm">
            Not verified yet: the last check above says why.
          </p>
        )}
        {verify.error && <FormMessage tone="error">{verify.error.message}</FormMessage>}
        {renew.error && <FormMessage tone="error">{renew.error.message}</FormMessage>}
      </div>
    </div>
  );
}
