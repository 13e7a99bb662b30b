"use client";

import { useMutation } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { Ban, KeyRound, LoaderCircle, Send } from "lucide-react";
import { useState } from "react";
import { destructiveOutlineButton } from "@/components/console/button-styles";
import { ConfirmDialog } from "@/components/console/confirm-dialog";
import { FormMessage } from "@/components/console/form-message";
import { useConsoleAction } from "@/components/console/use-action-state";
import { kindLabel } from "@/components/sso/audit/kinds";
import { Timestamp } from "@/components/sso/audit/timestamp";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { api } from "@/convex/_generated/api";
import { cn } from "@/lib/cn";
import { DeliveryLog } from "./delivery-log";
import { ALL_EVENTS } from "./kinds";
import { SecretDialog } from "./secret-dialog";

export type Endpoint = FunctionReturnType<typeof api.auth.group.listWebhookEndpoints>[number];

const SHOWN_KINDS = 4;

/** One endpoint: where, what, since when; test, rotate, disable; and its delivery log. */
export function EndpointItem({ endpoint }: { endpoint: Endpoint }) {
  const sendTest = useMutation(api.auth.group.sendWebhookTestEvent);
  const rotate = useMutation(api.auth.group.rotateWebhookSecret);
  const disable = useMutation(api.auth.group.disableWebhookEndpoint);
  const test = useConsoleAction();
  const [testSent, setTestSent] = useState(false);
  const [newSecret, setNewSecret] = useState<string | null>(null);
  const active = endpoint.status === "active";
  const host = hostOf(endpoint.url);

  async function sendTestEvent() {
    setTestSent(false);
    const outcome = await test.run(() => sendTest({ endpointId: endpoint.endpointId }));
    if (outcome.ok) setTestSent(true);
  }

  return (
    <li
      data-testid="webhook-endpoint"
      data-status={endpoint.status}
      className={cn("grid gap-4 rounded-lg border p-4", !active && "bg-muted/30")}
    >
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="grid min-w-0 flex-1 gap-1.5">
          <div className="flex flex-wrap items-center gap-2">
            <EndpointStatusBadge status={endpoint.status} />
            <p data-testid="endpoint-url" className={cn("min-w-0 font-mono text-sm break-all", !active && "text-muted-foreground")}>
              {endpoint.url}
            </p>
          </div>
          <div className="flex flex-wrap items-center gap-1.5">
            {endpoint.kinds.includes(ALL_EVENTS) ? (
              <Badge variant="accent">All events</Badge>
            ) : (
              <>
                {endpoint.kinds.slice(0, SHOWN_KINDS).map((kind) => (
                  <Badge key={kind} variant="outline" title={kind}>
                    {kindLabel(kind)}
                  </Badge>
                ))}
                {endpoint.kinds.length > SHOWN_KINDS && (
                  <Badge title={endpoint.kinds.slice(SHOWN_KINDS).map(kindLabel).join(", ")}>
                    +{endpoint.kinds.length - SHOWN_KINDS} more
                  </Badge>
                )}
              </>
            )}
          </div>
          <p className="text-muted-foreground text-xs">
            Added <Timestamp time={endpoint._creationTime} />
          </p>
        </div>
        {active && (
          <div className="flex shrink-0 flex-wrap gap-2 lg:flex-nowrap">
            <Button variant="outline" size="sm" onClick={sendTestEvent} disabled={test.pending} aria-label={`Send test event to ${host}`}>
              {test.pending ? <LoaderCircle aria-hidden className="animate-spin" /> : <Send aria-hidden />}
              Send test event
            </Button>
            <ConfirmDialog
              trigger={
                <Button variant="outline" size="sm" aria-label={`Rotate secret of ${host}`}>
                  <KeyRound aria-hidden />
                  Rotate secret
                </Button>
              }
              title="Rotate the signing secret?"
              description={`A new secret replaces the current one at once: from now on, deliveries to ${host} (retries included) are signed with it. Update your receiver right away, or it will reject them.`}
              confirmLabel="Rotate secret"
              onConfirm={async () => setNewSecret((await rotate({ endpointId: endpoint.endpointId })).secret)}
            />
            <ConfirmDialog
              trigger={
                <Button variant="outline" size="sm" className={destructiveOutlineButton} aria-label={`Disable ${host}`}>
                  <Ban aria-hidden />
                  Disable
                </Button>
              }
              title="Disable this endpoint?"
              description={`No more events are sent to ${endpoint.url}, and deliveries still waiting are dropped. This can't be undone: to receive events again, add the endpoint anew.`}
              confirmLabel="Disable endpoint"
              destructive
              onConfirm={() => disable({ endpointId: endpoint.endpointId })}
            />
          </div>
        )}
      </div>
      {test.error && <FormMessage tone="error">{test.error.message}</FormMessage>}
      {testSent && !test.error && (
        <FormMessage tone="success">Test event sent. Its delivery shows up below.</FormMessage>
      )}
      <DeliveryLog endpointId={endpoint.endpointId} canResend={active} />
      <SecretDialog
        secret={newSecret}
        title="New signing secret"
        description={`Deliveries to ${host} are now signed with this secret; the old one no longer works.`}
        onDone={() => setNewSecret(null)}
      />
    </li>
  );
}

function EndpointStatusBadge({ status }: { status: Endpoint["status"] }) {
  return status === "active" ? (
    <Badge className="border-transparent bg-emerald-50 text-emerald-700 dark:bg-emerald-500/15 dark:text-emerald-300">
      <span aria-hidden className="size-1.5 rounded-full bg-emerald-500" />
      Active
    </Badge>
  ) : (
    <Badge>
      <span aria-hidden className="size-1.5 rounded-full bg-zinc-400" />
      Disabled
    </Badge>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
