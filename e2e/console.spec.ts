import { expect, test, type Page } from "./support/fixtures";
import { ConvexHttpClient } from "convex/browser";
import { api } from "../convex/_generated/api";
import { appError } from "../lib/errors";
import { convexUrl } from "./stack";
import { convexAs, enterCode, newAccount, readLatestMail, signIn, signUp, verificationCode } from "./support/accounts";
import { ConsoleErrors } from "./support/console-errors";

/**
 * The signed-in console: organizations, projects, members and invitations,
 * roles taking effect live, and the account page. Each test watches every
 * page it opens for console errors.
 */

/** Unique per call: the backend is shared by the whole run. */
function unique(label: string): string {
  return `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
}

let watched: ConsoleErrors[];

test.beforeEach(({ page }) => {
  watched = [new ConsoleErrors(page)];
});

test.afterEach(() => {
  for (const consoleErrors of watched) consoleErrors.expectNone();
});

function project(page: Page, name: string) {
  return page.getByTestId("project").filter({ hasText: name });
}

function member(page: Page, name: string) {
  return page.getByTestId("member").filter({ hasText: name });
}

async function openGroupSwitcher(page: Page) {
  await page.getByRole("button", { name: /^Switch organization/ }).click();
}

async function createOrganization(page: Page, name: string) {
  await page.getByLabel("Organization name").fill(name);
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

async function createProject(page: Page, name: string) {
  await page.getByLabel("New project name").fill(name);
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(project(page, name)).toBeVisible();
}

test("a signed-out visit to the members page goes to sign-in and remembers the page", async ({ page }) => {
  await page.goto("/settings/members");
  await expect(page).toHaveURL("/sign-in?redirectTo=%2Fsettings%2Fmembers");
});

test("owner and member: organization, projects, invitation, roles live, sign out and in", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const owner = newAccount("owner");
  const invitee = newAccount("member");
  const groupName = unique("Acme");

  // A signs up and creates the organization; the form checks the name first.
  await signUp(page, owner);
  await expect(page).toHaveURL(/\/onboarding$/);
  await expect(page.getByRole("heading", { name: "Create your organization" })).toBeVisible();
  await page.getByRole("button", { name: "Create organization" }).click();
  const nameInput = page.getByLabel("Organization name");
  await expect(nameInput).toHaveAttribute("aria-invalid", "true");
  await expect(nameInput).toHaveAccessibleDescription("Use at least 2 characters.");
  await createOrganization(page, groupName);

  // The top bar: the organization, and who is signed in.
  await expect(page.getByRole("button", { name: `Switch organization, current: ${groupName}` })).toBeVisible();
  await page.getByRole("button", { name: /^Account menu for/ }).click();
  await expect(page.getByTestId("viewer-email")).toHaveText(owner.email);
  await page.keyboard.press("Escape");

  // Projects: empty state, create, rename in a dialog, archive after a confirmation, show archived.
  await expect(page.getByText("No active projects")).toBeVisible();
  await createProject(page, "Launch pad");
  await createProject(page, "Old idea");
  await page.getByRole("button", { name: "Rename Launch pad" }).click();
  const renameDialog = page.getByRole("dialog", { name: "Rename project" });
  await renameDialog.getByLabel("Project name").fill("Launch plan");
  await renameDialog.getByRole("button", { name: "Save" }).click();
  await expect(renameDialog).toBeHidden();
  await expect(project(page, "Launch plan")).toBeVisible();

  await page.getByRole("button", { name: "Archive Old idea" }).click();
  const archiveDialog = page.getByRole("dialog", { name: "Archive “Old idea”?" });
  await expect(archiveDialog).toContainText("Its data is kept");
  await archiveDialog.getByRole("button", { name: "Archive project" }).click();
  await expect(archiveDialog).toBeHidden();
  await expect(project(page, "Old idea")).toHaveCount(0);
  await page.getByRole("checkbox", { name: "Show archived" }).check();
  await expect(project(page, "Old idea")).toContainText("Archived");
  await expect(page.getByRole("button", { name: "Restore Old idea" })).toBeVisible();

  // A invites B as a member.
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Members" }).click();
  await expect(page).toHaveURL(/\/settings\/members$/);
  await page.getByLabel("Email address").fill(invitee.email);
  await expect(page.getByLabel("Role", { exact: true })).toHaveValue("member");
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Invitation sent to ${invitee.email}.` })).toBeVisible();
  await expect(page.getByTestId("invite").filter({ hasText: invitee.email })).toContainText("Member");

  // B reads the mail and opens the link in a browser of their own.
  const invitation = await readLatestMail(invitee.email, { subject: groupName });
  const invitePath = /\/invite\/[A-Za-z0-9_-]+/.exec(invitation.text)?.[0];
  expect(invitePath, "the invitation link").toBeTruthy();
  const contextB = await browser.newContext();
  const pageB = await contextB.newPage();
  watched.push(new ConsoleErrors(pageB));
  await pageB.goto(invitePath!);
  await pageB.getByRole("link", { name: "Create an account" }).click();
  await expect(pageB).toHaveURL(`/sign-up?redirectTo=${encodeURIComponent(invitePath!)}`);
  await pageB.getByLabel("Name", { exact: true }).fill(invitee.name);
  await pageB.getByLabel("Email", { exact: true }).fill(invitee.email);
  await pageB.getByLabel("Password", { exact: true }).fill(invitee.password);
  await pageB.getByRole("button", { name: "Create account" }).click();
  await enterCode(pageB, verificationCode(await readLatestMail(invitee.email, { subject: "verification code" })));
  await expect(pageB).toHaveURL(invitePath!);
  await pageB.getByRole("button", { name: "Accept invitation" }).click();

  // B sees A's project; as a member B may edit projects but not archive them.
  await expect(pageB).toHaveURL(/\/dashboard$/);
  await expect(pageB.getByRole("heading", { level: 1, name: groupName })).toBeVisible();
  await expect(project(pageB, "Launch plan")).toBeVisible();
  await expect(pageB.getByRole("button", { name: "Rename Launch plan" })).toBeVisible();
  await expect(pageB.getByRole("button", { name: /^Archive / })).toHaveCount(0);

  // A's members page follows along: both members with their roles, no pending invitation left.
  await expect(page.getByTestId("member")).toHaveCount(2);
  await expect(member(page, owner.name)).toContainText("You");
  await expect(member(page, owner.name).getByTestId("member-role")).toHaveText("Owner");
  await expect(page.getByLabel(`Role for ${invitee.name}`)).toHaveValue("member");
  await expect(page.getByText("No pending invitations.")).toBeVisible();

  // B, a member, gets a read-only list: no invite form, no role or remove controls.
  await pageB.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Members" }).click();
  await expect(pageB).toHaveURL(/\/settings\/members$/);
  await expect(member(pageB, invitee.name)).toContainText("You");
  await expect(member(pageB, invitee.name).getByTestId("member-role")).toHaveText("Member");
  await expect(member(pageB, owner.name).getByTestId("member-role")).toHaveText("Owner");
  await expect(pageB.getByText("Only admins and owners can invite people or manage members.")).toBeVisible();
  await expect(pageB.getByRole("heading", { name: "Invite a teammate" })).toHaveCount(0);
  await expect(pageB.getByRole("combobox")).toHaveCount(0);
  await expect(pageB.getByRole("button", { name: /^Remove / })).toHaveCount(0);
  await expect(pageB.getByRole("button", { name: "Leave organization" })).toBeVisible();

  // The server refuses what the UI hides: anonymous callers, and B changing roles.
  const active = await (await convexAs(contextB)).query(api.groups.active, {});
  expect(active?.name).toBe(groupName);
  const anonymous = await new ConvexHttpClient(convexUrl).query(api.members.list, { groupId: active!.groupId }).then(
    () => null,
    (error: unknown) => appError(error),
  );
  expect(anonymous?.code).toBe("NOT_SIGNED_IN");
  const members = await (await convexAs(contextB)).query(api.members.list, { groupId: active!.groupId });
  const ownerMembership = members.find((row) => !row.isYou)!;
  const asMember = await (await convexAs(contextB))
    .mutation(api.members.updateRole, { memberId: ownerMembership.memberId, role: "member" })
    .then(
      () => null,
      (error: unknown) => appError(error),
    );
  expect(asMember?.code).toBe("FORBIDDEN");

  // A promotes B to admin; B's open page shows the admin controls without a reload.
  await pageB.evaluate(() => Object.assign(window, { e2eNotReloaded: true }));
  await page.getByLabel(`Role for ${invitee.name}`).selectOption("admin");
  await expect(page.getByLabel(`Role for ${invitee.name}`)).toHaveValue("admin");
  await expect(pageB.getByRole("heading", { name: "Invite a teammate" })).toBeVisible();
  await expect(pageB.getByLabel("Email address")).toBeVisible();
  await expect(member(pageB, invitee.name).getByTestId("member-role")).toHaveText("Admin");
  await expect(pageB.getByText("No pending invitations.")).toBeVisible();
  expect(await pageB.evaluate(() => "e2eNotReloaded" in window)).toBe(true);

  // B signs out from the user menu, then back in, and lands on the dashboard as an admin.
  await pageB.getByRole("button", { name: /^Account menu for/ }).click();
  await pageB.getByRole("button", { name: "Sign out" }).click();
  await expect(pageB).toHaveURL("/");
  await pageB.goto("/dashboard");
  await expect(pageB).toHaveURL("/sign-in?redirectTo=%2Fdashboard");
  await signIn(pageB, invitee, { redirectTo: "/dashboard" });
  await expect(pageB).toHaveURL(/\/dashboard$/);
  await expect(pageB.getByRole("heading", { level: 1, name: groupName })).toBeVisible();
  await expect(pageB.getByRole("button", { name: "Archive Launch plan" })).toBeVisible();
  await contextB.close();
});

