"use client";

import { useMutation, type UseQueryResult } from "convex/react";
import { LoaderCircle, Power, PowerOff } from "lucide-react";
import { destructiveOutlineButton } from "@/components/console/button-styles";
import { ConfirmDialog } from "@/components/console/confirm-dialog";
import { FormMessage } from "@/components/console/form-message";
import { useConsoleAction } from "@/components/console/use-action-state";
import { ConnectionStatusBadge } from "@/components/sso/status-badges";
import type { Connection, ConnectionReadiness, ConnectionStatus } from "@/components/sso/types";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { api } from "@/convex/_generated/api";
import { cn } from "@/lib/cn";

const EXPLANATIONS: Record<ConnectionStatus, string> = {
  draft: "A draft: nobody signs in through it yet. Activate it once the set-up checklist is complete.",
  active: "Active: people with addresses at its verified domains sign in through your identity provider.",
  disabled: "Disabled: sign-in through it is off. Activate it to turn it back on.",
};

type SignInCardProps = {
  connection: Connection;
  readiness: UseQueryResult<ConnectionReadiness>;
  canManage: boolean;
};

/** Turning sign-in through the connection on (activate) and off (disable). */
export function SignInCard({ connection, readiness, canManage }: SignInCardProps) {
  return (
    <Card id="sign-in" className="scroll-mt-28">
      <CardHeader>
        <div className="flex items-center justify-between gap-3">
          <CardTitle as="h2">Sign-in</CardTitle>
          <ConnectionStatusBadge status={connection.status} />
        </div>
        <CardDescription>{EXPLANATIONS[connection.status]}</CardDescription>
      </CardHeader>
      <CardContent>
        {!canManage ? (
          <p className="text-muted-foreground text-sm">Only admins and owners can activate or disable a connection.</p>
        ) : connection.status === "active" ? (
          <DisableButton connection={connection} />
        ) : (
          <ActivateButton connection={connection} readiness={readiness} />
        )}
      </CardContent>
    </Card>
  );
}

function ActivateButton({ connection, readiness }: { connection: Connection; readiness: UseQueryResult<ConnectionReadiness> }) {
  const updateConnection = useMutation(api.auth.group.updateConnection);
  const { pending, error, run } = useConsoleAction();
  // What the checklist still lacks, to say more than "not ready" (activation itself is not one of them).
  const missing =
    readiness.status === "success" ? readiness.data.checks.filter((check) => !check.ok && check.id !== "active") : [];

  return (
    <div className="grid gap-3">
      <Button
        className="w-full sm:w-fit"
        disabled={pending}
        onClick={() => run(() => updateConnection({ id: connection.connectionId, data: { status: "active" } }))}
      >
        {pending ? <LoaderCircle aria-hidden className="animate-spin" /> : <Power aria-hidden />}
        Activate connection
      </Button>
      {error && (
        <div data-testid="activate-error" className="grid gap-1">
          <FormMessage tone="error">
            {error.code === "NOT_READY" ? <span className="font-medium">Not ready yet. </span> : null}
            {error.message}
          </FormMessage>
          {error.code === "NOT_READY" && missing.length > 0 && (
            <p className="text-muted-foreground pl-5.5 text-sm">
              Still to do: {missing.map((check) => check.label).join("; ")}.
            </p>
          )}
        </div>
      )}
    </div>
  );
}

function DisableButton({ connection }: { connection: Connection }) {
  const updateConnection = useMutation(api.auth.group.updateConnection);
  return (
    <ConfirmDialog
      trigger={
        <Button variant="outline" className={cn("w-full sm:w-fit", destructiveOutlineButton)}>
          <PowerOff aria-hidden />
          Disable connection
        </Button>
      }
      title={`Disable “${connection.name}”?`}
      description="Sign-in through it stops at once: people with addresses at its domains can't sign in with SSO until you activate it again. Its set-up is kept."
      confirmLabel="Disable connection"
      destructive
      onConfirm={() => updateConnection({ id: connection.connectionId, data: { status: "disabled" } })}
    />
  );
}
