"use client";

import { useMutation } from "convex/react";
import { KeyRound, RefreshCw } from "lucide-react";
import { useRef, useState } from "react";
import { ConfirmDialog } from "@/components/console/confirm-dialog";
import { FormMessage } from "@/components/console/form-message";
import { QueryError } from "@/components/console/query-error";
import { useConsoleAction } from "@/components/console/use-action-state";
import { useNow } from "@/components/guestbook/use-now";
import { CheckList } from "@/components/sso/check-list";
import { CopyField } from "@/components/sso/copy-value";
import { PendingButton } from "@/components/sso/pending-button";
import { SettingsColumns, SettingsFormSkeleton } from "@/components/sso/protocol-page";
import { RelativeTime } from "@/components/sso/relative-time";
import { InstructionsCard } from "@/components/sso/scim/instructions-card";
import { TokenDialog, type IssuedToken } from "@/components/sso/scim/token-dialog";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { api } from "@/convex/_generated/api";
import { useSetupQuery } from "./use-setup-query";

const CLOCK_TICK_MS = 30_000;

/**
 * The SCIM step: the base URL and a bearer token for the identity provider
 * (shown once; a new one replaces it at once), where they go at each
 * provider (the console's instructions), and the endpoint's checks, live.
 */
export function ScimStep({ token }: { token: string }) {
  const status = useSetupQuery(api.auth.setup.getScimStatus, { token });
  const issueScimToken = useMutation(api.auth.setup.issueScimToken);
  const { pending, error, run } = useConsoleAction();
  const [issued, setIssued] = useState<IssuedToken | null>(null);
  const now = useNow(CLOCK_TICK_MS);
  const tokenHeading = useRef<HTMLHeadingElement>(null);

  if (status.status === "pending") return <SettingsFormSkeleton label="Loading SCIM" />;
  if (status.status === "error") return <QueryError error={status.error} what="SCIM" />;
  const scim = status.data;
  const current = scim.tokens.at(-1);

  function show(secret: string, title: string) {
    setIssued({ token: secret, title, description: "Your identity provider sends it with every provisioning request, together with the base URL." });
  }

  async function issueFirst() {
    const outcome = await run(() => issueScimToken({ token }));
    if (outcome.ok) show(outcome.value.token, "SCIM is on: here is its token");
  }

  // In the confirmation dialog, which shows a failure itself.
  async function replace() {
    show((await issueScimToken({ token })).token, "Here is the new SCIM token");
  }

  return (
    <div className="grid gap-6">
      <Card data-testid="scim-endpoint">
        <CardHeader>
          <CardTitle as="h2" ref={tokenHeading} tabIndex={-1}>
            Provisioning endpoint
          </CardTitle>
          <CardDescription>
            With SCIM, your identity provider creates, updates and deactivates the organization&apos;s members as its directory changes. Give it this
            base URL and a token.
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-5">
          <CopyField label="SCIM base URL" testId="scim-base-url" value={scim.baseUrl} hint="Some providers call it the Tenant URL or SCIM connector base URL." />
          <div className="grid gap-2" aria-live="polite">
            <p data-testid="scim-token-state" className="text-sm">
              {current ? (
                <>
                  A token is active: <code className="font-mono text-xs">{current.prefix}…</code>, issued <RelativeTime timestamp={current.createdTime} now={now} />.
                  It was shown once; if it got lost, rotate it.
                </>
              ) : (
                "No token yet."
              )}
            </p>
            {current ? (
              <ConfirmDialog
                trigger={
                  <Button variant="outline" className="w-full sm:w-fit">
                    <RefreshCw aria-hidden />
                    Rotate the token
                  </Button>
                }
                title="Rotate the SCIM token?"
                description="The current token stops working at once: paste the new one into your identity provider's provisioning settings straight away."
                confirmLabel="Rotate the token"
                onConfirm={replace}
              />
            ) : (
              <PendingButton className="w-full sm:w-fit" onClick={issueFirst} pending={pending} icon={KeyRound} pendingLabel="Issuing…">
                Issue a SCIM token
              </PendingButton>
            )}
            {error && <FormMessage tone="error">{error.message}</FormMessage>}
          </div>
        </CardContent>
      </Card>
      <SettingsColumns
        form={<InstructionsCard baseUrl={scim.baseUrl} />}
        aside={
          <Card>
            <CardHeader>
              <CardTitle as="h2">Checks</CardTitle>
              <CardDescription>Whether your identity provider can provision through this endpoint now.</CardDescription>
            </CardHeader>
            <CardContent>
              <CheckList checks={scim.checks} testIdPrefix="scim" />
            </CardContent>
          </Card>
        }
      />
      <TokenDialog issued={issued} onDone={() => setIssued(null)} returnFocusTo={tokenHeading} />
    </div>
  );
}
