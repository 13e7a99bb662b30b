"use client";

import type { Preloaded } from "convex/react";
import { ChevronRight, Globe, KeyRound } from "lucide-react";
import Link from "next/link";
import { useId } from "react";
import { QueryError } from "@/components/console/query-error";
import { ListSkeleton } from "@/components/console/skeleton";
import { hasGrant, type ActiveGroup } from "@/components/console/use-active-group";
import { useConsoleQuery } from "@/components/console/use-console-query";
import { connectionHref } from "@/components/sso/labels";
import { ConnectionStatusBadge, DomainStatusBadge, ProtocolBadge } from "@/components/sso/status-badges";
import type { ConnectionListItem } from "@/components/sso/types";
import { Card, CardContent } from "@/components/ui/card";
import { api } from "@/convex/_generated/api";
import { CreateConnectionDialog } from "./create-connection-dialog";

type ConnectionListProps = {
  group: ActiveGroup;
  preloaded: Preloaded<typeof api.auth.group.listConnections> | null;
};

/** The group's connections, live: name, protocol, status and each domain with its verification status. */
export function ConnectionList({ group, preloaded }: ConnectionListProps) {
  const connections = useConsoleQuery(api.auth.group.listConnections, { groupId: group.groupId }, preloaded);
  const headingId = useId();

  if (connections.status === "pending") {
    return (
      <Card>
        <CardContent className="pt-6">
          <ListSkeleton label="Loading connections" />
        </CardContent>
      </Card>
    );
  }
  if (connections.status === "error") return <QueryError error={connections.error} what="SSO connections" />;
  if (connections.data.length === 0) return <EmptyState group={group} />;

  return (
    <Card className="overflow-hidden">
      <h2 id={headingId} className="sr-only">
        Connections
      </h2>
      <ul aria-labelledby={headingId} className="divide-y">
        {connections.data.map((connection) => (
          <ConnectionRow key={connection.connectionId} connection={connection} />
        ))}
      </ul>
    </Card>
  );
}

function ConnectionRow({ connection }: { connection: ConnectionListItem }) {
  return (
    <li
      data-testid="connection"
      className="hover:bg-muted/40 relative flex items-start gap-3 px-4 py-4 transition-colors sm:items-center sm:px-6"
    >
      <span
        aria-hidden
        className="bg-accent-subtle text-accent-subtle-foreground flex size-9 shrink-0 items-center justify-center rounded-lg"
      >
        <KeyRound className="size-4" />
      </span>
      <div className="grid min-w-0 flex-1 gap-1.5">
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
          {/* The link stretches over the whole row (after:), so the row is one click target with one name. */}
          <Link
            href={connectionHref(connection.connectionId)}
            className="focus-visible:after:ring-ring min-w-0 font-medium break-words after:absolute after:inset-0 focus-visible:outline-none focus-visible:after:ring-2 focus-visible:after:ring-inset"
          >
            {connection.name}
          </Link>
          <ProtocolBadge protocol={connection.protocol} />
          <ConnectionStatusBadge status={connection.status} />
        </div>
        {connection.domains.length === 0 ? (
          <p className="text-muted-foreground text-sm">No domains yet</p>
        ) : (
          <ul aria-label={`Domains of ${connection.name}`} className="flex flex-wrap gap-x-4 gap-y-1.5">
            {connection.domains.map((domain) => (
              <li key={domain.domainId} data-testid="connection-domain" className="flex min-w-0 items-center gap-1.5 text-sm">
                <Globe aria-hidden className="text-muted-foreground size-3.5 shrink-0" />
                <span className="min-w-0 break-all">{domain.domain}</span>
                <DomainStatusBadge status={domain.status} />
              </li>
            ))}
          </ul>
        )}
      </div>
      <ChevronRight aria-hidden className="text-muted-foreground mt-2 size-4 shrink-0 sm:mt-0" />
    </li>
  );
}

function EmptyState({ group }: { group: ActiveGroup }) {
  const canCreate = hasGrant(group, "connection.create");
  return (
    <Card>
      <CardContent className="pt-6">
        <div
          data-testid="connections-empty"
          className="flex flex-col items-center gap-3 rounded-lg border border-dashed px-4 py-10 text-center sm:py-14"
        >
          <span
            aria-hidden
            className="bg-accent-subtle text-accent-subtle-foreground flex size-12 items-center justify-center rounded-full"
          >
            <KeyRound className="size-6" />
          </span>
          <h2 className="font-semibold">No SSO connections yet</h2>
          <div className="text-muted-foreground grid max-w-lg gap-2 text-sm">
            <p>
              A connection lets people in {group.name} sign in with your identity provider, such as Okta, Microsoft Entra
              ID or Google Workspace, over OpenID Connect or SAML.
            </p>
            <p>
              You claim your organization&apos;s email domain and prove you own it with a DNS record. Once the
              connection is active, everyone with an address at that domain signs in through it.
            </p>
          </div>
          {canCreate ? (
            <CreateConnectionDialog groupId={group.groupId} triggerLabel="Create your first connection" className="mt-2" />
          ) : (
            <p className="text-muted-foreground text-sm">Ask an owner to create one.</p>
          )}
        </div>
      </CardContent>
    </Card>
  );
}
