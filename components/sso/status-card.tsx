"use client";

import type { UseQueryResult } from "convex/react";
import { CircleCheck, CircleDashed } from "lucide-react";
import type { ReactNode } from "react";
import { QueryError } from "@/components/console/query-error";
import { Skeleton } from "@/components/console/skeleton";
import { useNow } from "@/components/guestbook/use-now";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/lib/cn";
import { IdpHealthNotice } from "./idp-health-notice";
import { RelativeTime } from "./relative-time";
import type { ValidationRun } from "./types";
import { useValidationRun, ValidationSection } from "./validation-section";

const CLOCK_TICK_MS = 30_000;

/** What the card needs of a protocol's status query (getOidcStatus, getSamlStatus). */
type ProtocolStatus = { configured: boolean; validation: ValidationRun | null; health: Parameters<typeof IdpHealthNotice>[0]["health"] };

type StatusCardProps<Status extends ProtocolStatus> = {
  status: UseQueryResult<Status>;
  /** "oidc", "saml": for the test ids. */
  testIdPrefix: string;
  description: ReactNode;
  /** The protocol's validate action (validateOidc, validateSaml) for this connection. */
  validate: () => Promise<ValidationRun>;
  /** What the server does while validating, e.g. "Fetching the discovery document and keys…". */
  pendingText: string;
  canManage: boolean;
  /** The form has unsaved edits: validation checks the saved settings. */
  dirty: boolean;
  /** The protocol's details, above Validate; `now` keeps relative times ageing. */
  children: (status: Status, context: { validation: ValidationRun | null; now: number }) => ReactNode;
};

/**
 * A protocol page's status card: "Configured" or not beside the title, the
 * protocol's details, and "Validate" with the last run (stored, so one
 * started elsewhere shows too). A skeleton while loading, the failure if the
 * status can't be read.
 */
export function StatusCard<Status extends ProtocolStatus>(props: StatusCardProps<Status>) {
  const { status, testIdPrefix, description, validate, pendingText, canManage, dirty, children } = props;
  const run = useValidationRun(status.status === "success" ? status.data.validation : null, validate);
  const now = useNow(CLOCK_TICK_MS);
  return (
    <Card data-testid={`${testIdPrefix}-status`} aria-busy={run.pending || undefined}>
      <CardHeader className="gap-3">
        <div className="flex items-center justify-between gap-3">
          <CardTitle as="h2">Status</CardTitle>
          {status.status === "success" && (
            <Badge
              data-testid={`${testIdPrefix}-configured`}
              className={cn(status.data.configured && "border-transparent bg-emerald-50 text-emerald-700 dark:bg-emerald-500/15 dark:text-emerald-300")}
            >
              {status.data.configured ? <CircleCheck aria-hidden /> : <CircleDashed aria-hidden />}
              {status.data.configured ? "Configured" : "Not configured"}
            </Badge>
          )}
        </div>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {status.status === "pending" ? (
          <div role="status" aria-label="Loading the status" className="grid gap-2">
            <Skeleton className="h-4 w-2/3" />
            <Skeleton className="h-4 w-1/2" />
            <Skeleton className="h-8 w-24" />
          </div>
        ) : status.status === "error" ? (
          <QueryError error={status.error} what="the status" />
        ) : (
          <>
            <IdpHealthNotice health={status.data.health} />
            {children(status.data, { validation: run.validation, now })}
            <ValidationSection
              run={run}
              configured={status.data.configured}
              canManage={canManage}
              dirty={dirty}
              pendingText={pendingText}
              testIdPrefix={testIdPrefix}
            />
          </>
        )}
      </CardContent>
    </Card>
  );
}

/** "Last validated 3 minutes ago" (or "Never"), as a row of the card's details. */
export function LastValidated({ validation, now }: { validation: ValidationRun | null; now: number }) {
  return (
    <>
      <dt className="text-muted-foreground">Last validated</dt>
      <dd data-testid="last-validated">{validation ? <RelativeTime timestamp={validation.time} now={now} /> : "Never"}</dd>
    </>
  );
}
