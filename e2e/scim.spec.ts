import { expect, test, type APIRequestContext } from "./support/fixtures";
import { api } from "../convex/_generated/api";
import { e2eStack } from "./stack";
import { convexAs, newAccount, signUp } from "./support/accounts";
import { newAdminWithConnection } from "./support/connections";
import { ConsoleErrors } from "./support/console-errors";
import { claimAndVerifyDomain } from "./support/domains";

/**
 * SCIM over real HTTP against the dev stack, as Microsoft Entra ID sends it:
 * an employee who already has an account is provisioned into the
 * organization, made an admin through a directory group, then deactivated —
 * and their open page loses access at once.
 */
const scimRoot = `http://127.0.0.1:${e2eStack.convexSitePort}/scim/v2`;
const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

let watched: ConsoleErrors[];

test.beforeEach(({ page }) => {
  watched = [new ConsoleErrors(page)];
});

test.afterEach(() => {
  for (const consoleErrors of watched) consoleErrors.expectNone();
});

function scimClient(request: APIRequestContext, connectionId: string, token: string) {
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/scim+json" };
  const url = (path: string) => `${scimRoot}/${connectionId}${path}`;
  return {
    get: (path: string) => request.get(url(path), { headers }),
    post: (path: string, data: unknown) => request.post(url(path), { headers, data }),
    patch: (path: string, Operations: unknown[]) => request.patch(url(path), { headers, data: { schemas: [PATCH_OP], Operations } }),
  };
}

test("a directory provisions an employee, maps their group to admin, and deactivation ends their session at once", async ({ page, browser, request }) => {
  test.setTimeout(180_000);
  const domain = `scim-${Date.now().toString(36)}.example`;
  const connectionId = await newAdminWithConnection(page, { label: "scim-admin", organization: "Scimco", connection: "Directory" });
  await claimAndVerifyDomain(page, domain, (consoleErrors) => watched.push(consoleErrors));

  // The SCIM tab: set it up; the token is shown once.
  await page.getByRole("link", { name: "SCIM", exact: true }).click();
  await page.getByRole("button", { name: "Set up SCIM" }).click();
  const tokenDialog = page.getByRole("dialog");
  const token = await tokenDialog.getByRole("textbox", { name: "Bearer token" }).inputValue();
  expect(token).toMatch(/^scim_/);
  await tokenDialog.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("main")).toContainText(`${scimRoot}/${connectionId}`);

  // The self-check sends Entra ID's and Okta's request sequences to the live endpoint: every step passes.
  await page.getByRole("button", { name: "Run self-check" }).click();
  const steps = page.getByTestId("scim-self-check-step");
  await expect(steps).toHaveCount(15, { timeout: 60_000 });
  await expect(page.locator('[data-testid="scim-self-check-step"][data-ok="false"]')).toHaveCount(0);

  const asAdmin = await convexAs(page.context());
  const groupId = (await asAdmin.query(api.groups.active, {}))!.groupId;
  await asAdmin.mutation(api.auth.group.updatePolicy, { groupId, data: { roleMapping: [{ source: "groups", value: "Scimco Admins", role: "admin" }] } });
  const scim = scimClient(request, connectionId, token);

  // The employee has an account already, and no organization yet.
  const employeeContext = await browser.newContext();
  const employeePage = await employeeContext.newPage();
  watched.push(new ConsoleErrors(employeePage));
  const employee = { ...newAccount("eve"), email: `eve@${domain}` };
  await signUp(employeePage, employee);
  await expect(employeePage).toHaveURL(/\/onboarding$/);

  // Entra: existence check, create, a group, the member added.
  const existing = await scim.get(`/Users?filter=${encodeURIComponent(`userName eq "${employee.email}"`)}`);
  expect(await existing.json()).toMatchObject({ totalResults: 0 });
  const created = await scim.post("/Users", {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
    externalId: "entra-eve",
    userName: employee.email,
    active: true,
    displayName: "Eve Employee",
    emails: [{ primary: true, type: "work", value: employee.email }],
  });
  expect(created.status()).toBe(201);
  expect(created.headers()["content-type"]).toBe("application/scim+json");
  const userId = (await created.json()).id as string;
  const group = await scim.post("/Groups", { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], displayName: "Scimco Admins", members: [] });
  const scimGroupId = (await group.json()).id as string;
  expect((await scim.patch(`/Groups/${scimGroupId}`, [{ op: "Add", path: "members", value: [{ value: userId }] }])).status()).toBe(200);

  // The employee is in, as an admin.
  await employeePage.goto("/dashboard");
  await expect(employeePage.getByRole("heading", { level: 1, name: "Scimco" })).toBeVisible();
  expect(await (await convexAs(employeeContext)).query(api.groups.active, {})).toMatchObject({ groupId, role: "admin" });

  // Deactivated by the directory: the open page says so without a reload, and the next page load is a sign-in.
  expect((await scim.patch(`/Users/${userId}`, [{ op: "Replace", path: "active", value: "False" }])).status()).toBe(200);
  await expect(employeePage.getByRole("status").filter({ hasText: "You are signed out." })).toBeVisible({ timeout: 30_000 });
  await employeePage.reload();
  await expect(employeePage).toHaveURL(/\/sign-in\?redirectTo=%2Fdashboard$/);
  const audit = await asAdmin.query(api.auth.group.listAudit, { groupId, kind: "scim.operation", paginationOpts: { numItems: 4, cursor: null } });
  expect(audit.page.map((event) => event.metadata?.change)).toEqual(["deactivated", "updated", "created", "created"]);

  // The SCIM error schema for a wrong token.
  const refused = await scimClient(request, connectionId, "scim_wrong").get("/Users");
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toMatchObject({ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "401" });
  await employeeContext.close();
});
