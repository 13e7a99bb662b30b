"use client";

import { useAction } from "convex/react";
import { Check } from "lucide-react";
import { useId, useState } from "react";
import { useConsoleAction } from "@/components/console/use-action-state";
import { useNow } from "@/components/guestbook/use-now";
import { LastValidated } from "@/components/sso/status-card";
import type { ValidationCheck } from "@/components/sso/types";
import { ValidationSection, type ValidationRunState } from "@/components/sso/validation-section";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { api } from "@/convex/_generated/api";
import type { ScimValidation } from "./types";

const CLOCK_TICK_MS = 30_000;

/**
 * The checks on the endpoint, live (set up, enabled, a working token, HTTPS),
 * until "Validate" adds those on the organization (a verified domain, a
 * policy that lets the directory create users) and what the endpoint
 * supports. A run is shown while the live checks stay as they were when it
 * ran: after a change here, the live ones take over again.
 */
function useScimValidation(connectionId: string, liveChecks: readonly ValidationCheck[]) {
  const validateScim = useAction(api.auth.group.validateScim);
  const { pending, error, run } = useConsoleAction();
  const [result, setResult] = useState<{ run: ScimValidation; basis: string } | null>(null);
  const basis = JSON.stringify(liveChecks);
  const fresh = result?.basis === basis ? result.run : null;
  const live = { ok: liveChecks.every((check) => check.ok || check.severity === "warning"), time: 0, checks: [...liveChecks] };

  async function start() {
    const outcome = await run(() => validateScim({ connectionId }));
    if (outcome.ok) setResult({ run: outcome.value, basis });
  }

  const state: ValidationRunState = { validation: fresh ?? live, pending, error, start };
  return { state, fresh };
}

type ScimStatusCardProps = { connectionId: string; checks: readonly ValidationCheck[]; canManage: boolean };

export function ScimStatusCard({ connectionId, checks, canManage }: ScimStatusCardProps) {
  const { state, fresh } = useScimValidation(connectionId, checks);
  const now = useNow(CLOCK_TICK_MS);
  const capabilitiesId = useId();
  return (
    <Card data-testid="scim-status-card" aria-busy={state.pending || undefined}>
      <CardHeader>
        <CardTitle as="h2">Status</CardTitle>
        <CardDescription>
          Whether your identity provider can provision through this connection now. Validating also checks your verified domains and the policy.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1.5 text-sm">
          <LastValidated validation={fresh} now={now} />
        </dl>
        <ValidationSection
          run={state}
          configured
          canManage={canManage}
          dirty={false}
          pendingText="Checking the endpoint, your domains and the policy…"
          testIdPrefix="scim"
        />
        {fresh && (
          <section aria-labelledby={capabilitiesId} data-testid="scim-capabilities" className="grid gap-2 border-t pt-4">
            <h3 id={capabilitiesId} className="text-sm font-semibold">
              What the endpoint supports
            </h3>
            <ul className="grid gap-1.5 text-sm">
              {fresh.capabilities.map((capability) => (
                <li key={capability} className="text-muted-foreground flex items-start gap-2">
                  <Check aria-hidden className="mt-0.5 size-4 shrink-0 text-emerald-600 dark:text-emerald-400" />
                  <span className="min-w-0 break-words">{capability}</span>
                </li>
              ))}
            </ul>
          </section>
        )}
      </CardContent>
    </Card>
  );
}
