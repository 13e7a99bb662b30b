import type { Metadata } from "next";
import { OidcView } from "@/components/sso/oidc/oidc-view";
import { api } from "@/convex/_generated/api";
import { preloadForConsole } from "../../../../_lib/preload";
import { connectionTitle } from "../_components/load-connection";

type OidcPageProps = { params: Promise<{ connectionId: string }> };

export async function generateMetadata({ params }: OidcPageProps): Promise<Metadata> {
  const { connectionId } = await params;
  return { title: await connectionTitle(connectionId, "OpenID Connect") };
}

/** Rendered inside the connection layout (header and tabs); the settings and their status preload here. */
export default async function OidcPage({ params }: OidcPageProps) {
  const { connectionId } = await params;
  const [preloadedOidc, preloadedStatus] = await Promise.all([
    preloadForConsole(api.auth.group.getOidc, { connectionId }),
    preloadForConsole(api.auth.group.getOidcStatus, { connectionId }),
  ]);
  return <OidcView preloadedOidc={preloadedOidc} preloadedStatus={preloadedStatus} />;
}
