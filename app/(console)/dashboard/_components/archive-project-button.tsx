"use client";

import { useMutation } from "convex/react";
import { Archive, ArchiveRestore } from "lucide-react";
import { ConfirmDialog } from "@/components/console/confirm-dialog";
import { Button } from "@/components/ui/button";
import { api } from "@/convex/_generated/api";
import type { Project } from "./project-row";

/** Archive (or restore) a project, after a confirmation. */
export function ArchiveProjectButton({ project }: { project: Project }) {
  const setArchived = useMutation(api.projects.setArchived);
  const archived = project.status === "archived";
  const Icon = archived ? ArchiveRestore : Archive;
  const verb = archived ? "Restore" : "Archive";
  return (
    <ConfirmDialog
      trigger={
        <Button variant="outline" size="sm" aria-label={`${verb} ${project.name}`}>
          <Icon aria-hidden />
          {verb}
        </Button>
      }
      title={`${verb} “${project.name}”?`}
      description={
        archived
          ? "The project becomes active again and shows up in everyone's project list."
          : "The project is hidden from the project list. Its data is kept, and an admin can restore it at any time."
      }
      confirmLabel={`${verb} project`}
      destructive={!archived}
      onConfirm={() => setArchived({ projectId: project._id, archived: !archived })}
    />
  );
}
