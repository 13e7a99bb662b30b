import { Resolver } from "node:dns/promises";
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "./support/fixtures";
import { getFunctionName, makeFunctionReference, type FunctionArgs, type FunctionReturnType } from "convex/server";
import { internal } from "../convex/_generated/api";
import { adminClient } from "../lib/dev-outbox";
import { convexUrl, e2eStack } from "./stack";
import { ConsoleErrors } from "./support/console-errors";

/**
 * /dev/dns publishes TXT records on the e2e stack's dev DNS server
 * (127.0.0.1:5363, never a developer's 5353), where both a plain resolver and
 * the app's own `resolveTxt` action find them.
 */
let consoleErrors: ConsoleErrors;

test.beforeEach(({ page }) => {
  consoleErrors = new ConsoleErrors(page);
});

test.afterEach(() => {
  consoleErrors.expectNone();
});

/** Unique per call: the records file outlives a single test. */
function challengeName(label: string): string {
  return `_group-sso-challenge.${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}.example.com`;
}

/** The TXT values at `name` on the e2e dev DNS server (chunks joined); none when the name does not exist. */
async function lookUpTxt(name: string): Promise<string[]> {
  const resolver = new Resolver({ timeout: 3000, tries: 1 });
  resolver.setServers([`127.0.0.1:${e2eStack.dnsPort}`]);
  try {
    return (await resolver.resolveTxt(name)).map((chunks) => chunks.join(""));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOTFOUND") return [];
    throw error;
  }
}

// The backend's action, called as the domain engine will: with the embedded backend's admin key.
type ResolveTxt = typeof internal.engine.dns.resolveTxt;
const resolveTxtAction = makeFunctionReference<"action", FunctionArgs<ResolveTxt>, FunctionReturnType<ResolveTxt>>(
  getFunctionName(internal.engine.dns.resolveTxt),
);
const ADMIN_KEY_FILE = path.resolve(import.meta.dirname, "..", e2eStack.dataDir, "..", "admin-key");

function resolveTxtInBackend(name: string) {
  return adminClient(convexUrl, readFileSync(ADMIN_KEY_FILE, "utf8").trim()).action(resolveTxtAction, { name });
}

function recordRow(page: Page, name: string) {
  return page.getByTestId("dns-record").filter({ hasText: name });
}

async function publish(page: Page, name: string, value: string): Promise<void> {
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Value", { exact: true }).fill(value);
  await page.getByRole("button", { name: "Publish record" }).click();
}

test("a record published on the page is served, to the app too, until it is deleted", async ({ page }) => {
  const name = challengeName("publish");
  const value = `group-sso-verification=${Math.random().toString(36).slice(2)}`;
  await page.goto("/dev/dns");
  await expect(page.getByRole("heading", { name: "Dev DNS", level: 1 })).toBeVisible();

  // Capitals, a trailing dot and spaces are what people paste; the record is stored normalized.
  await publish(page, ` ${name.toUpperCase()}. `, `  ${value} `);
  await expect(page.getByRole("status").filter({ hasText: `Published a TXT record for ${name}.` })).toBeVisible();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("");
  await expect(page.getByLabel("Name", { exact: true })).toBeFocused();
  const row = recordRow(page, name);
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(value);
  await expect(row).toContainText(`dig @127.0.0.1 -p ${e2eStack.dnsPort} TXT ${name} +short`);

  expect(await lookUpTxt(name)).toEqual([value]);
  expect(await resolveTxtInBackend(name)).toEqual({ ok: true, records: [value] });

  // Publishing the same record again changes nothing.
  await publish(page, name, value);
  await expect(page.getByRole("status").filter({ hasText: `That TXT record for ${name} was already published.` })).toBeVisible();
  await expect(recordRow(page, name)).toHaveCount(1);

  await row.getByRole("button", { name: `Delete TXT ${name}` }).click();
  await expect(recordRow(page, name)).toHaveCount(0);
  expect(await lookUpTxt(name)).toEqual([]);
  expect(await resolveTxtInBackend(name)).toEqual({ ok: true, records: [] });
});

test("a value over 255 characters is served whole", async ({ page }) => {
  const name = challengeName("long");
  const value = `v=${"0123456789".repeat(40)}`;
  await page.goto("/dev/dns");
  await publish(page, name, value);
  await expect(recordRow(page, name)).toHaveCount(1);

  expect(await lookUpTxt(name)).toEqual([value]);
  expect(await resolveTxtInBackend(name)).toEqual({ ok: true, records: [value] });

  await recordRow(page, name).getByRole("button", { name: `Delete TXT ${name}` }).click();
  await expect(recordRow(page, name)).toHaveCount(0);
});

test("the form says what is wrong before publishing anything", async ({ page }) => {
  await page.goto("/dev/dns");
  const name = page.getByLabel("Name", { exact: true });
  const value = page.getByLabel("Value", { exact: true });

  await page.getByRole("button", { name: "Publish record" }).click();
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await expect(name).toHaveAccessibleDescription("Enter a name, e.g. _group-sso-challenge.example.com.");
  await expect(name).toBeFocused();
  await expect(value).toHaveAccessibleDescription("Enter the value.");

  await name.fill("not a domain");
  await value.fill("v=ok");
  await page.getByRole("button", { name: "Publish record" }).click();
  await expect(name).toHaveAccessibleDescription("Use dot-separated labels of 1–63 letters, digits, “-” or “_”.");
  await expect(value).not.toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("dns-record").filter({ hasText: "not a domain" })).toHaveCount(0);
});
