import type { Metadata } from "next";
import { WebhooksView } from "@/components/sso/webhooks/webhooks-view";
import { api } from "@/convex/_generated/api";
import { preloadForConsole } from "../../../../_lib/preload";
import { connectionTitle } from "../_components/load-connection";

type WebhooksPageProps = { params: Promise<{ connectionId: string }> };

export async function generateMetadata({ params }: WebhooksPageProps): Promise<Metadata> {
  const { connectionId } = await params;
  return { title: await connectionTitle(connectionId, "Webhooks") };
}

/** Rendered inside the connection layout (header and tabs); the endpoints preload here, the deliveries load live. */
export default async function WebhooksPage({ params }: WebhooksPageProps) {
  const { connectionId } = await params;
  const preloadedEndpoints = await preloadForConsole(api.auth.group.listWebhookEndpoints, { connectionId });
  return <WebhooksView preloadedEndpoints={preloadedEndpoints} />;
}
