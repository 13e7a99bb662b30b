"use client";

import type { Preloaded } from "convex/react";
import { Info, Webhook } from "lucide-react";
import { useId } from "react";
import { QueryError } from "@/components/console/query-error";
import { ListSkeleton } from "@/components/console/skeleton";
import { hasGrant } from "@/components/console/use-active-group";
import { useConsoleQuery } from "@/components/console/use-console-query";
import { useConnectionContext } from "@/components/sso/connection-context";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { api } from "@/convex/_generated/api";
import { CreateEndpointDialog } from "./create-endpoint-dialog";
import { EndpointItem, type Endpoint } from "./endpoint-item";
import { MAX_ACTIVE_ENDPOINTS } from "./kinds";
import { VerifyNote } from "./verify-note";

type WebhooksViewProps = {
  preloadedEndpoints: Preloaded<typeof api.auth.group.listWebhookEndpoints> | null;
};

/**
 * The connection's webhook endpoints (inside the connection layout, which has
 * loaded the connection and the caller's grants): add, test, rotate, disable,
 * and each one's deliveries, all live. Needs connection.webhook.manage.
 */
export function WebhooksView({ preloadedEndpoints }: WebhooksViewProps) {
  const { connection, group } = useConnectionContext();
  const canManage = hasGrant(group, "connection.webhook.manage");
  const endpoints = useConsoleQuery(
    api.auth.group.listWebhookEndpoints,
    canManage ? { connectionId: connection.connectionId } : "skip",
    preloadedEndpoints,
  );
  const headingId = useId();

  if (!canManage) {
    return (
      <Card>
        <CardHeader className="flex-row items-start gap-3">
          <Info aria-hidden className="text-muted-foreground mt-0.5 size-5 shrink-0" />
          <CardDescription data-testid="read-only-note">Only admins and owners can see and manage webhooks.</CardDescription>
        </CardHeader>
      </Card>
    );
  }

  const list = endpoints.status === "success" ? sortEndpoints(endpoints.data) : null;
  const activeCount = list?.filter((endpoint) => endpoint.status === "active").length ?? 0;
  const atLimit = activeCount >= MAX_ACTIVE_ENDPOINTS;

  return (
    <div className="grid gap-6">
      <Card>
        <CardHeader className="gap-3 sm:flex-row sm:items-start sm:justify-between">
          <div className="grid gap-1.5">
            <CardTitle as="h2" id={headingId}>
              Webhook endpoints
            </CardTitle>
            <CardDescription>
              Get this connection&apos;s audit events (sign-ins, domain and set-up changes) as signed HTTP requests.
              Failed deliveries are retried with backoff, up to 6 attempts.
            </CardDescription>
            {atLimit && (
              <p className="text-muted-foreground text-sm">
                {MAX_ACTIVE_ENDPOINTS} of {MAX_ACTIVE_ENDPOINTS} active endpoints: disable one to add another.
              </p>
            )}
          </div>
          <CreateEndpointDialog connectionId={connection.connectionId} disabled={list === null || atLimit} />
        </CardHeader>
        <CardContent>
          {endpoints.status === "pending" ? (
            <ListSkeleton label="Loading webhook endpoints" rows={2} />
          ) : endpoints.status === "error" ? (
            <QueryError error={endpoints.error} what="webhook endpoints" />
          ) : list!.length === 0 ? (
            <div className="flex flex-col items-center gap-2 rounded-lg border border-dashed px-4 py-10 text-center">
              <Webhook aria-hidden className="text-muted-foreground size-8" />
              <p className="font-medium">No endpoints yet</p>
              <p className="text-muted-foreground max-w-sm text-sm">
                Add one to receive events at your own URL. You get its signing secret once, when you add it.
              </p>
            </div>
          ) : (
            <ul aria-labelledby={headingId} className="grid gap-4">
              {list!.map((endpoint) => (
                <EndpointItem key={endpoint.endpointId} endpoint={endpoint} />
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
      <VerifyNote />
    </div>
  );
}

/** Active endpoints first, newest first within each. */
function sortEndpoints(endpoints: Endpoint[]): Endpoint[] {
  return [...endpoints].sort(
    (a, b) => Number(b.status === "active") - Number(a.status === "active") || b._creationTime - a._creationTime,
  );
}
