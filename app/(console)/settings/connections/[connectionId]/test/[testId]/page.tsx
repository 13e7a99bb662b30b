import type { Metadata } from "next";
import { TestResultView } from "@/components/sso/test-sign-in/test-result-view";
import { api } from "@/convex/_generated/api";
import { preloadForConsole } from "../../../../../_lib/preload";
import { connectionTitle } from "../../_components/load-connection";

type TestPageProps = { params: Promise<{ connectionId: string; testId: string }> };

export async function generateMetadata({ params }: TestPageProps): Promise<Metadata> {
  const { connectionId } = await params;
  return { title: await connectionTitle(connectionId, "Test sign-in") };
}

/**
 * One test sign-in's result, inside the connection layout. The identity
 * provider's tab lands here after the login, so the first paint already has
 * the outcome; it stays live while the test is pending.
 */
export default async function TestSignInPage({ params }: TestPageProps) {
  const { testId } = await params;
  const preloaded = await preloadForConsole(api.auth.group.getTestSignIn, { testId });
  return <TestResultView testId={testId} preloaded={preloaded} />;
}
