"use client";

import { usePreloadedQuery, type Preloaded } from "convex/react";
import type { api } from "@/convex/_generated/api";
import { formatRelativeTime } from "@/lib/relative-time";
import { useNow } from "./use-now";

const CLOCK_TICK_MS = 30_000;

type MessageListProps = {
  preloadedMessages: Preloaded<typeof api.messages.list>;
};

export function MessageList({ preloadedMessages }: MessageListProps) {
  // Starts from the server-rendered result, then follows the live subscription.
  const messages = usePreloadedQuery(preloadedMessages);
  const now = useNow(CLOCK_TICK_MS);

  return (
    <div data-testid="message-list" role="log" aria-label="Guestbook">
      {messages.length === 0 ? (
        <p className="text-muted-foreground rounded-lg border border-dashed px-4 py-8 text-center text-sm">
          No messages yet — be the first
        </p>
      ) : (
        <ol className="divide-y">
          {messages.map((message) => (
            <li key={message._id} data-testid="message" className="flex gap-3 py-4 first:pt-0 last:pb-0">
              <span
                aria-hidden
                className="bg-accent-subtle text-accent-subtle-foreground flex size-8 shrink-0 items-center justify-center rounded-full text-sm font-semibold uppercase"
              >
                {message.author.charAt(0)}
              </span>
              <div className="min-w-0 flex-1">
                <p className="flex flex-wrap items-baseline gap-x-2 text-sm">
                  <span className="font-medium">{message.author}</span>
                  <time
                    dateTime={new Date(message._creationTime).toISOString()}
                    title={new Date(message._creationTime).toLocaleString()}
                    className="text-muted-foreground text-xs"
                    // Server and browser clocks (and locales) differ, so the first client render may disagree.
                    suppressHydrationWarning
                  >
                    {formatRelativeTime(message._creationTime, now)}
                  </time>
                </p>
                <p className="mt-1 text-sm break-words whitespace-pre-wrap">{message.body}</p>
              </div>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
