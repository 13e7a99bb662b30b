import { mkdirSync } from "node:fs";
import { expect, test, type Page } from "./support/fixtures";
import { api } from "../convex/_generated/api";
import { e2eStack } from "./stack";
import { convexAs } from "./support/accounts";
import { activateConnection, newAdminWithConnection } from "./support/connections";
import { ConsoleErrors } from "./support/console-errors";
import { publishTxtRecord } from "./support/domains";

/**
 * Setup links end to end: an admin creates a link for a new SAML connection;
 * in a fresh browser (no account, no session) the customer's IT admin opens
 * it, sets SAML up from the demo IdP's metadata URL, runs a test sign-in at
 * the IdP and verifies the email domain on the dev DNS server; the admin
 * sees the link's progress and a connection ready to activate. Each wizard
 * step is screenshotted into /tmp/setup-shots/.
 */
const idpUrl = `http://127.0.0.1:${e2eStack.demoIdpPort}`;
// A demo SAML company nobody has claimed, and no other spec sets up.
const DOMAIN = "hooli.test";
const SHOTS = "/tmp/setup-shots";

let watched: ConsoleErrors[];

test.beforeEach(({ page }) => {
  watched = [new ConsoleErrors(page)];
  mkdirSync(SHOTS, { recursive: true });
});

test.afterEach(() => {
  for (const consoleErrors of watched) consoleErrors.expectNone();
});

const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

test("an admin's setup link lets the IT admin, without an account, set SAML up, test it and verify the domain; the admin sees it ready", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const connectionId = await newAdminWithConnection(page, { label: "setup-link", organization: "Hooli Corp", connection: "Hooli IdP", protocol: "saml" });
  // The admin: a link for single sign-on and domains (not SCIM), for Ivan.
  await page.getByRole("button", { name: "Create setup link" }).click();
  const create = page.getByRole("dialog", { name: "Create a setup link" });
  await create.getByRole("checkbox", { name: /Provisioning \(SCIM\)/ }).uncheck();
  await create.getByLabel("Who is it for? (optional)").fill("Ivan, Hooli IT");
  await shot(page, "0-admin-create-dialog");
  await create.getByRole("button", { name: "Create link" }).click();
  const created = page.getByRole("dialog", { name: "Setup link created" });
  const url = await created.getByRole("textbox", { name: "Setup link" }).inputValue();
  expect(url).toMatch(/\/setup\/[A-Za-z0-9_-]{43}$/);
  await shot(page, "0-admin-link-created");
  await created.getByRole("button", { name: "Done" }).click();
  const row = page.getByTestId("setup-link");
  await expect(row).toHaveAttribute("data-state", "active");
  await expect(row).toContainText("Not opened yet");

  // The IT admin, in a browser of their own.
  const itContext = await browser.newContext();
  const it = await itContext.newPage();
  watched.push(new ConsoleErrors(it));
  await it.goto(url);
  await expect(it.getByRole("heading", { level: 1, name: "Set up sign-in for Hooli Corp" })).toBeVisible();
  await expect(it.getByTestId("setup-step")).toHaveCount(2);
  await expect(it.getByRole("textbox", { name: "ACS URL" })).toHaveValue(`http://127.0.0.1:${e2eStack.convexSitePort}/api/auth/saml/${connectionId}/acs`);
  await shot(it, "1-sso-values");

  await it.getByLabel("Metadata URL").fill(`${idpUrl}/saml/metadata`);
  await it.getByRole("button", { name: "Save settings" }).click();
  await expect(it.getByTestId("saml-status")).toContainText(`${idpUrl}/saml`);
  await it.getByRole("button", { name: "Validate", exact: true }).click();
  await expect(it.getByTestId("saml-validation-summary")).toHaveText("All checks passed");
  await shot(it, "2-sso-saved-validated");

  // The test sign-in: the IdP's tab ends on a page pointing back; the outcome shows in the wizard.
  const tabPromise = itContext.waitForEvent("page");
  await it.getByRole("button", { name: "Run a test sign-in" }).click();
  const idpTab = await tabPromise;
  watched.push(new ConsoleErrors(idpTab));
  await idpTab.getByRole("button", { name: /Sign in as Gavin Belson/ }).click();
  await expect(idpTab.getByRole("heading", { name: "Test sign-in finished" })).toBeVisible();
  expect(new URL(idpTab.url()).pathname).toBe("/setup/test-finished");
  await shot(idpTab, "3-test-finished-tab");
  await idpTab.close();
  await expect(it.getByTestId("test-status")).toHaveText("The test sign-in succeeded");
  await expect(it.getByTestId("test-profile")).toContainText("gavin@hooli.test");
  await expect(it.locator('[data-testid="setup-step"][data-step="sso"]')).toHaveAttribute("data-done", "true");
  await shot(it, "4-sso-tested");

  // The domain: its TXT record published on the dev DNS server, then verified.
  await it.getByRole("button", { name: "Next: Domains" }).click();
  await expect(it.getByTestId("domains-empty")).toBeVisible();
  await shot(it, "5-domains-empty");
  await it.getByLabel("Domain", { exact: true }).fill(DOMAIN);
  await it.getByRole("button", { name: "Add domain" }).click();
  const item = it.locator(`[data-testid="domain"][data-domain="${DOMAIN}"]`);
  const record = item.getByTestId("domain-record");
  await shot(it, "6-domains-record");
  const name = await record.getByTestId("record-name").inputValue();
  const value = await record.getByTestId("record-value").inputValue();
  await publishTxtRecord(itContext, name, value, (consoleErrors) => watched.push(consoleErrors));
  await record.getByRole("button", { name: "Verify" }).click();
  await expect(item.getByTestId("domain-status")).toHaveText("Verified");
  await expect(it.getByTestId("setup-complete")).toBeVisible();
  await shot(it, "7-complete");

  // The admin: the link's progress, the audit trail with the link as actor, and a connection ready to activate.
  await expect(row).toHaveAttribute("data-completed", "true");
  await expect(row.getByTestId("setup-link-step")).toHaveCount(2);
  for (const step of await row.getByTestId("setup-link-step").all()) await expect(step).toHaveAttribute("data-done", "true");
  await expect(page.getByTestId("readiness-progress")).toHaveText("4 of 5 done");
  await shot(page, "8-admin-progress");
  const asAdmin = await convexAs(page.context());
  const groupId = (await asAdmin.query(api.groups.active, {}))!.groupId;
  const audit = await asAdmin.query(api.auth.group.listAudit, { groupId, connectionId, kind: "connection.setup.completed", paginationOpts: { numItems: 5, cursor: null } });
  expect(audit.page.map((event) => event.actor)).toEqual([expect.objectContaining({ type: "setupLink", label: "Setup link (Ivan, Hooli IT)" })]);
  await activateConnection(page);

  // Revoked: the open wizard says so at once.
  await page.getByRole("link", { name: "Overview" }).click();
  await row.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("dialog", { name: "Revoke this setup link?" }).getByRole("button", { name: "Revoke link" }).click();
  await expect(row).toHaveAttribute("data-state", "revoked");
  await expect(it.getByTestId("setup-unavailable")).toHaveAttribute("data-code", "SETUP_LINK_REVOKED");
  await shot(it, "9-revoked");
  await itContext.close();
});

