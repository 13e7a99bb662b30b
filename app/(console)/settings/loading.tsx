import { ListSkeleton, Skeleton } from "@/components/console/skeleton";
import { Card, CardContent, CardHeader } from "@/components/ui/card";

/** Shown while a settings page renders on the server (it preloads the data it shows first). */
export default function SettingsLoading() {
  return (
    <>
      <div className="grid gap-2">
        <Skeleton className="h-4 w-20" />
        <Skeleton className="h-8 w-40" />
      </div>
      <Card>
        <CardHeader>
          <Skeleton className="h-5 w-28" />
          <Skeleton className="h-4 w-72 max-w-full" />
        </CardHeader>
        <CardContent>
          <ListSkeleton label="Loading" rows={2} />
        </CardContent>
      </Card>
    </>
  );
}
