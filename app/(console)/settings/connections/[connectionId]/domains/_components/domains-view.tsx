"use client";

import type { Preloaded } from "convex/react";
import { Globe, Info } from "lucide-react";
import { useId } from "react";
import { QueryError } from "@/components/console/query-error";
import { ListSkeleton } from "@/components/console/skeleton";
import { hasGrant } from "@/components/console/use-active-group";
import { useConsoleQuery } from "@/components/console/use-console-query";
import { useConnectionContext } from "@/components/sso/connection-context";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { api } from "@/convex/_generated/api";
import { AddDomainForm } from "./add-domain-form";
import { DomainItem } from "./domain-item";

type DomainsViewProps = {
  preloadedDomains: Preloaded<typeof api.auth.group.listDomains> | null;
  /** Whether /dev/dns (the local DNS server's records) is there to publish records on. */
  devDns: boolean;
};

/**
 * The email domains the connection claims, live: verification status and, until
 * verified, the DNS record that proves ownership. Changes need
 * `connection.domain.manage`; the server checks anyway.
 */
export function DomainsView({ preloadedDomains, devDns }: DomainsViewProps) {
  const { connection, group } = useConnectionContext();
  const domains = useConsoleQuery(api.auth.group.listDomains, { connectionId: connection.connectionId }, preloadedDomains);
  const canManage = hasGrant(group, "connection.domain.manage");
  const headingId = useId();

  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2" id={headingId}>
          Email domains
        </CardTitle>
        <CardDescription>
          People whose email address is at a verified domain sign in through this connection once it is active. You prove
          you own a domain with a DNS record.
        </CardDescription>
        {!canManage && (
          <p className="text-muted-foreground flex items-start gap-2 text-sm" data-testid="read-only-note">
            <Info aria-hidden className="mt-0.5 size-4 shrink-0" />
            Only admins and owners can add, verify or remove domains.
          </p>
        )}
      </CardHeader>
      <CardContent className="grid gap-6">
        {canManage && (
          <AddDomainForm
            connectionId={connection.connectionId}
            domains={domains.status === "success" ? domains.data : null}
          />
        )}
        {domains.status === "pending" ? (
          <ListSkeleton label="Loading domains" rows={2} />
        ) : domains.status === "error" ? (
          <QueryError error={domains.error} what="domains" />
        ) : domains.data.length === 0 ? (
          <div
            data-testid="domains-empty"
            className="flex flex-col items-center gap-2 rounded-lg border border-dashed px-4 py-10 text-center"
          >
            <Globe aria-hidden className="text-muted-foreground size-8" />
            <p className="font-medium">No domains yet</p>
            <p className="text-muted-foreground max-w-sm text-sm">
              {canManage
                ? "Add the domain of your people's email addresses above, e.g. example.com. You'll get a DNS record to publish."
                : "When an admin adds a domain, it shows up here."}
            </p>
          </div>
        ) : (
          <ul aria-labelledby={headingId} className="divide-y">
            {domains.data.map((domain) => (
              <DomainItem
                key={domain.domainId}
                connectionId={connection.connectionId}
                domain={domain}
                domains={domains.data}
                canManage={canManage}
                devDns={devDns}
              />
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
