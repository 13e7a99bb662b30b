"use client";

import { useMutation } from "convex/react";
import { Globe, LoaderCircle, Star, Trash2 } from "lucide-react";
import { useState } from "react";
import { destructiveOutlineButton } from "@/components/console/button-styles";
import { ConfirmDialog } from "@/components/console/confirm-dialog";
import { FormMessage } from "@/components/console/form-message";
import { useConsoleAction } from "@/components/console/use-action-state";
import { useNow } from "@/components/guestbook/use-now";
import { DomainStatusBadge } from "@/components/sso/status-badges";
import { formatDateTime } from "@/components/sso/time";
import type { Domain, DomainStatus } from "@/components/sso/types";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { api } from "@/convex/_generated/api";
import { formatRelativeTime } from "@/lib/relative-time";
import { DnsRecordPanel } from "./dns-record-panel";

const CLOCK_TICK_MS = 30_000;

type DomainItemProps = {
  connectionId: string;
  domain: Domain;
  /** All of the connection's domains: setDomains replaces the whole list. */
  domains: Domain[];
  canManage: boolean;
  devDns: boolean;
};

/** One domain: status, primary marker, times, and until it is verified, the record to publish. */
export function DomainItem({ connectionId, domain, domains, canManage, devDns }: DomainItemProps) {
  const now = useNow(CLOCK_TICK_MS);
  // The server reads a challenge past its expiry as expired, but only when the query re-runs; the clock here doesn't wait.
  const status: DomainStatus =
    domain.status === "pending" && domain.expiresTime !== null && domain.expiresTime <= now ? "expired" : domain.status;
  // Set by "Verify now" when the check it ran came back verified (the record panel is gone by then).
  const [justVerified, setJustVerified] = useState(false);

  return (
    <li data-testid="domain" data-domain={domain.domain} className="grid gap-4 py-5 first:pt-0 last:pb-0">
      <div className="flex flex-wrap items-start gap-3 sm:flex-nowrap">
        <span
          aria-hidden
          className="bg-accent-subtle text-accent-subtle-foreground flex size-9 shrink-0 items-center justify-center rounded-lg"
        >
          <Globe className="size-4" />
        </span>
        <div className="grid min-w-0 flex-1 gap-1">
          <p className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <span className="font-medium break-all">{domain.domain}</span>
            {domain.isPrimary && (
              <Badge variant="accent">
                <Star aria-hidden />
                Primary
              </Badge>
            )}
            <DomainStatusBadge status={status} />
          </p>
          <p className="text-muted-foreground text-xs">
            {domain.verifiedTime !== null && status === "verified" && (
              <>
                Verified <Time timestamp={domain.verifiedTime} now={now} />
                {" · "}
              </>
            )}
            {domain.lastCheckedTime !== null ? (
              <>
                Last checked <Time timestamp={domain.lastCheckedTime} now={now} />
              </>
            ) : (
              "Not checked yet"
            )}
          </p>
        </div>
        {canManage && <DomainActions connectionId={connectionId} domain={domain} domains={domains} />}
      </div>
      {justVerified && status === "verified" && (
        <FormMessage tone="success" className="sm:pl-12">
          Verified: you own {domain.domain}. Its TXT record can stay published or be removed.
        </FormMessage>
      )}
      {status !== "verified" && domain.record && (
        <DnsRecordPanel
          connectionId={connectionId}
          domain={domain}
          record={domain.record}
          status={status}
          now={now}
          canManage={canManage}
          devDns={devDns}
          onVerified={() => setJustVerified(true)}
        />
      )}
    </li>
  );
}

function Time({ timestamp, now }: { timestamp: number; now: number }) {
  return (
    <time dateTime={new Date(timestamp).toISOString()} title={formatDateTime(timestamp)} suppressHydrationWarning>
      {formatRelativeTime(timestamp, now)}
    </time>
  );
}

/** Make primary and remove: both send the whole list back to setDomains. */
function DomainActions({ connectionId, domain, domains }: { connectionId: string; domain: Domain; domains: Domain[] }) {
  const setDomains = useMutation(api.auth.group.setDomains);
  const { pending, error, run } = useConsoleAction();
  const names = domains.map((candidate) => candidate.domain);
  const currentPrimary = domains.find((candidate) => candidate.isPrimary)?.domain;
  const rest = names.filter((name) => name !== domain.domain);
  // Removing the primary domain makes the first remaining one primary (the server's default).
  const primaryAfterRemoval = domain.isPrimary ? undefined : currentPrimary;

  return (
    // Under the name on narrow screens (lined up with it), on its right from sm up.
    <div className="flex w-full flex-col items-start gap-1 pl-12 sm:w-auto sm:items-end sm:pl-0">
      <div className="flex gap-2">
        {!domain.isPrimary && (
          <Button
            variant="outline"
            size="sm"
            aria-label={`Make ${domain.domain} primary`}
            disabled={pending}
            onClick={() => run(() => setDomains({ connectionId, domains: names, primary: domain.domain }))}
          >
            {pending ? <LoaderCircle aria-hidden className="animate-spin" /> : <Star aria-hidden />}
            Make primary
          </Button>
        )}
        <ConfirmDialog
          trigger={
            <Button variant="outline" size="sm" aria-label={`Remove ${domain.domain}`} className={destructiveOutlineButton}>
              <Trash2 aria-hidden />
              Remove
            </Button>
          }
          title={`Remove ${domain.domain}?`}
          description={
            <>
              People with @{domain.domain} addresses stop signing in through this connection. Claiming the domain again
              means verifying it again.
              {domain.isPrimary && rest.length > 0 && ` ${rest[0]} becomes the primary domain.`}
            </>
          }
          confirmLabel="Remove domain"
          destructive
          onConfirm={() => setDomains({ connectionId, domains: rest, primary: rest.length > 0 ? primaryAfterRemoval : undefined })}
        />
      </div>
      {error && (
        <FormMessage tone="error" className="max-w-xs sm:text-right">
          {error.message}
        </FormMessage>
      )}
    </div>
  );
}
