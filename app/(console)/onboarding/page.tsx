import type { Metadata } from "next";
import { api } from "@/convex/_generated/api";
import { preloadForConsole } from "../_lib/preload";
import { OnboardingView } from "./_components/onboarding-view";

export const metadata: Metadata = { title: "Create your organization · Convex Group SSO" };

export default async function OnboardingPage() {
  const preloadedGroups = await preloadForConsole(api.groups.mine, {});
  return <OnboardingView preloadedGroups={preloadedGroups} />;
}
