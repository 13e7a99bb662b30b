import { expect, test, type Page } from "./support/fixtures";
import { api } from "../convex/_generated/api";
import { appError } from "../lib/errors";
import { appUrl } from "./stack";
import { convexAs, newAccount, readLatestMail, signUp } from "./support/accounts";
import { ConsoleErrors } from "./support/console-errors";

/**
 * SSO connections in the console: an admin creates an OIDC connection,
 * claims a domain, publishes its TXT record on the e2e stack's dev DNS server
 * (through /dev/dns) and verifies it; the checklist and the list follow live.
 * A member sees none of it. Every page opened is watched for console errors.
 */

/** Unique per call: the backend (and the DNS records file) are shared by the whole run. */
function unique(label: string): string {
  return `${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

let watched: ConsoleErrors[];

test.beforeEach(({ page }) => {
  watched = [new ConsoleErrors(page)];
});

test.afterEach(() => {
  for (const consoleErrors of watched) consoleErrors.expectNone();
});

function nav(page: Page) {
  return page.getByRole("navigation", { name: "Console" });
}

function connectionRow(page: Page, name: string) {
  return page.getByTestId("connection").filter({ hasText: name });
}

function domainItem(page: Page, domain: string) {
  return page.locator(`[data-testid="domain"][data-domain="${domain}"]`);
}

function check(page: Page, id: string) {
  return page.locator(`[data-testid="readiness-check"][data-check="${id}"]`);
}

async function createOrganization(page: Page, name: string) {
  await expect(page).toHaveURL(/\/onboarding$/);
  await page.getByLabel("Organization name").fill(name);
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

/** Creates a connection from the list page's dialog; ends on its overview. Returns its id. */
async function createConnection(page: Page, { name, protocol, trigger }: { name: string; protocol: RegExp; trigger: string }) {
  await page.getByRole("button", { name: trigger }).click();
  const dialog = page.getByRole("dialog", { name: "New SSO connection" });
  await expect(dialog).toContainText("It starts as a draft.");
  await dialog.getByLabel("Name", { exact: true }).fill(name);
  await dialog.getByRole("radio", { name: protocol }).check();
  await dialog.getByRole("button", { name: "Create connection" }).click();
  await expect(page).toHaveURL(/\/settings\/connections\/[^/]+$/);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  return new URL(page.url()).pathname.split("/").at(-1)!;
}

async function openTab(page: Page, tab: "Overview" | "Domains") {
  await page.getByRole("navigation", { name: "Connection" }).getByRole("link", { name: tab }).click();
  await expect(page.getByRole("navigation", { name: "Connection" }).getByRole("link", { name: tab })).toHaveAttribute(
    "aria-current",
    "page",
  );
}

test("a signed-out visit to the SSO pages goes to sign-in and remembers the page", async ({ page }) => {
  await page.goto("/settings/connections");
  await expect(page).toHaveURL("/sign-in?redirectTo=%2Fsettings%2Fconnections");
});

test("admin: OIDC connection, domain verified through DNS, checklist; a member sees none of it", async ({ page, browser }) => {
  test.setTimeout(300_000);
  const admin = newAccount("sso-admin");
  const groupName = `SSO ${unique("org")}`;
  const domain = `${unique("sso")}.example`;
  const connectionName = `Okta ${unique("idp")}`;

  await signUp(page, admin);
  await createOrganization(page, groupName);

  // The SSO sections are in the nav for an owner.
  await expect(nav(page).getByRole("link", { name: "Policy" })).toBeVisible();
  await expect(nav(page).getByRole("link", { name: "Audit log" })).toBeVisible();
  await nav(page).getByRole("link", { name: "SSO" }).click();
  await expect(page).toHaveURL(/\/settings\/connections$/);
  await expect(page.getByRole("heading", { level: 1, name: "SSO connections" })).toBeVisible();
  await expect(nav(page).getByRole("link", { name: "SSO" })).toHaveAttribute("aria-current", "page");

  // Empty state, then a new OIDC connection from the dialog: it opens on its overview as a draft.
  await expect(page.getByRole("heading", { name: "No SSO connections yet" })).toBeVisible();
  await expect(page.getByTestId("connections-empty")).toContainText("identity provider");
  await page.getByRole("button", { name: "New connection" }).click();
  const dialog = page.getByRole("dialog", { name: "New SSO connection" });
  await expect(dialog.getByRole("radio", { name: /OpenID Connect/ })).toBeChecked();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  const connectionId = await createConnection(page, { name: connectionName, protocol: /OpenID Connect/, trigger: "New connection" });
  await expect(page.getByTestId("connection-status").first()).toHaveText("Draft");
  await expect(page.getByRole("main").getByText("OIDC", { exact: true }).first()).toBeVisible();

  // The checklist: nothing but the name yet; the next step leads to the OpenID Connect set-up.
  await expect(page.getByTestId("readiness-progress")).toHaveText("0 of 5 done");
  await expect(check(page, "domain")).toHaveAttribute("data-ok", "false");
  await expect(page.getByTestId("next-step").getByRole("link", { name: "Set up OpenID Connect" })).toBeVisible();

  // Activation is not offered before the set-up is done, and the card says what's missing.
  await expect(page.getByRole("button", { name: "Activate connection" })).toBeDisabled();
  await expect(page.getByTestId("activate-blocked")).toContainText("OpenID Connect is configured; An email domain is claimed");
  await expect(page.getByTestId("connection-status").first()).toHaveText("Draft");

  // Rename in a dialog; the header follows.
  await page.getByRole("button", { name: `Rename ${connectionName}` }).click();
  const renameDialog = page.getByRole("dialog", { name: "Rename connection" });
  await renameDialog.getByLabel("Connection name").fill(`${connectionName} EU`);
  await renameDialog.getByRole("button", { name: "Save" }).click();
  await expect(renameDialog).toBeHidden();
  await expect(page.getByRole("heading", { level: 1, name: `${connectionName} EU` })).toBeVisible();

  // Domains: a public mail provider is refused as it is typed; the organization's own domain is added, pending.
  await openTab(page, "Domains");
  await expect(page).toHaveURL(`/settings/connections/${connectionId}/domains`);
  await expect(page.getByTestId("domains-empty")).toBeVisible();
  const domainInput = page.getByLabel("Domain", { exact: true });
  await domainInput.fill("gmail.com");
  await expect(domainInput).toHaveAccessibleDescription(/gmail\.com is a public email provider/);
  await domainInput.fill(domain);
  await expect(domainInput).toHaveAccessibleDescription(`${domain} can be added.`);
  await page.getByRole("button", { name: "Add domain" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Added ${domain}.` })).toBeVisible();
  const item = domainItem(page, domain);
  await expect(item.getByTestId("domain-status")).toHaveText("Pending");
  await expect(item).toContainText("Primary");

  // The record to publish: TXT, a name under the domain, a value; each can be copied.
  const record = item.getByTestId("domain-record");
  await expect(record.getByRole("heading", { name: "Publish this DNS record" })).toBeVisible();
  await expect(record.getByTestId("record-type")).toHaveText("TXT");
  const recordName = (await record.getByTestId("record-name").textContent())!.trim();
  const recordValue = (await record.getByTestId("record-value").textContent())!.trim();
  expect(recordName.endsWith(`.${domain}`), `record name ${recordName}`).toBe(true);
  expect(recordValue.length).toBeGreaterThan(10);
  await expect(record).toContainText(/Expires in \d+ days/);
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: appUrl });
  await record.getByRole("button", { name: "Copy record value" }).click();
  await expect(record.getByRole("button", { name: "Copy record value" })).toHaveText("Copied");
  await expect(record.getByRole("status").filter({ hasText: "Copied record value" })).toBeAttached();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(recordValue);
  await expect(record.getByRole("link", { name: /Publish it on the local DNS server/ })).toHaveAttribute("href", "/dev/dns");

  // Verifying before the record is published fails, with the reason.
  await record.getByRole("button", { name: "Verify now" }).click();
  await expect(item.getByTestId("domain-status")).toHaveText("Failed");
  await expect(item.getByTestId("failure-reason")).toContainText("No TXT record found yet");
  await expect(item).toContainText("Last checked just now");
  await expect(record.getByTestId("verify-outcome")).toHaveText("Not verified yet: the last check above says why.");

  // Publish the record on the dev DNS server through /dev/dns (in another tab), then verify.
  const dnsPage = await page.context().newPage();
  watched.push(new ConsoleErrors(dnsPage));
  await dnsPage.goto("/dev/dns");
  await dnsPage.getByLabel("Name", { exact: true }).fill(recordName);
  await dnsPage.getByLabel("Value", { exact: true }).fill(recordValue);
  await dnsPage.getByRole("button", { name: "Publish record" }).click();
  await expect(dnsPage.getByRole("status").filter({ hasText: `Published a TXT record for ${recordName}.` })).toBeVisible();
  await dnsPage.close();

  await record.getByRole("button", { name: "Verify now" }).click();
  await expect(item.getByTestId("domain-status")).toHaveText("Verified");
  await expect(item.getByRole("status").filter({ hasText: `Verified: you own ${domain}.` })).toBeVisible();
  await expect(item.getByTestId("domain-record")).toHaveCount(0);

  // A second domain: made primary, then removed after a confirmation (the first one is primary again).
  const extra = `extra-${domain}`;
  await domainInput.fill(extra);
  await page.getByRole("button", { name: "Add domain" }).click();
  await expect(domainItem(page, extra).getByTestId("domain-status")).toHaveText("Pending");
  await page.getByRole("button", { name: `Make ${extra} primary` }).click();
  await expect(domainItem(page, extra)).toContainText("Primary");
  await expect(item).not.toContainText("Primary");
  await page.getByRole("button", { name: `Remove ${extra}` }).click();
  const removeDialog = page.getByRole("dialog", { name: `Remove ${extra}?` });
  await expect(removeDialog).toContainText(`${domain} becomes the primary domain.`);
  await removeDialog.getByRole("button", { name: "Remove domain" }).click();
  await expect(removeDialog).toBeHidden();
  await expect(domainItem(page, extra)).toHaveCount(0);
  await expect(item).toContainText("Primary");
  await expect(item.getByTestId("domain-status")).toHaveText("Verified");

  // The overview's checklist has followed along.
  await openTab(page, "Overview");
  await expect(check(page, "domain")).toHaveAttribute("data-ok", "true");
  await expect(check(page, "domainVerified")).toHaveAttribute("data-ok", "true");
  await expect(check(page, "domainVerified")).toContainText("1 verified");
  await expect(page.getByTestId("readiness-progress")).toHaveText("2 of 5 done");

  // The list shows the connection with its verified domain.
  await page.getByRole("link", { name: "SSO connections" }).first().click();
  await expect(page).toHaveURL(/\/settings\/connections$/);
  const row = connectionRow(page, `${connectionName} EU`);
  await expect(row.getByTestId("connection-domain").filter({ hasText: domain })).toContainText("Verified");
  await expect(row.getByTestId("connection-status")).toHaveText("Draft");

  // A second connection (SAML) can't claim the same domain: said as it is typed, and by the server on submit.
  const samlId = await createConnection(page, { name: "Backup SAML", protocol: /SAML/, trigger: "New connection" });
  await expect(page.getByRole("main").getByText("SAML", { exact: true }).first()).toBeVisible();
  await openTab(page, "Domains");
  await page.getByLabel("Domain", { exact: true }).fill(domain.toUpperCase());
  await expect(page.getByLabel("Domain", { exact: true })).toHaveAccessibleDescription(
    `${domain} is already claimed by another connection.`,
  );
  watched[0]!.allow(/\[CONVEX M\(auth\/group:setDomains\)\].*DOMAIN_TAKEN/s);
  await page.getByRole("button", { name: "Add domain" }).click();
  await expect(page.getByLabel("Domain", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("domains-empty")).toBeVisible();

  // Deleting it, after a confirmation, goes back to the list.
  await openTab(page, "Overview");
  await page.getByRole("button", { name: "Delete connection" }).click();
  const deleteDialog = page.getByRole("dialog", { name: "Delete “Backup SAML”?" });
  await deleteDialog.getByRole("button", { name: "Delete connection" }).click();
  await expect(page).toHaveURL(/\/settings\/connections$/);
  await expect(page.getByTestId("connection")).toHaveCount(1);

  // An unknown id is "not found or no access".
  await page.goto(`/settings/connections/${samlId}`);
  await expect(page.getByRole("heading", { level: 1, name: "Connection not found or no access" })).toBeVisible();
  await page.goto("/settings/connections/not-a-connection/domains");
  await expect(page.getByRole("heading", { level: 1, name: "Connection not found or no access" })).toBeVisible();
  await expect(page.getByLabel("Domain", { exact: true })).toHaveCount(0);

  // A member: invited, signed up in a browser of their own.
  const member = newAccount("sso-member");
  const active = await (await convexAs(page.context())).query(api.groups.active, {});
  await (await convexAs(page.context())).mutation(api.invites.create, { groupId: active!.groupId, email: member.email, role: "member" });
  const invitation = await readLatestMail(member.email, { subject: groupName });
  const invitePath = /\/invite\/[A-Za-z0-9_-]+/.exec(invitation.text)?.[0];
  expect(invitePath, "the invitation link").toBeTruthy();
  const memberContext = await browser.newContext();
  const memberPage = await memberContext.newPage();
  watched.push(new ConsoleErrors(memberPage));
  await signUp(memberPage, member, { redirectTo: invitePath });
  await expect(memberPage).toHaveURL(invitePath!);
  await memberPage.getByRole("button", { name: "Accept invitation" }).click();
  await expect(memberPage).toHaveURL(/\/dashboard$/);
  await expect(memberPage.getByRole("heading", { level: 1, name: groupName })).toBeVisible();

  // No SSO sections in their nav; the pages say why and offer no management.
  await expect(nav(memberPage).getByRole("link", { name: "Members" })).toBeVisible();
  await expect(nav(memberPage).getByRole("link", { name: "SSO" })).toHaveCount(0);
  await expect(nav(memberPage).getByRole("link", { name: "Policy" })).toHaveCount(0);
  await expect(nav(memberPage).getByRole("link", { name: "Audit log" })).toHaveCount(0);
  await memberPage.goto("/settings/connections");
  await expect(memberPage.getByTestId("no-access")).toContainText("Only admins and owners manage single sign-on");
  await expect(memberPage.getByRole("button", { name: "New connection" })).toHaveCount(0);
  await expect(memberPage.getByTestId("connection")).toHaveCount(0);
  await memberPage.goto(`/settings/connections/${connectionId}`);
  await expect(memberPage.getByRole("heading", { level: 1, name: "Connection not found or no access" })).toBeVisible();
  await expect(memberPage.getByRole("button", { name: /Activate|Disable|Delete|Rename/ })).toHaveCount(0);
  await memberPage.goto(`/settings/connections/${connectionId}/domains`);
  await expect(memberPage.getByRole("heading", { level: 1, name: "Connection not found or no access" })).toBeVisible();
  await expect(memberPage.getByRole("button", { name: /Verify now|Add domain|Remove/ })).toHaveCount(0);
  await expect(memberPage.getByText(domain)).toHaveCount(0);

  // And the server refuses them anyway.
  const refused = await (await convexAs(memberContext))
    .query(api.auth.group.listConnections, { groupId: active!.groupId })
    .then(
      () => null,
      (error: unknown) => appError(error),
    );
  expect(refused?.code).toBe("FORBIDDEN");
  await memberContext.close();
});
