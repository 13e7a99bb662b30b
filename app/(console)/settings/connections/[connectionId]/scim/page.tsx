import type { Metadata } from "next";
import { ScimView } from "@/components/sso/scim/scim-view";
import { api } from "@/convex/_generated/api";
import { preloadForConsole } from "../../../../_lib/preload";
import { connectionTitle } from "../_components/load-connection";

type ScimPageProps = { params: Promise<{ connectionId: string }> };

export async function generateMetadata({ params }: ScimPageProps): Promise<Metadata> {
  const { connectionId } = await params;
  return { title: await connectionTitle(connectionId, "SCIM") };
}

/** Rendered inside the connection layout (header and tabs); the SCIM settings and their live checks preload here. */
export default async function ScimPage({ params }: ScimPageProps) {
  const { connectionId } = await params;
  const preloadedStatus = await preloadForConsole(api.auth.group.getScimStatus, { connectionId });
  return <ScimView preloadedStatus={preloadedStatus} />;
}