test("organizations: create another, switch between them, the last owner cannot leave", async ({ page }) => {
  test.setTimeout(120_000);
  const first = unique("First");
  const second = unique("Second");
  await signUp(page, newAccount("switcher"));
  await createOrganization(page, first);
  await createProject(page, "Only in the first");

  // "Create organization" from the switcher; onboarding offers the way back.
  await openGroupSwitcher(page);
  await page.getByRole("link", { name: "Create organization" }).click();
  await expect(page).toHaveURL(/\/onboarding$/);
  await expect(page.getByRole("link", { name: "Back to dashboard" })).toBeVisible();
  await createOrganization(page, second);
  await expect(page.getByText("No active projects")).toBeVisible();

  // Both are listed, the active one marked; switching shows the other one's projects.
  await openGroupSwitcher(page);
  await expect(page.getByRole("button", { name: new RegExp(`^${second}`) })).toHaveAttribute("aria-current", "true");
  await expect(page.getByRole("button", { name: new RegExp(`^${first}`) })).not.toHaveAttribute("aria-current");
  await page.getByRole("button", { name: new RegExp(`^${first}`) }).click();
  await expect(page.getByRole("heading", { level: 1, name: first })).toBeVisible();
  await expect(project(page, "Only in the first")).toBeVisible();
  await expect(page.getByRole("button", { name: `Switch organization, current: ${first}` })).toBeVisible();

  // The only owner can't leave; the dialog says why and how to fix it.
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Members" }).click();
  await page.getByRole("button", { name: "Leave organization" }).click();
  const leaveDialog = page.getByRole("dialog", { name: `Leave ${first}?` });
  watched[0]!.allow(/\[CONVEX M\(members:remove\)\].*LAST_OWNER/s);
  await leaveDialog.getByRole("button", { name: "Leave organization" }).click();
  await expect(leaveDialog.getByRole("alert")).toHaveText("A group needs at least one owner. Make someone else an owner first.");
  await expect(leaveDialog).toContainText("You are the only owner.");
  await leaveDialog.getByRole("button", { name: "Cancel" }).click();
  await expect(leaveDialog).toBeHidden();
});

