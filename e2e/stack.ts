/**
 * The isolated stack Playwright starts with `npm run dev` (see
 * playwright.config.ts): its own ports, data and env file, so the tests never
 * touch a developer's running dev server or their local data.
 */
export const e2eStack = {
  appPort: 3100,
  convexPort: 3310,
  convexSitePort: 3311,
  dataDir: ".convex-local/e2e-data",
  envFile: ".convex-local/e2e.env",
  nextDistDir: ".next-e2e",
  // The dev DNS server: not 5354 nor the records file of a developer's own `npm run dev`.
  dnsPort: 5363,
  dnsRecordsFile: ".convex-local/e2e-dns-records.json",
  // The demo OIDC IdP: not 4400, which a developer's own `npm run dev` uses.
  demoIdpPort: 4410,
} as const;

/**
 * The app as people reach it: SITE_URL (`npm run dev` generates
 * http://localhost:<port>), which the server's redirects (SSO callbacks, mail
 * links) point to, so the browser's cookies belong to this origin.
 */
export const appUrl = `http://localhost:${e2eStack.appPort}`;
/** For the readiness probe: `next dev` listens on 127.0.0.1, which Node's fetch must not try as ::1. */
export const appProbeUrl = `http://127.0.0.1:${e2eStack.appPort}`;
/** For `new ConvexHttpClient(convexUrl)`: acting as another user than the page under test. */
export const convexUrl = `http://127.0.0.1:${e2eStack.convexPort}`;
