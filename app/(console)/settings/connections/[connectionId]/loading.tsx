import { ListSkeleton, Skeleton } from "@/components/console/skeleton";
import { Card, CardContent, CardHeader } from "@/components/ui/card";

/** A connection's tab while its page renders on the server (the header and tabs stay). */
export default function ConnectionTabLoading() {
  return (
    <Card>
      <CardHeader>
        <Skeleton className="h-5 w-36" />
        <Skeleton className="h-4 w-72 max-w-full" />
      </CardHeader>
      <CardContent>
        <ListSkeleton label="Loading" rows={3} />
      </CardContent>
    </Card>
  );
}
