import { expect, test, type Page } from "./support/fixtures";
import { api } from "../convex/_generated/api";
import { e2eStack } from "./stack";
import { convexAs } from "./support/accounts";
import { activateConnection, newAdminWithConnection, runTestSignIn } from "./support/connections";
import { ConsoleErrors } from "./support/console-errors";
import { claimAndVerifyDomain } from "./support/domains";

/**
 * OpenID Connect end to end, against the demo IdP (`oidc-provider`) that the
 * e2e stack runs: an admin sets up a connection for globex.test from scratch
 * (values copied from the IdP's console page), verifies the domain over the
 * dev DNS server, validates, runs a test sign-in and activates; then an end
 * user types their work email on /sign-in, goes through the IdP and lands in
 * the app as a just-in-time member with the role their IdP group maps to.
 */
const idpUrl = `http://127.0.0.1:${e2eStack.demoIdpPort}`;
const DOMAIN = "globex.test";

let watched: ConsoleErrors[];

test.beforeEach(({ page }) => {
  watched = [new ConsoleErrors(page)];
});

test.afterEach(() => {
  for (const consoleErrors of watched) consoleErrors.expectNone();
});

/** What an IT admin copies from their IdP's console. */
async function readIdpConsole(page: Page) {
  const idpPage = await page.context().newPage();
  await idpPage.goto(idpUrl);
  const text = async (testId: string) => (await idpPage.getByTestId(testId).textContent())!.trim();
  const values = {
    issuer: await text("demo-idp-issuer"),
    clientId: await text("demo-idp-client-id-group-sso-demo"),
    clientSecret: await text("demo-idp-client-secret-group-sso-demo"),
    redirectUri: await text("demo-idp-redirect-uri-group-sso-demo"),
  };
  await idpPage.close();
  return values;
}

test("an admin sets up OIDC, tests and activates it; a new user signs in by email domain with a mapped role", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const connectionId = await newAdminWithConnection(page, { label: "oidc-admin", organization: "Globex", connection: "Globex IdP" });

  await claimAndVerifyDomain(page, DOMAIN, (consoleErrors) => watched.push(consoleErrors));

  // The OpenID Connect page: the redirect URI to register is the one the IdP has on file.
  const idp = await readIdpConsole(page);
  await page.getByRole("link", { name: "OpenID Connect" }).click();
  await expect(page.getByTestId("oidc-status")).toBeVisible();
  await expect(page.getByRole("main")).toContainText(idp.redirectUri);
  await page.getByRole("radio", { name: /Other provider/ }).check();
  await page.getByLabel("Issuer URL").fill(idp.issuer);
  await page.getByLabel("Client ID").fill(idp.clientId);
  await page.getByLabel("Client secret", { exact: true }).fill(idp.clientSecret);
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Settings saved. Validate them, then run a test sign-in.")).toBeVisible();
  await expect(page.getByTestId("secret-saved")).toBeVisible();

  // Validation fetches discovery and keys from the IdP, check by check.
  await page.getByRole("button", { name: "Validate", exact: true }).click();
  await expect(page.getByTestId("oidc-validation-summary")).toHaveText("All checks passed");

  // The policy maps the IdP group globex-admins to the admin role (the policy editor has its own tests).
  const asAdmin = await convexAs(page.context());
  const groupId = (await asAdmin.query(api.groups.active, {}))!.groupId;
  await asAdmin.mutation(api.auth.group.updatePolicy, { groupId, data: { roleMapping: [{ source: "groups", value: "globex-admins", role: "admin" }] } });

  // A test sign-in in a new tab: the real IdP login, then the claims and what the policy would do.
  const testTab = await runTestSignIn(page, connectionId, "Sign in as Dana Director — dana@globex.test", (consoleErrors) => watched.push(consoleErrors));
  await expect(testTab.getByTestId("test-claims")).toContainText('"email": "dana@globex.test"');
  await expect(testTab.getByTestId("test-plan")).toHaveAttribute("data-ok", "true");
  await expect(testTab.getByTestId("test-plan")).toContainText("admin");
  await testTab.close();

  // Nobody was provisioned by the test; the overview now lets the admin activate.
  await activateConnection(page);

  // An end user in a fresh browser: email on /sign-in → the IdP → back in the app, signed in.
  const userContext = await browser.newContext();
  const userPage = await userContext.newPage();
  watched.push(new ConsoleErrors(userPage));
  await userPage.goto("/sign-in");
  await userPage.getByLabel("Email", { exact: true }).fill("dana@globex.test");
  await userPage.getByRole("button", { name: "Continue with Globex IdP" }).click();
  await expect(userPage).toHaveURL(new RegExp(`^${idpUrl}/interaction/`));
  await userPage.getByRole("button", { name: "Sign in as Dana Director — dana@globex.test" }).click();
  await expect(userPage).toHaveURL(/\/dashboard$/);

  // Just in time: a member of Globex with the mapped role, and the sign-in is in the audit log.
  const asDana = await convexAs(userContext);
  expect(await asDana.query(api.groups.active, {})).toMatchObject({ groupId, role: "admin" });
  const audit = await asAdmin.query(api.auth.group.listAudit, { groupId, kind: "login.succeeded", paginationOpts: { numItems: 5, cursor: null } });
  expect(audit.page[0]).toMatchObject({ target: { label: "dana@globex.test" }, metadata: { user: "create", role: "admin" } });
  await userContext.close();
});

test("a failed SSO sign-in ends on /sign-in with a clear message", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email", { exact: true }).fill("bob@acme.test");
  await page.getByRole("button", { name: "Continue with Acme demo IdP" }).click();
  await page.getByTestId("demo-idp-cancel").click();
  await expect(page).toHaveURL(/\/sign-in\?sso_error=idp_error$/);
  await expect(page.getByRole("alert")).toContainText("Your identity provider didn't complete the sign-in");
});
