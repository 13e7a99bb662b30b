"use client";

import type { Preloaded } from "convex/react";
import { ArrowLeft, FileKey2 } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { QueryError } from "@/components/console/query-error";
import { Skeleton } from "@/components/console/skeleton";
import { hasGrant } from "@/components/console/use-active-group";
import { useConsoleQuery } from "@/components/console/use-console-query";
import { useConnectionContext } from "@/components/sso/connection-context";
import { connectionHref } from "@/components/sso/labels";
import { TestSignInCard } from "@/components/sso/test-sign-in/test-sign-in-card";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { api } from "@/convex/_generated/api";
import { OidcForm } from "./oidc-form";
import { RedirectUriCard } from "./redirect-uri-card";
import { ValidationCard } from "./validation-card";

type OidcViewProps = {
  preloadedOidc: Preloaded<typeof api.auth.group.getOidc> | null;
  preloadedStatus: Preloaded<typeof api.auth.group.getOidcStatus> | null;
};

/**
 * A connection's OpenID Connect set-up (inside the connection layout): the
 * redirect URI to register, the settings form, validation and test sign-in,
 * all live. Reading needs connection.read; changing, validating and testing
 * connection.protocol.manage (the server checks anyway).
 */
export function OidcView({ preloadedOidc, preloadedStatus }: OidcViewProps) {
  const { connection, group } = useConnectionContext();
  const isOidc = connection.protocol === "oidc";
  const args = isOidc ? { connectionId: connection.connectionId } : "skip";
  const oidc = useConsoleQuery(api.auth.group.getOidc, args, preloadedOidc);
  const status = useConsoleQuery(api.auth.group.getOidcStatus, args, preloadedStatus);
  const canManage = hasGrant(group, "connection.protocol.manage");
  const [dirty, setDirty] = useState(false);

  if (!isOidc) return <NotOidc connectionId={connection.connectionId} />;

  return (
    <div className="grid gap-6">
      <RedirectUriCard redirectUri={status.status === "success" ? status.data.redirectUri : null} />
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="min-w-0">
          {oidc.status === "pending" ? (
            <FormSkeleton />
          ) : oidc.status === "error" ? (
            <QueryError error={oidc.error} what="the OpenID Connect settings" />
          ) : (
            <OidcForm
              key={connection.connectionId}
              connectionId={connection.connectionId}
              saved={oidc.data}
              canManage={canManage}
              onDirtyChange={setDirty}
            />
          )}
        </div>
        <div className="grid gap-6">
          <ValidationCard connectionId={connection.connectionId} status={status} canManage={canManage} dirty={dirty} />
          <TestSignInCard connectionId={connection.connectionId} status={status} canManage={canManage} dirty={dirty} />
        </div>
      </div>
    </div>
  );
}

/** The tab is only linked for OpenID Connect connections; a typed-in URL for a SAML one lands here. */
function NotOidc({ connectionId }: { connectionId: string }) {
  return (
    <Card data-testid="not-oidc">
      <CardHeader>
        <FileKey2 aria-hidden className="text-muted-foreground mb-1 size-6" />
        <CardTitle as="h2">This connection uses SAML</CardTitle>
        <CardDescription>OpenID Connect settings only apply to OpenID Connect connections.</CardDescription>
      </CardHeader>
      <CardContent>
        <Link href={connectionHref(connectionId)} className={buttonVariants({ variant: "outline" })}>
          <ArrowLeft aria-hidden />
          Back to the overview
        </Link>
      </CardContent>
    </Card>
  );
}

function FormSkeleton() {
  return (
    <div role="status" aria-label="Loading the OpenID Connect settings" className="grid gap-6">
      {[0, 1].map((card) => (
        <Card key={card}>
          <CardHeader>
            <Skeleton className="h-5 w-36" />
            <Skeleton className="h-4 w-72 max-w-full" />
          </CardHeader>
          <CardContent className="grid gap-3">
            <Skeleton className="h-10 w-full" />
            <Skeleton className="h-10 w-full" />
            <Skeleton className="h-10 w-2/3" />
          </CardContent>
        </Card>
      ))}
    </div>
  );
}
