"use client";

import type { Preloaded } from "convex/react";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { PageHeader } from "@/components/console/page-header";
import { QueryError } from "@/components/console/query-error";
import { RoleBadge } from "@/components/console/role-badge";
import { useConsoleQuery } from "@/components/console/use-console-query";
import { api } from "@/convex/_generated/api";
import { DashboardSkeleton } from "./dashboard-skeleton";
import { ProjectsPanel } from "./projects-panel";

type DashboardViewProps = {
  preloadedGroup: Preloaded<typeof api.groups.active> | null;
};

/** The active organization's home: its name and the example product area (projects). */
export function DashboardView({ preloadedGroup }: DashboardViewProps) {
  const group = useConsoleQuery(api.groups.active, {}, preloadedGroup);
  const router = useRouter();
  const hasNoGroup = group.status === "success" && group.data === null;
  useEffect(() => {
    // Also when the last membership goes away while the page is open.
    if (hasNoGroup) router.replace("/onboarding");
  }, [hasNoGroup, router]);

  if (group.status === "error") return <QueryError error={group.error} what="your organization" />;
  if (group.status === "pending" || group.data === null) return <DashboardSkeleton />;
  const active = group.data;

  return (
    <>
      <PageHeader
        eyebrow="Dashboard"
        title={active.name}
        description={
          <span className="inline-flex items-center gap-2">
            Your role <RoleBadge role={active.role} />
          </span>
        }
      />
      {/* Keyed by group: switching organizations starts the panel afresh (forms, toggles). */}
      <ProjectsPanel key={active.groupId} group={active} />
    </>
  );
}
