"use client";

import { useMutation } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { CircleCheck, CircleX, Clock, Inbox, LoaderCircle, RotateCw } from "lucide-react";
import { useId } from "react";
import { FormMessage } from "@/components/console/form-message";
import { QueryError } from "@/components/console/query-error";
import { ListSkeleton } from "@/components/console/skeleton";
import { useConsoleAction } from "@/components/console/use-action-state";
import { useConsoleQuery } from "@/components/console/use-console-query";
import { useNow } from "@/components/guestbook/use-now";
import { kindLabel } from "@/components/sso/audit/kinds";
import { Timestamp } from "@/components/sso/audit/timestamp";
import { formatTimeUntil } from "@/components/sso/time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { api } from "@/convex/_generated/api";
import { cn } from "@/lib/cn";

export type Delivery = FunctionReturnType<typeof api.auth.group.listWebhookDeliveries>[number];

const SHOWN_DELIVERIES = 20;

/** The endpoint's latest deliveries, live: attempts, retries and outcomes update as they happen. */
export function DeliveryLog({ endpointId, canResend }: { endpointId: string; canResend: boolean }) {
  const deliveries = useConsoleQuery(api.auth.group.listWebhookDeliveries, { endpointId, limit: SHOWN_DELIVERIES });
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="grid gap-2">
      <h4 id={headingId} className="text-muted-foreground text-xs font-medium tracking-wide uppercase">
        Recent deliveries
      </h4>
      {deliveries.status === "pending" ? (
        <ListSkeleton label="Loading deliveries" rows={2} />
      ) : deliveries.status === "error" ? (
        <QueryError error={deliveries.error} what="deliveries" />
      ) : deliveries.data.length === 0 ? (
        <p className="text-muted-foreground flex items-center justify-center gap-2 rounded-lg border border-dashed px-4 py-5 text-center text-sm">
          <Inbox aria-hidden className="size-4" />
          Nothing sent yet. Send a test event to try the endpoint.
        </p>
      ) : (
        <ul aria-labelledby={headingId} data-testid="delivery-log" className="divide-y rounded-lg border">
          {deliveries.data.map((delivery) => (
            <DeliveryRow key={delivery.deliveryId} delivery={delivery} canResend={canResend} />
          ))}
        </ul>
      )}
      {deliveries.status === "success" && deliveries.data.length >= SHOWN_DELIVERIES && (
        <p className="text-muted-foreground text-xs">The latest {SHOWN_DELIVERIES} deliveries.</p>
      )}
    </section>
  );
}

function DeliveryRow({ delivery, canResend }: { delivery: Delivery; canResend: boolean }) {
  const resend = useMutation(api.auth.group.resendWebhookDelivery);
  const { pending, error, run } = useConsoleAction();
  const response = delivery.lastResponse;
  const time = delivery.lastAttemptTime ?? delivery._creationTime;
  return (
    <li data-testid="delivery" data-status={delivery.status} className="grid gap-2 px-3 py-2.5 sm:px-4">
      <div className="flex items-start gap-3">
        <div className="grid min-w-0 flex-1 gap-1">
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <DeliveryStatusBadge delivery={delivery} />
            <span className="text-sm font-medium">{kindLabel(delivery.kind)}</span>
            <code className="text-muted-foreground hidden font-mono text-xs sm:inline">{delivery.kind}</code>
          </div>
          <p className="text-muted-foreground flex flex-wrap gap-x-1.5 text-xs">
            <span data-testid="delivery-response" className={cn("break-words", response?.error && "text-destructive")}>
              {describeResponse(response)}
            </span>
            <span aria-hidden>·</span>
            <span className="whitespace-nowrap">
              {delivery.attempts} {delivery.attempts === 1 ? "attempt" : "attempts"}
            </span>
            <span aria-hidden>·</span>
            <Timestamp time={time} />
          </p>
        </div>
        {canResend && delivery.status !== "pending" && (
          <Button
            variant="outline"
            size="sm"
            onClick={() => run(() => resend({ deliveryId: delivery.deliveryId }))}
            disabled={pending}
            aria-label={`Resend ${kindLabel(delivery.kind)} delivery`}
            className="h-7 px-2 text-xs"
          >
            {pending ? <LoaderCircle aria-hidden className="animate-spin" /> : <RotateCw aria-hidden />}
            Resend
          </Button>
        )}
      </div>
      {error && <FormMessage tone="error">{error.message}</FormMessage>}
      <details className="group text-xs">
        <summary className="text-muted-foreground hover:text-foreground w-fit cursor-pointer rounded-sm select-none focus-visible:ring-ring focus-visible:ring-2 focus-visible:outline-none">
          Payload{response?.body ? " and response" : ""}
        </summary>
        <div className="mt-2 grid gap-2">
          <pre className="bg-muted/60 max-h-64 overflow-auto rounded-md border p-2 font-mono text-[11px] leading-relaxed whitespace-pre-wrap break-all">
            {prettyJson(delivery.payload)}
          </pre>
          {response?.body && (
            <>
              <p className="text-muted-foreground">Response body (first 1 KB)</p>
              <pre className="bg-muted/60 max-h-40 overflow-auto rounded-md border p-2 font-mono text-[11px] whitespace-pre-wrap break-all">
                {response.body}
              </pre>
            </>
          )}
        </div>
      </details>
    </li>
  );
}

function DeliveryStatusBadge({ delivery }: { delivery: Delivery }) {
  const now = useNow(5_000);
  if (delivery.status === "succeeded") {
    return (
      <Badge className="border-transparent bg-emerald-50 text-emerald-800 dark:bg-emerald-500/15 dark:text-emerald-300">
        <CircleCheck aria-hidden />
        Succeeded
      </Badge>
    );
  }
  if (delivery.status === "failed") {
    return (
      <Badge className="bg-destructive/10 text-destructive border-transparent">
        <CircleX aria-hidden />
        Failed
      </Badge>
    );
  }
  const retrying = delivery.attempts > 0;
  return (
    <Badge
      className="border-transparent bg-amber-50 text-amber-800 dark:bg-amber-500/15 dark:text-amber-300"
      title={delivery.nextAttemptTime ? `Next attempt ${formatTimeUntil(delivery.nextAttemptTime, now)}` : undefined}
    >
      <Clock aria-hidden />
      {retrying ? "Retrying" : "Pending"}
    </Badge>
  );
}

function describeResponse(response: Delivery["lastResponse"]): string {
  if (!response) return "Not attempted yet";
  const parts = [];
  if (response.status !== undefined) parts.push(`HTTP ${response.status}`);
  if (response.error) parts.push(response.error.length > 120 ? `${response.error.slice(0, 120)}…` : response.error);
  return parts.join(": ") || "No response";
}

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
