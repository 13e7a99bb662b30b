"use client";

import type { Preloaded } from "convex/react";
import { Lock } from "lucide-react";
import Link from "next/link";
import { PageHeader } from "@/components/console/page-header";
import { QueryError } from "@/components/console/query-error";
import { ListSkeleton, Skeleton } from "@/components/console/skeleton";
import { hasGrant } from "@/components/console/use-active-group";
import { useConsoleQuery } from "@/components/console/use-console-query";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";
import { api } from "@/convex/_generated/api";
import { ConnectionList } from "./connection-list";
import { CreateConnectionDialog } from "./create-connection-dialog";
import { NoOrganization } from "@/components/console/no-organization";

type ConnectionsViewProps = {
  preloadedGroup: Preloaded<typeof api.groups.active> | null;
  /** The server's first paint of the list, for the organization it was loaded for. */
  preloadedConnections: { groupId: string; preloaded: Preloaded<typeof api.auth.group.listConnections> } | null;
};

/**
 * The active organization's SSO connections. Needs `connection.read`;
 * "New connection" needs `connection.create`. Grants follow role changes live.
 */
export function ConnectionsView({ preloadedGroup, preloadedConnections }: ConnectionsViewProps) {
  const group = useConsoleQuery(api.groups.active, {}, preloadedGroup);

  if (group.status === "pending") return <ConnectionsSkeleton />;
  if (group.status === "error") return <QueryError error={group.error} what="your organization" />;
  if (group.data === null) {
    return <NoOrganization eyebrow="Settings" title="SSO connections" />;
  }

  const active = group.data;
  if (!hasGrant(active, "connection.read")) {
    return (
      <>
        <PageHeader eyebrow="Settings" title="SSO connections" />
        <Card data-testid="no-access">
          <CardHeader>
            <Lock aria-hidden className="text-muted-foreground mb-1 size-6" />
            <p className="font-semibold">Only admins and owners manage single sign-on</p>
            <CardDescription>
              Your role in {active.name} doesn&apos;t include SSO connections. Ask an admin or owner if something about
              signing in needs to change.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <Link href="/dashboard" className={buttonVariants({ variant: "outline" })}>
              Back to dashboard
            </Link>
          </CardContent>
        </Card>
      </>
    );
  }

  const canCreate = hasGrant(active, "connection.create");
  return (
    <>
      <PageHeader
        eyebrow="Settings"
        title="SSO connections"
        description={`How people in ${active.name} sign in through your identity provider.`}
        actions={canCreate && <CreateConnectionDialog groupId={active.groupId} triggerLabel="New connection" />}
      />
      {/* Keyed by group: switching organizations starts afresh. */}
      <ConnectionList
        key={active.groupId}
        group={active}
        preloaded={preloadedConnections?.groupId === active.groupId ? preloadedConnections.preloaded : null}
      />
    </>
  );
}

function ConnectionsSkeleton() {
  return (
    <>
      <div className="grid gap-2">
        <Skeleton className="h-4 w-20" />
        <Skeleton className="h-8 w-56" />
      </div>
      <Card>
        <CardContent className="pt-6">
          <ListSkeleton label="Loading connections" />
        </CardContent>
      </Card>
    </>
  );
}
