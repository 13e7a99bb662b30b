"use client";

import type { Preloaded } from "convex/react";
import { ArrowLeft, Building2 } from "lucide-react";
import Link from "next/link";
import { useConsoleQuery } from "@/components/console/use-console-query";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";
import { api } from "@/convex/_generated/api";
import { CreateGroupForm } from "./create-group-form";

type OnboardingViewProps = {
  preloadedGroups: Preloaded<typeof api.groups.mine> | null;
};

/** "Create your organization": the first step after signing up, and how to add another one later. */
export function OnboardingView({ preloadedGroups }: OnboardingViewProps) {
  const groups = useConsoleQuery(api.groups.mine, {}, preloadedGroups);
  const existing = groups.status === "success" ? groups.data : [];

  return (
    <div className="mx-auto flex w-full max-w-lg flex-col gap-6 sm:pt-6">
      {existing.length > 0 && (
        <Link href="/dashboard" className={buttonVariants({ variant: "outline", size: "sm", className: "w-fit" })}>
          <ArrowLeft aria-hidden />
          Back to dashboard
        </Link>
      )}
      <Card>
        <CardHeader className="gap-3">
          <span
            aria-hidden
            className="bg-accent-subtle text-accent-subtle-foreground flex size-10 items-center justify-center rounded-lg"
          >
            <Building2 className="size-5" />
          </span>
          <h1 className="text-2xl font-semibold tracking-tight">Create your organization</h1>
          <CardDescription>
            {existing.length > 0
              ? `You already belong to ${formatNames(existing.map((group) => group.name))}. You can create another organization; it becomes the one the console shows.`
              : "An organization holds your team's projects and members. You'll be its owner, and you can invite your teammates next."}
          </CardDescription>
        </CardHeader>
        <CardContent>
          <CreateGroupForm />
        </CardContent>
      </Card>
    </div>
  );
}

function formatNames(names: string[]): string {
  if (names.length <= 2) return names.join(" and ");
  return `${names.slice(0, 2).join(", ")} and ${names.length - 2} more`;
}
