import { Ban, Clock, Link2Off, TriangleAlert, type LucideIcon } from "lucide-react";
import { Skeleton } from "@/components/console/skeleton";
import { Card, CardDescription, CardHeader } from "@/components/ui/card";
import { appError } from "@/lib/errors";

/** Why a link can't be used, by the code api.auth.setup refuses it with. */
const UNUSABLE: Record<string, { icon: LucideIcon; title: string; description: string }> = {
  SETUP_LINK_INVALID: {
    icon: Link2Off,
    title: "This setup link isn't valid",
    description: "Check that you opened the whole link from the message you got. If it still doesn't work, ask the person who sent it for a new one.",
  },
  SETUP_LINK_EXPIRED: {
    icon: Clock,
    title: "This setup link has expired",
    description: "Setup links work for a limited time. Ask the person who sent it for a new one; what you set up already is kept.",
  },
  SETUP_LINK_REVOKED: {
    icon: Ban,
    title: "This setup link was revoked",
    description: "The organization's admins turned it off. Ask them for a new one if there is more to set up; what you set up already is kept.",
  },
};

/** In place of the wizard: an unusable link (with what to do), or a failure to load it. */
export function LinkUnavailable({ error }: { error: Error }) {
  const { code, message } = appError(error);
  const known = UNUSABLE[code];
  const { icon: Icon, title, description } = known ?? { icon: TriangleAlert, title: "The set-up couldn't be loaded", description: message };
  return (
    <Card data-testid="setup-unavailable" data-code={code} role={known ? undefined : "alert"} className="mx-auto w-full max-w-lg">
      <CardHeader>
        <Icon aria-hidden className="text-muted-foreground mb-1 size-6" />
        <h1 className="text-lg leading-tight font-semibold tracking-tight">{title}</h1>
        <CardDescription>{known ? description : `${description} Reload the page to try again.`}</CardDescription>
      </CardHeader>
    </Card>
  );
}

/** The wizard's shape while the link is checked. */
export function SetupSkeleton() {
  return (
    <div role="status" aria-label="Loading the set-up" className="grid gap-6">
      <div className="grid gap-2">
        <Skeleton className="h-4 w-40" />
        <Skeleton className="h-8 w-80 max-w-full" />
        <Skeleton className="h-4 w-96 max-w-full" />
      </div>
      <div className="flex gap-2">
        <Skeleton className="h-14 flex-1" />
        <Skeleton className="h-14 flex-1" />
        <Skeleton className="h-14 flex-1" />
      </div>
      <Skeleton className="h-64 w-full" />
    </div>
  );
}
