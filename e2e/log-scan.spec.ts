import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { locateLeaks, needle } from "../tools/testing/leaks";
import { DEV_LOG_FILE, readRecordedSecrets } from "./support/secrets";

/**
 * Runs after every journey (the "logs" project depends on "chromium", see
 * playwright.config.ts): everything `npm run dev` printed during the run —
 * Next.js, the Convex functions' logs, the demo IdP, the dev DNS server — is
 * searched for each secret the journeys handled (recorded by the fixture in
 * support/fixtures.ts). A hit shows the log line with the secret replaced by its kind.
 */
test("the stack's output holds none of the secrets the journeys used", () => {
  const recorded = readRecordedSecrets();
  const output = readFileSync(DEV_LOG_FILE, "utf8");
  // Every journey signs someone in: with no session token recorded, the recording itself is broken.
  expect(recorded.some((secret) => secret.label.includes("JWT"))).toBe(true);
  expect(output).toContain("[convex]");

  const kinds = new Map<string, number>();
  for (const { label } of recorded) kinds.set(label, (kinds.get(label) ?? 0) + 1);
  test.info().annotations.push({ type: "secrets checked", description: [...kinds].map(([label, count]) => `${label} ×${count}`).join(", ") });

  const leaks = locateLeaks(output, recorded.map(({ label, value }) => needle(label, value)));
  expect([...new Set(leaks)]).toEqual([]);
});
