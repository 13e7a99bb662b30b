import { ListSkeleton, Skeleton } from "@/components/console/skeleton";
import { Card, CardContent, CardHeader } from "@/components/ui/card";

/** The dashboard's shape while the active organization loads. */
export function DashboardSkeleton() {
  return (
    <>
      <div className="grid gap-2">
        <Skeleton className="h-4 w-24" />
        <Skeleton className="h-8 w-56" />
      </div>
      <Card>
        <CardHeader>
          <Skeleton className="h-5 w-24" />
          <Skeleton className="h-4 w-64 max-w-full" />
        </CardHeader>
        <CardContent>
          <ListSkeleton label="Loading projects" />
        </CardContent>
      </Card>
    </>
  );
}
