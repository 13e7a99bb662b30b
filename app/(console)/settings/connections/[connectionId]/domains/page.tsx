import type { Metadata } from "next";
import { devDnsConfig } from "@/app/dev/dns/_lib/dev-dns-config";
import { api } from "@/convex/_generated/api";
import { preloadForConsole } from "../../../../_lib/preload";
import { connectionTitle } from "../_components/load-connection";
import { DomainsView } from "./_components/domains-view";

type DomainsPageProps = { params: Promise<{ connectionId: string }> };

export async function generateMetadata({ params }: DomainsPageProps): Promise<Metadata> {
  const { connectionId } = await params;
  return { title: await connectionTitle(connectionId, "Domains") };
}

export default async function DomainsPage({ params }: DomainsPageProps) {
  const { connectionId } = await params;
  const preloadedDomains = await preloadForConsole(api.auth.group.listDomains, { connectionId });
  // In development with the embedded backend, records can be published on the local DNS server at /dev/dns.
  return <DomainsView preloadedDomains={preloadedDomains} devDns={devDnsConfig() !== undefined} />;
}
