"use client";

import { useMutation } from "convex/react";
import { RenameDialog } from "@/components/console/rename-dialog";
import { api } from "@/convex/_generated/api";
import { projectSchema } from "@/lib/validation/group";
import type { Project } from "./project-row";

export function RenameProjectDialog({ project }: { project: Project }) {
  const renameProject = useMutation(api.projects.rename);
  return (
    <RenameDialog
      name={project.name}
      title="Rename project"
      description="Everyone in the organization sees the new name right away."
      label="Project name"
      schema={projectSchema}
      rename={(name) => renameProject({ projectId: project._id, name })}
    />
  );
}
