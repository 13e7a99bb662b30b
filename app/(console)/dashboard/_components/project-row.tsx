"use client";

import type { FunctionReturnType } from "convex/server";
import { FolderKanban } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import type { api } from "@/convex/_generated/api";
import { formatRelativeTime } from "@/lib/relative-time";
import { useNow } from "@/components/guestbook/use-now";
import { ArchiveProjectButton } from "./archive-project-button";
import { RenameProjectDialog } from "./rename-project-dialog";

export type Project = FunctionReturnType<typeof api.projects.list>[number];

type ProjectRowProps = { project: Project; canWrite: boolean; canArchive: boolean };

const CLOCK_TICK_MS = 60_000;

export function ProjectRow({ project, canWrite, canArchive }: ProjectRowProps) {
  const archived = project.status === "archived";
  const now = useNow(CLOCK_TICK_MS);
  return (
    <li data-testid="project" className="flex flex-wrap items-center gap-3 py-3 first:pt-0 last:pb-0 sm:flex-nowrap">
      <span
        aria-hidden
        className="bg-accent-subtle text-accent-subtle-foreground flex size-9 shrink-0 items-center justify-center rounded-lg"
      >
        <FolderKanban className="size-4" />
      </span>
      <div className="min-w-0 flex-1">
        <p className="flex items-center gap-2">
          <span className={archived ? "text-muted-foreground truncate font-medium" : "truncate font-medium"}>{project.name}</span>
          {archived && <Badge>Archived</Badge>}
        </p>
        <p className="text-muted-foreground text-xs">
          Created{" "}
          <time dateTime={new Date(project._creationTime).toISOString()} suppressHydrationWarning>
            {formatRelativeTime(project._creationTime, now)}
          </time>
        </p>
      </div>
      {(canWrite || canArchive) && (
        <div className="flex w-full shrink-0 justify-end gap-2 sm:w-auto">
          {canWrite && !archived && <RenameProjectDialog project={project} />}
          {canArchive && <ArchiveProjectButton project={project} />}
        </div>
      )}
    </li>
  );
}
