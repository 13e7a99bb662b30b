import path from "node:path";

/**
 * Where `npm run dev` puts things. Every value can be overridden through the
 * environment so that Playwright can start a second, isolated stack next to a
 * developer's running one (see playwright.config.ts).
 */
export interface DevSettings {
  /** Port of `next dev`. */
  devPort: number;
  /** Port of the embedded Convex backend's API (what the browser talks to). */
  convexPort: number;
  /** Port of the embedded Convex backend's HTTP actions ("site" URL). */
  convexSitePort: number;
  /** Where the embedded backend stores its data, relative to the repo root. */
  dataDir: string;
  /** Dotenv file the backend's functions read their env from. */
  envFile: string;
  /** Start the embedded backend with empty data (and the dev DNS server with no records). */
  reset: boolean;
  /** Port of the dev DNS server (UDP and TCP) that the embedded backend's DNS lookups go to. */
  dnsPort: number;
  /** The dev DNS server's records file (edited at /dev/dns), relative to the repo root or absolute. */
  dnsRecordsFile: string;
  /** Port of the demo OpenID Connect IdP (tools/demo-idp) that the demo group's SSO connection uses. */
  demoIdpPort: number;
}

export function readDevSettings(env: Record<string, string | undefined>): DevSettings {
  const dataDir = env.CONVEX_LOCAL_DATA_DIR || ".convex-local/data";
  return {
    devPort: readPort(env, "DEV_PORT", 3000),
    convexPort: readPort(env, "CONVEX_LOCAL_PORT", 3210),
    convexSitePort: readPort(env, "CONVEX_LOCAL_SITE_PORT", 3211),
    dataDir,
    envFile: env.CONVEX_LOCAL_ENV_FILE || ".env.convex.local",
    reset: env.CONVEX_LOCAL_RESET === "1",
    dnsPort: readPort(env, "DEV_DNS_PORT", 5354),
    // Next to the data directory, like the admin key: local state that `rm -rf .convex-local` clears.
    dnsRecordsFile: env.DEV_DNS_RECORDS || path.join(path.dirname(dataDir), "dns-records.json"),
    demoIdpPort: readPort(env, "DEMO_IDP_PORT", 4400),
  };
}

function readPort(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name];
  if (!raw) return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${name} must be a port number between 1 and 65535, but it is "${raw}".`);
  }
  return port;
}
