import type { Preloaded } from "convex/react";
import { Radio } from "lucide-react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { api } from "@/convex/_generated/api";
import { MESSAGE_LIST_LIMIT } from "@/lib/messages";
import { MessageForm } from "./message-form";
import { MessageList } from "./message-list";

type LiveDemoCardProps = {
  preloadedMessages: Preloaded<typeof api.messages.list>;
};

export function LiveDemoCard({ preloadedMessages }: LiveDemoCardProps) {
  return (
    <Card>
      <CardHeader>
        <div className="flex items-center justify-between gap-4">
          <CardTitle as="h2">Live demo</CardTitle>
          <span className="bg-accent-subtle text-accent-subtle-foreground inline-flex items-center gap-1.5 rounded-full px-2.5 py-1 text-xs font-medium">
            <Radio aria-hidden className="size-3.5" />
            Live
          </span>
        </div>
        <CardDescription>
          A public guestbook stored in Convex. Open this page in two tabs: a post shows up in both instantly. Showing
          the {MESSAGE_LIST_LIMIT} newest messages.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        <MessageForm />
        <MessageList preloadedMessages={preloadedMessages} />
      </CardContent>
    </Card>
  );
}
