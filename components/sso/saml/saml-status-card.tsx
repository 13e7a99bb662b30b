"use client";

import { useAction, type UseQueryResult } from "convex/react";
import { LoaderCircle, RefreshCw } from "lucide-react";
import { useState } from "react";
import { FormMessage } from "@/components/console/form-message";
import { useConsoleAction } from "@/components/console/use-action-state";
import { RelativeTime } from "@/components/sso/relative-time";
import { LastValidated, StatusCard } from "@/components/sso/status-card";
import { Button } from "@/components/ui/button";
import { api } from "@/convex/_generated/api";
import { CertificateList } from "./certificate-list";
import type { ValidationRun } from "@/components/sso/types";
import type { SamlStatus, SamlView } from "./types";

type SamlStatusCardProps = {
  connectionId: string;
  status: UseQueryResult<SamlStatus>;
  /** The saved settings (the IdP's entity ID, endpoints and where its metadata came from); `null` before the first save. */
  saved: SamlView | null;
  canManage: boolean;
  /** The form has unsaved edits: validation checks the saved settings. */
  dirty: boolean;
  /** Validates another way than the console's `validateSaml` (the setup wizard validates through its link). */
  validate?: () => Promise<ValidationRun>;
  /** Offer "Refresh metadata" (the console); saving reads the metadata again anyway. */
  canRefresh?: boolean;
};

/**
 * What the saved metadata says about the identity provider (entity ID,
 * sign-in endpoint, signing certificates with their expiry), and
 * "Validate", whose stored last run shows here live.
 */
export function SamlStatusCard({ connectionId, status, saved, canManage, dirty, validate, canRefresh = true }: SamlStatusCardProps) {
  const validateSaml = useAction(api.auth.group.validateSaml);
  return (
    <StatusCard
      status={status}
      testIdPrefix="saml"
      description="Validating checks the saved metadata: the sign-in endpoint, the certificates and, if requests are signed, our key."
      validate={validate ?? (() => validateSaml({ connectionId }))}
      pendingText="Checking the saved metadata…"
      canManage={canManage}
      dirty={dirty}
    >
      {(data, { validation, now }) => (
        <>
          {saved ? (
            <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1.5 text-sm">
              <dt className="text-muted-foreground">IdP entity ID</dt>
              <dd data-testid="saml-idp-entity-id" className="font-mono text-xs break-all">
                {saved.metadata.entityId}
              </dd>
              <dt className="text-muted-foreground">Sign-in URL</dt>
              <dd data-testid="saml-sso-url" className="font-mono text-xs break-all">
                {saved.metadata.ssoUrls.redirect ?? saved.metadata.ssoUrls.post ?? "None"}
                {!saved.metadata.ssoUrls.redirect && saved.metadata.ssoUrls.post && (
                  <span className="text-destructive font-sans"> (HTTP-POST only; sign-in needs HTTP-Redirect)</span>
                )}
              </dd>
              <dt className="text-muted-foreground">Metadata</dt>
              <dd>
                {saved.metadata.url ? "From its URL" : "Uploaded XML"}, read <RelativeTime timestamp={saved.metadata.fetchedTime} now={now} />
              </dd>
              {data.lastRefresh && (
                <>
                  <dt className="text-muted-foreground">Last refresh</dt>
                  <dd className={data.lastRefresh.ok ? undefined : "text-destructive"}>
                    {data.lastRefresh.ok ? "Succeeded" : "Failed"} <RelativeTime timestamp={data.lastRefresh.time} now={now} />
                    {!data.lastRefresh.ok && data.lastRefresh.message && `: ${data.lastRefresh.message}`}
                  </dd>
                </>
              )}
              <LastValidated validation={validation} now={now} />
            </dl>
          ) : (
            <p data-testid="saml-status-empty" className="text-muted-foreground rounded-lg border border-dashed px-4 py-5 text-sm">
              No identity provider yet. Once its metadata is saved, its entity ID, sign-in URL and signing certificates show here.
            </p>
          )}

          {saved && (
            <section aria-labelledby="saml-certificates-title" className="grid gap-2">
              <h3 id="saml-certificates-title" className="text-sm font-semibold">
                Signing certificates
              </h3>
              <CertificateList certificates={data.certificates} now={now} />
            </section>
          )}
          {canManage && canRefresh && saved?.metadata.url && <RefreshButton connectionId={connectionId} />}
        </>
      )}
    </StatusCard>
  );
}

/** Reads the metadata from its URL again now (to pick up new certificates), changing nothing else. */
function RefreshButton({ connectionId }: { connectionId: string }) {
  const refreshSaml = useAction(api.auth.group.refreshSaml);
  const { pending, error, run } = useConsoleAction();
  // The server answers { ok: false } when the identity provider can't be read: the last good copy stays.
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);

  async function refresh() {
    setResult(null);
    const outcome = await run(() => refreshSaml({ connectionId }));
    if (outcome.ok) setResult(outcome.value);
  }

  return (
    <div className="grid gap-2">
      <Button variant="outline" className="w-full sm:w-fit" onClick={refresh} disabled={pending} aria-busy={pending || undefined}>
        {pending ? <LoaderCircle aria-hidden className="animate-spin" /> : <RefreshCw aria-hidden />}
        {pending ? "Refreshing…" : "Refresh metadata"}
      </Button>
      <div aria-live="polite" className="empty:hidden">
        {error && (
          <FormMessage tone="error">
            {error.code === "NOT_AVAILABLE" ? "Refreshing isn't available yet. Saving the settings reads the metadata again." : error.message}
          </FormMessage>
        )}
        {result && (
          <FormMessage tone={result.ok ? "success" : "error"}>
            {result.ok ? "Metadata read again." : `Not refreshed; the saved metadata stays. ${result.message}`}
          </FormMessage>
        )}
      </div>
    </div>
  );
}
