import type { Metadata } from "next";
import { devDnsConfig } from "@/app/dev/dns/_lib/dev-dns-config";
import { SetupWizard } from "@/components/setup/setup-wizard";

/**
 * Where a setup link lands: the set-up wizard for the customer's IT admin,
 * without an account. The token in the path is the credential, so the page
 * is kept out of search engines and sends no Referer anywhere (the security
 * headers already limit it to our origin; this drops it entirely).
 */
export const metadata: Metadata = {
  title: "Set up sign-in · Convex Group SSO",
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};

type SetupPageProps = { params: Promise<{ token: string }> };

export default async function SetupPage({ params }: SetupPageProps) {
  const { token } = await params;
  // In development with the embedded backend, records can be published on the local DNS server at /dev/dns.
  return <SetupWizard token={token} devDns={devDnsConfig() !== undefined} />;
}
