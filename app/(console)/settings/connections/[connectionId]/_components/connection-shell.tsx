"use client";

import { useMutation, type Preloaded } from "convex/react";
import { ArrowLeftRight, Building2, ChevronLeft, CircleCheck, LoaderCircle, SearchX } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState, type ReactNode } from "react";
import { FormMessage } from "@/components/console/form-message";
import { QueryError } from "@/components/console/query-error";
import { Skeleton } from "@/components/console/skeleton";
import { useConsoleAction } from "@/components/console/use-action-state";
import { hasGrant } from "@/components/console/use-active-group";
import { useConsoleQuery } from "@/components/console/use-console-query";
import { ConnectionProvider, type ConnectionContextValue } from "@/components/sso/connection-context";
import { ConnectionTabs } from "@/components/sso/connection-tabs";
import { ConnectionStatusBadge, ProtocolBadge } from "@/components/sso/status-badges";
import { UnavailableState } from "@/components/sso/unavailable-state";
import { Button } from "@/components/ui/button";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { appError } from "@/lib/errors";

type ConnectionShellProps = {
  connectionId: string;
  preloadedGroup: Preloaded<typeof api.groups.active> | null;
  preloadedConnection: Preloaded<typeof api.auth.group.getConnection> | null;
  children: ReactNode;
};

/** Codes that mean "no such connection, or not yours to read": the backend doesn't say which. */
const NOT_FOUND_CODES = new Set(["FORBIDDEN", "NOT_FOUND"]);

/**
 * The connection's header (name, protocol, status) and tabs around its pages,
 * which get the live connection through `useConnectionContext()`. Callers
 * without `connection.read` don't even ask: they get the same "not found or no
 * access" state as an unknown id.
 */
export function ConnectionShell({ connectionId, preloadedGroup, preloadedConnection, children }: ConnectionShellProps) {
  const group = useConsoleQuery(api.groups.active, {}, preloadedGroup);
  const active = group.status === "success" ? group.data : undefined;
  const canRead = active ? hasGrant(active, "connection.read") : false;
  const connection = useConsoleQuery(api.auth.group.getConnection, canRead ? { id: connectionId } : "skip", preloadedConnection);
  const [deleting, setDeleting] = useState(false);
  const loaded = connection.status === "success" ? connection.data : undefined;
  const context = useMemo<ConnectionContextValue | null>(
    () => (loaded && active ? { connection: loaded, group: active, setDeleting } : null),
    [loaded, active],
  );

  if (group.status === "pending") return <ShellSkeleton />;
  if (group.status === "error") return <QueryError error={group.error} what="your organization" />;
  if (group.data === null) {
    return (
      <UnavailableState
        icon={Building2}
        title="No organization yet"
        description="SSO connections belong to an organization. Create one first."
        backHref="/onboarding"
        backLabel="Create organization"
      />
    );
  }
  if (!canRead) return <NotFoundState />;
  if (connection.status === "pending") return <ShellSkeleton />;
  if (connection.status === "error") {
    if (deleting) {
      return (
        <UnavailableState
          icon={CircleCheck}
          title="Connection deleted"
          description="Taking you back to your SSO connections…"
        />
      );
    }
    if (NOT_FOUND_CODES.has(appError(connection.error).code)) return <NotFoundState />;
    return <QueryError error={connection.error} what="this connection" />;
  }
  if (connection.data.groupId !== group.data.groupId) {
    return <OtherOrganizationState groupId={connection.data.groupId} />;
  }

  return (
    <ConnectionProvider value={context!}>
      <div className="grid gap-4">
        <div className="flex min-w-0 flex-col gap-1.5">
          <Link
            href="/settings/connections"
            className="text-muted-foreground hover:text-foreground focus-visible:ring-ring -ml-1 inline-flex w-fit items-center gap-0.5 rounded-md pr-1 text-sm font-medium transition-colors focus-visible:ring-2 focus-visible:outline-none"
          >
            <ChevronLeft aria-hidden className="size-4" />
            SSO connections
          </Link>
          <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
            <h1 className="min-w-0 text-2xl font-semibold tracking-tight break-words sm:text-3xl">{connection.data.name}</h1>
            <div className="flex items-center gap-2">
              <ProtocolBadge protocol={connection.data.protocol} />
              <ConnectionStatusBadge status={connection.data.status} />
            </div>
          </div>
        </div>
        <ConnectionTabs connectionId={connectionId} protocol={connection.data.protocol} />
      </div>
      {children}
    </ConnectionProvider>
  );
}

function NotFoundState() {
  return (
    <UnavailableState
      icon={SearchX}
      title="Connection not found or no access"
      description="It may have been deleted, or the link is wrong. Only admins and owners of its organization can see SSO connections."
    />
  );
}

/** The connection is in another of the caller's organizations than the one the console shows. */
function OtherOrganizationState({ groupId }: { groupId: Id<"groups"> }) {
  const groups = useConsoleQuery(api.groups.mine, {});
  const setActive = useMutation(api.groups.setActive);
  const router = useRouter();
  const { pending, error, run } = useConsoleAction();
  const owner = groups.status === "success" ? groups.data.find((candidate) => candidate.groupId === groupId) : undefined;
  if (groups.status === "pending") return <ShellSkeleton />;
  if (!owner) return <NotFoundState />;

  async function switchOrganization() {
    const outcome = await run(() => setActive({ groupId }));
    if (outcome.ok) router.refresh();
  }

  return (
    <UnavailableState
      icon={ArrowLeftRight}
      title="This connection belongs to another organization"
      description={
        <>
          It is part of <span className="text-foreground font-medium">{owner.name}</span>. Switch to it to see and manage
          the connection.
        </>
      }
      actions={
        <>
          <Button onClick={switchOrganization} disabled={pending}>
            {pending && <LoaderCircle aria-hidden className="animate-spin" />}
            Switch to {owner.name}
          </Button>
          {error && (
            <FormMessage tone="error" className="basis-full">
              {error.message}
            </FormMessage>
          )}
        </>
      }
    />
  );
}

function ShellSkeleton() {
  return (
    <div role="status" aria-label="Loading connection" className="grid gap-4">
      <div className="grid gap-2">
        <Skeleton className="h-4 w-28" />
        <Skeleton className="h-8 w-64 max-w-full" />
      </div>
      <div className="flex gap-2 border-b pb-2">
        <Skeleton className="h-7 w-24" />
        <Skeleton className="h-7 w-24" />
        <Skeleton className="h-7 w-24" />
      </div>
    </div>
  );
}
