import "server-only";

/**
 * Where the dev DNS server's records are, as `npm run dev` tells Next.js
 * (tools/dev-dns/dev-stack.ts), or undefined when /dev/dns must not exist:
 * in production, and whenever no dev DNS server runs (a real Convex
 * deployment). The page and its actions both check it: an action is an
 * endpoint of its own, whatever the page shows.
 */
export interface DevDnsConfig {
  recordsFile: string;
  /** `127.0.0.1:<port>`, when known. */
  server: string | undefined;
}

export function devDnsConfig(): DevDnsConfig | undefined {
  if (process.env.NODE_ENV === "production") return undefined;
  const recordsFile = process.env.DEV_DNS_RECORDS;
  if (!recordsFile) return undefined;
  return { recordsFile, server: process.env.DEV_DNS_SERVER || undefined };
}
