"use client";

import { useMutation } from "convex/react";
import { MonitorSmartphone } from "lucide-react";
import { useState } from "react";
import { ConfirmDialog } from "@/components/console/confirm-dialog";
import { FormMessage } from "@/components/console/form-message";
import { QueryError } from "@/components/console/query-error";
import { Skeleton } from "@/components/console/skeleton";
import { useConsoleQuery } from "@/components/console/use-console-query";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { api } from "@/convex/_generated/api";

/** How many devices are signed in, and signing out all but this one. */
export function SessionsCard() {
  const sessions = useConsoleQuery(api.users.sessions, {});
  const endOtherSessions = useMutation(api.users.endOtherSessions);
  const [ended, setEnded] = useState<number | null>(null);
  const count = sessions.status === "success" ? sessions.data.length : null;
  const others = count === null ? 0 : count - 1;

  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">Devices</CardTitle>
        <CardDescription>Each browser you sign in with has its own session.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {sessions.status === "pending" ? (
          <Skeleton className="h-10 w-full" />
        ) : sessions.status === "error" ? (
          <QueryError error={sessions.error} what="your sessions" />
        ) : (
          <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
            <p className="flex items-center gap-3 text-sm" data-testid="session-count">
              <MonitorSmartphone aria-hidden className="text-muted-foreground size-5 shrink-0" />
              {count === 1
                ? "You are signed in on this device only."
                : `You are signed in on ${count} devices, including this one.`}
            </p>
            <ConfirmDialog
              trigger={
                <Button variant="outline" disabled={others < 1}>
                  Sign out other devices
                </Button>
              }
              title="Sign out other devices?"
              description={`Ends ${others === 1 ? "the other session" : `the ${others} other sessions`}. This device stays signed in.`}
              confirmLabel="Sign out other devices"
              destructive
              onConfirm={async () => setEnded(await endOtherSessions())}
            />
          </div>
        )}
        {ended !== null && (
          <FormMessage tone="success">
            Signed out {ended} other {ended === 1 ? "session" : "sessions"}.
          </FormMessage>
        )}
      </CardContent>
    </Card>
  );
}
