import { preloadedQueryResult } from "convex/nextjs";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { api } from "@/convex/_generated/api";
import { preloadForConsole } from "../_lib/preload";
import { DashboardView } from "./_components/dashboard-view";

export const metadata: Metadata = { title: "Dashboard · Convex Group SSO" };

export default async function DashboardPage() {
  const preloadedGroup = await preloadForConsole(api.groups.active, {});
  // No organization yet: creating one is the first step.
  if (preloadedGroup && preloadedQueryResult(preloadedGroup) === null) redirect("/onboarding");
  return <DashboardView preloadedGroup={preloadedGroup} />;
}
