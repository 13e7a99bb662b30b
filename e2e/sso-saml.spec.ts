import { expect, test } from "./support/fixtures";
import { api } from "../convex/_generated/api";
import { ConvexHttpClient } from "convex/browser";
import { convexUrl, e2eStack } from "./stack";
import { convexAs } from "./support/accounts";
import { activateConnection, newAdminWithConnection, runTestSignIn } from "./support/connections";
import { ConsoleErrors } from "./support/console-errors";
import { claimAndVerifyDomain } from "./support/domains";

/**
 * SAML end to end, against the demo IdP's SAML side (auth0's `samlp`) that
 * the e2e stack runs: an admin sets up a SAML connection for umbrella.test
 * from the IdP's metadata URL, runs a test sign-in and activates it; then
 * an end user signs in by email domain (SP-initiated), and the seeded
 * Initech connection accepts an IdP-initiated sign-in.
 */
const idpUrl = `http://127.0.0.1:${e2eStack.demoIdpPort}`;
const DOMAIN = "umbrella.test";

let watched: ConsoleErrors[];

test.beforeEach(({ page }) => {
  watched = [new ConsoleErrors(page)];
});

test.afterEach(() => {
  for (const consoleErrors of watched) consoleErrors.expectNone();
});

test("an admin sets up SAML from the IdP's metadata URL, tests and activates it; a new user signs in by email domain", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const connectionId = await newAdminWithConnection(page, { label: "saml-admin", organization: "Umbrella", connection: "Umbrella IdP", protocol: "saml" });
  await claimAndVerifyDomain(page, DOMAIN, (consoleErrors) => watched.push(consoleErrors));

  // The SAML page: our values for the IdP first, then the IdP's metadata URL.
  await page.getByRole("link", { name: "SAML", exact: true }).click();
  await expect(page.getByLabel("ACS URL")).toHaveValue(`http://127.0.0.1:${e2eStack.convexSitePort}/api/auth/saml/${connectionId}/acs`);
  await page.getByLabel("Metadata URL").fill(`${idpUrl}/saml/metadata`);
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByTestId("saml-status")).toContainText(`${idpUrl}/saml`);
  await page.getByRole("button", { name: "Validate", exact: true }).click();
  await expect(page.getByTestId("saml-validation-summary")).toHaveText("All checks passed");

  const asAdmin = await convexAs(page.context());
  const groupId = (await asAdmin.query(api.groups.active, {}))!.groupId;
  await asAdmin.mutation(api.auth.group.updatePolicy, { groupId, data: { roleMapping: [{ source: "groups", value: "umbrella-admins", role: "admin" }] } });

  // A test sign-in in a new tab: the IdP's attributes and the policy's plan.
  const testTab = await runTestSignIn(page, connectionId, /Sign in as Nina North/, (consoleErrors) => watched.push(consoleErrors));
  await expect(testTab.getByTestId("test-claims")).toContainText('"nameID": "nina@umbrella.test"');
  await expect(testTab.getByTestId("test-plan")).toContainText("admin");
  await testTab.close();

  await activateConnection(page);

  // The end user: email on /sign-in → the IdP → the ACS → signed in, as an admin.
  const userContext = await browser.newContext();
  const userPage = await userContext.newPage();
  watched.push(new ConsoleErrors(userPage));
  await userPage.goto("/sign-in");
  await userPage.getByLabel("Email", { exact: true }).fill("nina@umbrella.test");
  await userPage.getByRole("button", { name: "Continue with Umbrella IdP" }).click();
  await userPage.getByRole("button", { name: /Sign in as Nina North/ }).click();
  await expect(userPage).toHaveURL(/\/dashboard$/);
  expect(await (await convexAs(userContext)).query(api.groups.active, {})).toMatchObject({ groupId, role: "admin" });
  await userContext.close();
});

test("an IdP-initiated SAML sign-in lands in the app (the seeded Initech connection)", async ({ page }) => {
  // Where the IdP's dashboard tile points: the connection's ACS, with our entity ID as the audience.
  const route = (await new ConvexHttpClient(convexUrl).query(api.auth.group.signIn, { email: "grace@initech.test" }))!;
  const sp = `http://127.0.0.1:${e2eStack.convexSitePort}/api/auth/saml/${route.connectionId}`;
  await page.goto(`${idpUrl}/saml/idp-initiated?${new URLSearchParams({ acs: `${sp}/acs`, audience: `${sp}/metadata` })}`);
  await page.getByRole("button", { name: /Sign in as Grace Hopper/ }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { level: 1, name: "Initech (demo)" })).toBeVisible();
});
