import type { Metadata } from "next";
import { api } from "@/convex/_generated/api";
import { preloadForConsole } from "../../../_lib/preload";
import { connectionTitle } from "./_components/load-connection";
import { OverviewView } from "./_components/overview-view";

type ConnectionPageProps = { params: Promise<{ connectionId: string }> };

export async function generateMetadata({ params }: ConnectionPageProps): Promise<Metadata> {
  const { connectionId } = await params;
  return { title: await connectionTitle(connectionId) };
}

export default async function ConnectionOverviewPage({ params }: ConnectionPageProps) {
  const { connectionId } = await params;
  const preloadedStatus = await preloadForConsole(api.auth.group.getConnectionStatus, { id: connectionId });
  return <OverviewView preloadedStatus={preloadedStatus} />;
}
