"use client";

import { FolderOpen } from "lucide-react";
import { useId, useState } from "react";
import { ListSkeleton } from "@/components/console/skeleton";
import { QueryError } from "@/components/console/query-error";
import { hasGrant, type ActiveGroup } from "@/components/console/use-active-group";
import { useConsoleQuery } from "@/components/console/use-console-query";
import { useKeepPrevious } from "@/components/console/use-keep-previous";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { api } from "@/convex/_generated/api";
import { CreateProjectForm } from "./create-project-form";
import { ProjectRow } from "./project-row";

/**
 * The example product area: the group's projects. Controls the caller's role
 * lacks (project.write, project.archive) are hidden; the server checks them anyway.
 */
export function ProjectsPanel({ group }: { group: ActiveGroup }) {
  const [showArchived, setShowArchived] = useState(false);
  const projects = useKeepPrevious(
    useConsoleQuery(api.projects.list, { groupId: group.groupId, includeArchived: showArchived }),
  );
  const canWrite = hasGrant(group, "project.write");
  const canArchive = hasGrant(group, "project.archive");
  const headingId = useId();
  const toggleId = useId();

  return (
    <Card>
      <CardHeader className="gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="grid gap-1.5">
          <CardTitle as="h2" id={headingId}>
            Projects
          </CardTitle>
          <CardDescription>
            {canWrite ? "Everyone in the organization sees these projects." : "Projects in this organization."}
          </CardDescription>
        </div>
        <label htmlFor={toggleId} className="flex cursor-pointer items-center gap-2 text-sm select-none">
          <input
            id={toggleId}
            type="checkbox"
            checked={showArchived}
            onChange={(event) => setShowArchived(event.target.checked)}
            className="accent-primary size-4"
          />
          Show archived
        </label>
      </CardHeader>
      <CardContent className="grid gap-6">
        {canWrite && <CreateProjectForm groupId={group.groupId} />}
        {projects.status === "pending" ? (
          <ListSkeleton label="Loading projects" />
        ) : projects.status === "error" ? (
          <QueryError error={projects.error} what="projects" />
        ) : projects.data.length === 0 ? (
          <div className="flex flex-col items-center gap-2 rounded-lg border border-dashed px-4 py-10 text-center">
            <FolderOpen aria-hidden className="text-muted-foreground size-8" />
            <p className="font-medium">{showArchived ? "No projects yet" : "No active projects"}</p>
            <p className="text-muted-foreground max-w-sm text-sm">
              {canWrite
                ? "Create the first one above. Everyone in the organization will see it instantly."
                : "When someone creates a project, it shows up here."}
            </p>
          </div>
        ) : (
          <ul aria-labelledby={headingId} className="divide-y">
            {projects.data.map((project) => (
              <ProjectRow key={project._id} project={project} canWrite={canWrite} canArchive={canArchive} />
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
