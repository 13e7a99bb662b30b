"use client";

import { useMutation } from "convex/react";
import { Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { destructiveOutlineButton } from "@/components/console/button-styles";
import { ConfirmDialog } from "@/components/console/confirm-dialog";
import { useConnectionContext } from "@/components/sso/connection-context";
import type { Connection } from "@/components/sso/types";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { api } from "@/convex/_generated/api";
import { cn } from "@/lib/cn";

/** Deleting the connection, after a confirmation; then back to the list. */
export function DeleteConnectionCard({ connection }: { connection: Connection }) {
  const deleteConnection = useMutation(api.auth.group.deleteConnection);
  const { setDeleting } = useConnectionContext();
  const router = useRouter();

  async function remove() {
    // The layout's live query fails the moment the connection is gone: it should say "deleted", not "not found".
    setDeleting(true);
    try {
      await deleteConnection({ id: connection.connectionId });
    } catch (error) {
      setDeleting(false);
      throw error;
    }
  }

  return (
    <Card className="border-destructive/30">
      <CardHeader>
        <CardTitle as="h2">Delete connection</CardTitle>
        <CardDescription>
          Removes the connection with its domains and webhook endpoints. Its entries in the audit log are kept.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <ConfirmDialog
          trigger={
            <Button variant="outline" className={cn("w-full sm:w-fit", destructiveOutlineButton)}>
              <Trash2 aria-hidden />
              Delete connection
            </Button>
          }
          title={`Delete “${connection.name}”?`}
          description="Sign-in through it stops at once, and its domains are released: claiming them again means verifying them again. This can't be undone."
          confirmLabel="Delete connection"
          destructive
          onConfirm={remove}
          onConfirmed={() => router.push("/settings/connections")}
        />
      </CardContent>
    </Card>
  );
}
