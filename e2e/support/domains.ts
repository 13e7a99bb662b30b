import { expect, type BrowserContext, type Page } from "@playwright/test";
import { ConsoleErrors } from "./console-errors";

/**
 * Publishes a TXT record on the e2e stack's dev DNS server, through /dev/dns
 * in a new tab of `context` (closed afterwards); its console errors go to `watch`.
 */
export async function publishTxtRecord(context: BrowserContext, name: string, value: string, watch: (consoleErrors: ConsoleErrors) => void): Promise<void> {
  const dnsPage = await context.newPage();
  watch(new ConsoleErrors(dnsPage));
  await dnsPage.goto("/dev/dns");
  await dnsPage.getByLabel("Name", { exact: true }).fill(name);
  await dnsPage.getByLabel("Value", { exact: true }).fill(value);
  await dnsPage.getByRole("button", { name: "Publish record" }).click();
  await expect(dnsPage.getByRole("status").filter({ hasText: `Published a TXT record for ${name}.` })).toBeVisible();
  await dnsPage.close();
}

/**
 * On a connection's page: adds `domain` on its Domains tab, publishes the
 * TXT record the app asks for on the e2e stack's dev DNS server (through
 * /dev/dns, in another tab) and verifies it. The DNS tab's console errors go
 * to `watch`.
 */
export async function claimAndVerifyDomain(page: Page, domain: string, watch: (consoleErrors: ConsoleErrors) => void): Promise<void> {
  await page.getByRole("link", { name: "Domains" }).click();
  await page.getByLabel("Domain", { exact: true }).fill(domain);
  await page.getByRole("button", { name: "Add domain" }).click();
  const item = page.locator(`[data-testid="domain"][data-domain="${domain}"]`);
  const record = item.getByTestId("domain-record");
  const name = (await record.getByTestId("record-name").textContent())!.trim();
  const value = (await record.getByTestId("record-value").textContent())!.trim();
  await publishTxtRecord(page.context(), name, value, watch);
  await record.getByRole("button", { name: "Verify now" }).click();
  await expect(item.getByTestId("domain-status")).toHaveText("Verified");
}