test("account: profile name, email, devices", async ({ page, browser }) => {
  const account = newAccount("account");
  await signUp(page, account);
  await page.goto("/settings/account");
  await expect(page.getByRole("heading", { level: 1, name: "Account" })).toBeVisible();
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue(account.email);
  await expect(page.getByLabel("Email", { exact: true })).toHaveAttribute("readonly", "");

  // The name is checked like on the server, then saved and shown in the top bar.
  const name = page.getByLabel("Name", { exact: true });
  await name.fill(" ");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(name).toHaveAccessibleDescription("Enter your name.");
  await name.fill("Renamed Person");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await expect(page.getByRole("button", { name: "Account menu for Renamed Person" })).toBeVisible();

  // A second device shows up; signing it out from here ends its session.
  await expect(page.getByTestId("session-count")).toHaveText("You are signed in on this device only.");
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  watched.push(new ConsoleErrors(otherPage));
  await signIn(otherPage, account);
  await expect(page.getByTestId("session-count")).toHaveText("You are signed in on 2 devices, including this one.");
  await page.getByRole("button", { name: "Sign out other devices" }).click();
  const dialog = page.getByRole("dialog", { name: "Sign out other devices?" });
  await dialog.getByRole("button", { name: "Sign out other devices" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Signed out 1 other session." })).toBeVisible();
  await expect(page.getByTestId("session-count")).toHaveText("You are signed in on this device only.");
  // The other device notices at once (its live queries fail with NOT_SIGNED_IN) and goes to sign in.
  await expect(otherPage).toHaveURL("/sign-in?redirectTo=%2Fonboarding");
  await other.close();
});
