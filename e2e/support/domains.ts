import { expect, type Page } from "@playwright/test";
import { ConsoleErrors } from "./console-errors";

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
  const dnsPage = await page.context().newPage();
  watch(new ConsoleErrors(dnsPage));
  await dnsPage.goto("/dev/dns");
  await dnsPage.getByLabel("Name", { exact: true }).fill(name);
  await dnsPage.getByLabel("Value", { exact: true }).fill(value);
  await dnsPage.getByRole("button", { name: "Publish record" }).click();
  await expect(dnsPage.getByRole("status").filter({ hasText: `Published a TXT record for ${name}.` })).toBeVisible();
  await dnsPage.close();
  await record.getByRole("button", { name: "Verify now" }).click();
  await expect(item.getByTestId("domain-status")).toHaveText("Verified");
}
