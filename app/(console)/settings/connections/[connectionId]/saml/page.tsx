import type { Metadata } from "next";
import { SamlView } from "@/components/sso/saml/saml-view";
import { api } from "@/convex/_generated/api";
import { preloadForConsole } from "../../../../_lib/preload";
import { connectionTitle } from "../_components/load-connection";

type SamlPageProps = { params: Promise<{ connectionId: string }> };

export async function generateMetadata({ params }: SamlPageProps): Promise<Metadata> {
  const { connectionId } = await params;
  return { title: await connectionTitle(connectionId, "SAML") };
}

/** Rendered inside the connection layout (header and tabs); the settings and their status preload here. */
export default async function SamlPage({ params }: SamlPageProps) {
  const { connectionId } = await params;
  const [preloadedSaml, preloadedStatus] = await Promise.all([
    preloadForConsole(api.auth.group.getSaml, { connectionId }),
    preloadForConsole(api.auth.group.getSamlStatus, { connectionId }),
  ]);
  return <SamlView preloadedSaml={preloadedSaml} preloadedStatus={preloadedStatus} />;
}
