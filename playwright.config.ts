import { defineConfig, devices } from "@playwright/test";
import { appProbeUrl, appUrl, convexUrl, e2eStack } from "./e2e/stack";
import { DEV_LOG_FILE } from "./e2e/support/secrets";
import { findChromium } from "./tools/test/chromium";

export default defineConfig({
  testDir: "e2e",
  // Forgets the secrets an earlier run recorded: e2e/log-scan.spec.ts checks this run's.
  globalSetup: "./e2e/support/global-setup.ts",
  // Git-ignored; a sibling of the reports `npm test` writes, because Playwright empties this folder on each run.
  outputDir: "test-results/e2e",
  // The tests share one backend and one `next dev`, and CI has 2 slow cores.
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  // `next dev` compiles each route on its first request.
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: "list",
  use: {
    baseURL: appUrl,
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      testIgnore: /log-scan\.spec\.ts/,
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          // Undefined falls back to Playwright's own browser, whose error explains how to install it.
          executablePath: findChromium(),
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
          ],
        },
      },
    },
    // Last: the stack's output, checked for the secrets the journeys used.
    { name: "logs", testMatch: /log-scan\.spec\.ts/, dependencies: ["chromium"] },
  ],
  webServer: {
    command: "npm run dev",
    url: appProbeUrl,
    reuseExistingServer: false,
    // First start compiles the home page (the readiness probe requests it) on 2 slow cores.
    timeout: 300_000,
    stdout: "pipe",
    stderr: "pipe",
    // Let `npm run dev` stop its children (the backend flushes its data) rather than SIGKILL the lot,
    // which would leave the children, in their own process groups, running.
    gracefulShutdown: { signal: "SIGTERM", timeout: 30_000 },
    env: {
      DEV_PORT: String(e2eStack.appPort),
      CONVEX_LOCAL_PORT: String(e2eStack.convexPort),
      CONVEX_LOCAL_SITE_PORT: String(e2eStack.convexSitePort),
      CONVEX_LOCAL_DATA_DIR: e2eStack.dataDir,
      CONVEX_LOCAL_ENV_FILE: e2eStack.envFile,
      CONVEX_LOCAL_RESET: "1",
      DEV_DNS_PORT: String(e2eStack.dnsPort),
      DEV_DNS_RECORDS: e2eStack.dnsRecordsFile,
      DEMO_IDP_PORT: String(e2eStack.demoIdpPort),
      NEXT_DIST_DIR: e2eStack.nextDistDir,
      // Always the embedded backend, even where .env.local configures a real deployment.
      CONVEX_DEPLOYMENT: "",
      CONVEX_SELF_HOSTED_URL: "",
      NEXT_PUBLIC_CONVEX_URL: convexUrl,
      // Everything the stack prints, for e2e/log-scan.spec.ts.
      DEV_LOG_FILE,
    },
  },
});
