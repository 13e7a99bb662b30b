import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

/** Debian's package: what CI installs (see .ci/run) and what most dev machines here have. */
const SYSTEM_CHROMIUM = "/usr/bin/chromium";

export const CHROMIUM_INSTALL_HELP =
  "No Chromium found for the end-to-end tests. Install one of:\n" +
  "  - Debian/Ubuntu: sudo apt-get install chromium\n" +
  "  - Playwright's own build: npx playwright install chromium\n" +
  "or point PLAYWRIGHT_CHROMIUM_EXECUTABLE to an existing Chromium or Chrome binary.";

/**
 * The Chromium the end-to-end tests run, shared by the test runner and
 * playwright.config.ts: an explicit choice first, then the system's package,
 * then a browser Playwright downloaded itself. Undefined when there is none.
 */
export function findChromium(env: Record<string, string | undefined> = process.env): string | undefined {
  const chosen = env.PLAYWRIGHT_CHROMIUM_EXECUTABLE;
  if (chosen) {
    if (!existsSync(chosen)) {
      throw new Error(`PLAYWRIGHT_CHROMIUM_EXECUTABLE is set to "${chosen}", but there is no file there.`);
    }
    return chosen;
  }
  if (existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
  const downloaded = chromium.executablePath();
  return existsSync(downloaded) ? downloaded : undefined;
}
