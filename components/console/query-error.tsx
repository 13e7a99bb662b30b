import { CircleAlert } from "lucide-react";
import { appError } from "@/lib/errors";

/** A query that failed (e.g. FORBIDDEN after losing access), in place of the content it would show. */
export function QueryError({ error, what }: { error: Error; what: string }) {
  const { code, message } = appError(error);
  return (
    <div role="alert" className="flex items-start gap-2 rounded-lg border border-dashed px-4 py-6 text-sm">
      <CircleAlert aria-hidden className="text-destructive mt-0.5 size-4 shrink-0" />
      <div>
        <p className="font-medium">Couldn&apos;t load {what}.</p>
        <p className="text-muted-foreground">{code === "UNKNOWN" ? "Reload the page to try again." : message}</p>
      </div>
    </div>
  );
}
