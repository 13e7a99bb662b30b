"use client";

import { useMutation } from "convex/react";
import { RenameDialog } from "@/components/console/rename-dialog";
import type { Connection } from "@/components/sso/types";
import { renameConnectionSchema } from "@/components/sso/validation";
import { api } from "@/convex/_generated/api";

export function RenameConnectionDialog({ connection }: { connection: Connection }) {
  const updateConnection = useMutation(api.auth.group.updateConnection);
  return (
    <RenameDialog
      name={connection.name}
      title="Rename connection"
      description="The name is for you and other admins, e.g. the identity provider's."
      label="Connection name"
      schema={renameConnectionSchema}
      rename={(name) => updateConnection({ id: connection.connectionId, data: { name } })}
    />
  );
}
