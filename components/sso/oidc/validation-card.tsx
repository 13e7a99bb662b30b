"use client";

import { useAction, type UseQueryResult } from "convex/react";
import { LastValidated, StatusCard } from "@/components/sso/status-card";
import { api } from "@/convex/_generated/api";
import type { ValidationRun } from "@/components/sso/types";
import type { OidcStatus } from "./types";

type ValidationCardProps = {
  connectionId: string;
  status: UseQueryResult<OidcStatus>;
  canManage: boolean;
  /** The form has unsaved edits: validation checks the saved settings. */
  dirty: boolean;
  /** Validates another way than the console's `validateOidc` (the setup wizard validates through its link). */
  validate?: () => Promise<ValidationRun>;
};

/**
 * Whether the settings are saved, and "Validate": the server fetches the
 * discovery document and the signing keys and reports each check. The last
 * run is stored, so it shows here live (also one started elsewhere).
 */
export function ValidationCard({ connectionId, status, canManage, dirty, validate }: ValidationCardProps) {
  const validateOidc = useAction(api.auth.group.validateOidc);
  return (
    <StatusCard
      status={status}
      testIdPrefix="oidc"
      description={<>Validating fetches your provider&apos;s discovery document and signing keys with the saved settings.</>}
      validate={validate ?? (() => validateOidc({ connectionId }))}
      pendingText="Fetching the discovery document and keys…"
      canManage={canManage}
      dirty={dirty}
    >
      {(data, { validation, now }) => (
        <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1.5 text-sm">
          <dt className="text-muted-foreground">Client secret</dt>
          <dd>{data.hasSecret ? "Saved" : "Not saved yet"}</dd>
          <LastValidated validation={validation} now={now} />
        </dl>
      )}
    </StatusCard>
  );
}
