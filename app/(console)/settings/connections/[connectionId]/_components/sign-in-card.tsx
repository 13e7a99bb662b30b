"use client";

import { useMutation, type UseQueryResult } from "convex/react";
import { FlaskConical, LoaderCircle, Power, PowerOff } from "lucide-react";
import Link from "next/link";
import { useId, type ReactNode } from "react";
import { destructiveOutlineButton } from "@/components/console/button-styles";
import { ConfirmDialog } from "@/components/console/confirm-dialog";
import { FormMessage } from "@/components/console/form-message";
import { useConsoleAction } from "@/components/console/use-action-state";
import { ConnectionStatusBadge } from "@/components/sso/status-badges";
import type { Connection, ConnectionReadiness, ConnectionStatus } from "@/components/sso/types";
import { testSignInCardHref } from "@/components/sso/protocol-links";
import { Button, buttonVariants } from "@/components/ui/button";
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

/**
 * Activation. Disabled until the checklist's requirements are met (the server
 * refuses with NOT_READY anyway); without a successful test sign-in it asks
 * first and activates with `overrideTest` (audited) if told to.
 */
function ActivateButton({ connection, readiness }: { connection: Connection; readiness: UseQueryResult<ConnectionReadiness> }) {
  const updateConnection = useMutation(api.auth.group.updateConnection);
  const { pending, error, run } = useConsoleAction();
  const hintId = useId();
  const checks = readiness.status === "success" ? readiness.data.checks : [];
  const ready = readiness.status === "success" && readiness.data.ready;
  const tested = checks.find((check) => check.id === "tested");
  // Requirements still missing; the test and activation itself aren't requirements.
  const missing = checks.filter((check) => !check.ok && check.id !== "active" && check.id !== "tested");
  const untested = ready && tested !== undefined && !tested.ok;
  // The server can still say NOT_READY (e.g. the settings changed since the test): the override is offered then too.
  const refused = error?.code === "NOT_READY";

  const activate = (overrideTest: boolean) =>
    updateConnection({ id: connection.connectionId, data: overrideTest ? { status: "active", overrideTest: true } : { status: "active" } });

  return (
    <div className="grid gap-3">
      {untested ? (
        <>
          <p id={hintId} data-testid="activate-untested" className="text-muted-foreground text-sm">
            No test sign-in has succeeded yet. Run one first to be sure people can get in.
          </p>
          <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap">
            <Link href={testSignInCardHref(connection.connectionId, connection.protocol)} className={buttonVariants({ className: "w-full sm:w-fit" })}>
              <FlaskConical aria-hidden />
              Run a test sign-in
            </Link>
            <OverrideDialog
              connection={connection}
              trigger={
                <Button variant="outline" className="w-full sm:w-fit" aria-describedby={hintId}>
                  <Power aria-hidden />
                  Activate without a test
                </Button>
              }
              activate={() => activate(true)}
            />
          </div>
        </>
      ) : (
        <>
          {readiness.status === "success" && !ready && (
            <p id={hintId} data-testid="activate-blocked" className="text-muted-foreground text-sm">
              Finish the set-up checklist first
              {missing.length > 0 ? `: ${missing.map((check) => check.label).join("; ")}.` : "."}
            </p>
          )}
          <Button
            className="w-full sm:w-fit"
            disabled={!ready || pending}
            aria-describedby={!ready ? hintId : undefined}
            onClick={() => run(() => activate(false))}
          >
            {pending ? <LoaderCircle aria-hidden className="animate-spin" /> : <Power aria-hidden />}
            Activate connection
          </Button>
        </>
      )}
      {error && (
        <div data-testid="activate-error" className="grid gap-2">
          <FormMessage tone="error">
            {refused ? <span className="font-medium">Not ready yet. </span> : null}
            {error.message}
          </FormMessage>
          {refused && missing.length > 0 && (
            <p className="text-muted-foreground pl-5.5 text-sm">Still to do: {missing.map((check) => check.label).join("; ")}.</p>
          )}
          {refused && missing.length === 0 && !untested && (
            <OverrideDialog
              connection={connection}
              trigger={
                <Button variant="outline" size="sm" className="w-fit">
                  Activate without a test
                </Button>
              }
              activate={() => activate(true)}
            />
          )}
        </div>
      )}
    </div>
  );
}

/** "Activate without a test": the admin takes the risk, knowingly (the server audits the override). */
function OverrideDialog({ connection, trigger, activate }: { connection: Connection; trigger: ReactNode; activate: () => Promise<unknown> }) {
  return (
    <ConfirmDialog
      trigger={trigger}
      title={`Activate “${connection.name}” without a test?`}
      description="No test sign-in has succeeded with the current settings. If they are wrong, people at the connection's verified domains can't sign in until you fix them or disable the connection. The override is recorded in the audit log."
      confirmLabel="Activate without a test"
      onConfirm={activate}
    />
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
