"use client";

import { CircleCheck, CirclePause } from "lucide-react";
import type { RefObject } from "react";
import { CopyField } from "@/components/sso/copy-value";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/lib/cn";
import { StatusSwitch } from "./status-switch";
import type { IssuedToken } from "./token-dialog";
import { TokensSection } from "./tokens-section";
import type { ScimStatus } from "./types";

type ProvisioningCardProps = {
  connectionId: string;
  scim: ScimStatus;
  canManage: boolean;
  onIssued: (issued: IssuedToken) => void;
  tokensHeading: RefObject<HTMLHeadingElement | null>;
};

/** The endpoint once SCIM is set up: its base URL, on or off, and the tokens that authenticate to it. */
export function ProvisioningCard({ connectionId, scim, canManage, onIssued, tokensHeading }: ProvisioningCardProps) {
  const enabled = scim.status === "enabled";
  return (
    <Card data-testid="scim-provisioning">
      <CardHeader className="gap-3">
        <div className="flex items-center justify-between gap-3">
          <CardTitle as="h2">SCIM endpoint</CardTitle>
          <Badge
            data-testid="scim-status"
            className={cn(enabled && "border-transparent bg-emerald-50 text-emerald-700 dark:bg-emerald-500/15 dark:text-emerald-300")}
          >
            {enabled ? <CircleCheck aria-hidden /> : <CirclePause aria-hidden />}
            {enabled ? "Enabled" : "Disabled"}
          </Badge>
        </div>
        <CardDescription>Your identity provider sends its provisioning requests to this base URL, with one of the tokens below.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        <CopyField
          label="Base URL"
          value={scim.baseUrl}
          testId="scim-base-url"
          hint="SCIM 2.0: the identity provider adds /Users and /Groups to it. The instructions below say which of its fields it goes in."
        />
        <StatusSwitch connectionId={connectionId} enabled={enabled} canManage={canManage} />
        <TokensSection connectionId={connectionId} tokens={scim.tokens} canManage={canManage} onIssued={onIssued} headingRef={tokensHeading} />
      </CardContent>
    </Card>
  );
}
