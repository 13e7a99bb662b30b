"use client";

import { useMutation } from "convex/react";
import { useState } from "react";
import { useConsoleAction } from "@/components/console/use-action-state";
import { api } from "@/convex/_generated/api";

export type StartedTest = {
  testId: string;
  url: string;
  /** The browser refused to open the tab (a popup blocker): the page offers a link instead. */
  blocked: boolean;
};

/**
 * Starts a test sign-in (`startTestSignIn`) and opens the identity provider's
 * page in a new tab. After the login there, that tab lands on the test's
 * result page. Nothing is signed in: the callback only records what would
 * have happened.
 */
export function useStartTestSignIn(
  connectionId: string,
  /** Starts the test another way than the console's `startTestSignIn` (the setup wizard starts it through its link). */
  startTest?: () => Promise<{ testId: string; url: string }>,
) {
  const startTestSignIn = useMutation(api.auth.group.startTestSignIn);
  const { pending, error, run, reset } = useConsoleAction();
  const [started, setStarted] = useState<StartedTest | null>(null);

  async function start() {
    setStarted(null);
    const outcome = await run(() => (startTest ? startTest() : startTestSignIn({ connectionId })));
    if (!outcome.ok) return;
    const { testId, url } = outcome.value;
    // No "noopener" feature: with it, window.open returns null even when the tab opens, hiding a blocked popup.
    const tab = window.open(url, "_blank");
    if (tab) tab.opener = null;
    setStarted({ testId, url, blocked: tab === null });
  }

  return { start, pending, error, started, reset };
}
