import { CircleCheck, CircleX } from "lucide-react";
import { Badge } from "@/components/ui/badge";

/** Success or failure of an audit event, by colour, icon and word. */
export function OutcomeBadge({ outcome }: { outcome: "success" | "failure" }) {
  return outcome === "success" ? (
    <Badge className="border-transparent bg-emerald-50 text-emerald-800 dark:bg-emerald-500/15 dark:text-emerald-300">
      <CircleCheck aria-hidden />
      Success
    </Badge>
  ) : (
    <Badge className="bg-destructive/10 text-destructive border-transparent">
      <CircleX aria-hidden />
      Failure
    </Badge>
  );
}
