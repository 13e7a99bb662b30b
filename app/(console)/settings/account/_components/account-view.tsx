"use client";

import type { Preloaded } from "convex/react";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { PageHeader } from "@/components/console/page-header";
import { QueryError } from "@/components/console/query-error";
import { Skeleton } from "@/components/console/skeleton";
import { useConsoleQuery } from "@/components/console/use-console-query";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { api } from "@/convex/_generated/api";
import { ProfileForm } from "./profile-form";
import { SessionsCard } from "./sessions-card";

type AccountViewProps = {
  preloadedViewer: Preloaded<typeof api.users.viewer> | null;
};

/** The signed-in person's own settings: profile, email, devices, signing out. */
export function AccountView({ preloadedViewer }: AccountViewProps) {
  const viewer = useConsoleQuery(api.users.viewer, {}, preloadedViewer);

  return (
    <>
      <PageHeader eyebrow="Settings" title="Account" description="Your profile and where you are signed in." />
      <Card>
        <CardHeader>
          <CardTitle as="h2">Profile</CardTitle>
          <CardDescription>Your name is shown to the people in your organizations.</CardDescription>
        </CardHeader>
        <CardContent>
          {viewer.status === "error" ? (
            <QueryError error={viewer.error} what="your profile" />
          ) : viewer.status === "pending" || viewer.data === null ? (
            <div role="status" aria-label="Loading profile" className="grid gap-4">
              <Skeleton className="h-10 w-full" />
              <Skeleton className="h-10 w-full" />
            </div>
          ) : (
            // Keyed so the form starts from the saved name once it has loaded.
            <ProfileForm key={viewer.data._id} name={viewer.data.name ?? ""} email={viewer.data.email} />
          )}
        </CardContent>
      </Card>
      <SessionsCard />
      <Card>
        <CardHeader>
          <CardTitle as="h2">Sign out</CardTitle>
          <CardDescription>Sign out of this device. Your other devices stay signed in.</CardDescription>
        </CardHeader>
        <CardContent>
          <SignOutButton />
        </CardContent>
      </Card>
    </>
  );
}
