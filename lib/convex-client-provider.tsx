"use client";

import { ConvexAuthNextjsProvider } from "@convex-dev/auth/nextjs";
import { ConvexReactClient } from "convex/react";
import type { ReactNode } from "react";

const convexUrl = process.env.NEXT_PUBLIC_CONVEX_URL;

// One client per browser tab: it owns the WebSocket that keeps every query live.
const convex = convexUrl ? new ConvexReactClient(convexUrl) : null;

/**
 * The Convex client, authenticated as the signed-in person. Sits inside
 * `ConvexAuthNextjsServerProvider` (app/layout.tsx), which hands it the
 * session token from the httpOnly cookie; `useAuthActions()` works below it.
 */
export function ConvexClientProvider({ children }: { children: ReactNode }) {
  if (!convex) {
    return <MissingConvexUrl />;
  }
  return <ConvexAuthNextjsProvider client={convex}>{children}</ConvexAuthNextjsProvider>;
}

export function MissingConvexUrl() {
  return (
    <main className="flex min-h-dvh items-center justify-center p-6">
      <div role="alert" className="bg-card w-full max-w-lg rounded-xl border p-6 shadow-sm">
        <h1 className="text-lg font-semibold">Convex is not configured</h1>
        <p className="text-muted-foreground mt-2 text-sm">
          <code className="bg-muted rounded px-1 py-0.5 font-mono text-xs">NEXT_PUBLIC_CONVEX_URL</code> is not set,
          so the app has no backend to talk to.
        </p>
        <p className="text-muted-foreground mt-4 text-sm">
          Start the app with the command below. It runs Next.js together with a local Convex backend and sets the
          variable for you.
        </p>
        <pre className="bg-muted mt-2 rounded-md px-3 py-2 font-mono text-sm">npm run dev</pre>
      </div>
    </main>
  );
}
