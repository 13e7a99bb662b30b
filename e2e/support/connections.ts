import { expect, type Page } from "@playwright/test";
import { newAccount, signUp } from "./accounts";
import { ConsoleErrors } from "./console-errors";

/**
 * Steps the SSO journeys share: a new admin with a new organization and a
 * connection, and a test sign-in run from the connection's page.
 */

/** Signs a new admin up, creates their organization and a connection; ends on its overview. Returns its id. */
export async function newAdminWithConnection(
  page: Page,
  { label, organization, connection, protocol = "oidc" }: { label: string; organization: string; connection: string; protocol?: "oidc" | "saml" },
): Promise<string> {
  await signUp(page, newAccount(label));
  await page.getByLabel("Organization name").fill(organization);
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "SSO" }).click();
  await page.getByRole("button", { name: "New connection" }).click();
  const dialog = page.getByRole("dialog", { name: "New SSO connection" });
  await dialog.getByLabel("Name", { exact: true }).fill(connection);
  if (protocol === "saml") await dialog.getByRole("radio", { name: /SAML/ }).check();
  await dialog.getByRole("button", { name: "Create connection" }).click();
  await expect(page.getByRole("heading", { level: 1, name: connection })).toBeVisible();
  return /\/settings\/connections\/([^/]+)/.exec(page.url())![1]!;
}

/**
 * "Run a test sign-in" opens a tab at the IdP; `user` is the IdP's button to
 * sign in with. Returns that tab once it shows a succeeded test (still open,
 * for the caller's checks); its console errors go to `watch`.
 */
export async function runTestSignIn(page: Page, connectionId: string, user: string | RegExp, watch: (consoleErrors: ConsoleErrors) => void): Promise<Page> {
  const tabPromise = page.context().waitForEvent("page");
  await page.getByRole("button", { name: "Run a test sign-in" }).click();
  const tab = await tabPromise;
  watch(new ConsoleErrors(tab));
  await tab.getByRole("button", { name: user }).click();
  await expect(tab).toHaveURL(new RegExp(`/settings/connections/${connectionId}/test/`));
  await expect(tab.getByTestId("test-status")).toHaveText("Succeeded");
  return tab;
}

/** Activates the connection from its overview. */
export async function activateConnection(page: Page): Promise<void> {
  await page.getByRole("link", { name: "Overview" }).click();
  await page.getByRole("button", { name: "Activate connection" }).click();
  await expect(page.getByTestId("connection-status").first()).toHaveText("Active");
}