test("a SCIM-only link issues the token once; an unknown link says so", async ({ page, browser }) => {
  const connectionId = await newAdminWithConnection(page, { label: "setup-link-scim", organization: "Hooli Provisioning", connection: "Hooli Directory", protocol: "saml" });
  await page.getByRole("button", { name: "Create setup link" }).click();
  const create = page.getByRole("dialog", { name: "Create a setup link" });
  for (const scope of [/Single sign-on/, /Domains/]) await create.getByRole("checkbox", { name: scope }).uncheck();
  await create.getByRole("button", { name: "Create link" }).click();
  const url = await page.getByRole("dialog", { name: "Setup link created" }).getByRole("textbox", { name: "Setup link" }).inputValue();
  await page.getByRole("button", { name: "Done" }).click();

  const itContext = await browser.newContext();
  const it = await itContext.newPage();
  watched.push(new ConsoleErrors(it));
  await it.goto(url);
  // One step: no step list, straight to SCIM.
  await expect(it.getByRole("heading", { level: 1, name: "Set up provisioning for Hooli Provisioning" })).toBeVisible();
  await expect(it.getByTestId("setup-step")).toHaveCount(0);
  await expect(it.getByRole("textbox", { name: "SCIM base URL" })).toHaveValue(`http://127.0.0.1:${e2eStack.convexSitePort}/scim/v2/${connectionId}`);
  await expect(it.getByTestId("scim-token-state")).toHaveText("No token yet.");
  await it.getByRole("button", { name: "Issue a SCIM token" }).click();
  const shown = it.getByRole("dialog", { name: "SCIM is on: here is its token" });
  const token = await shown.getByRole("textbox", { name: "Bearer token" }).inputValue();
  expect(token).toMatch(/^scim_/);
  await shot(it, "10-scim-token-once");
  await shown.getByRole("button", { name: "Done" }).click();
  await expect(it.getByTestId("scim-token-state")).toContainText(token.slice(0, 12));
  await expect(it.getByTestId("setup-complete")).toBeVisible();
  await shot(it, "11-scim-complete");
  await expect(page.getByTestId("setup-link")).toHaveAttribute("data-completed", "true");

  await it.goto(`${new URL(url).origin}/setup/${"x".repeat(43)}`);
  await expect(it.getByTestId("setup-unavailable")).toHaveAttribute("data-code", "SETUP_LINK_INVALID");
  await shot(it, "12-invalid");
  await itContext.close();
});
