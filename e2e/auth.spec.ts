import { expect, test, type Browser } from "./support/fixtures";
import { api } from "../convex/_generated/api";
import { appUrl } from "./stack";
import {
  convexAs,
  enterCode,
  newAccount,
  readLatestMail,
  signUp,
  submitSignIn,
  verificationCode,
  type AccountDetails,
} from "./support/accounts";
import { ConsoleErrors } from "./support/console-errors";

let consoleErrors: ConsoleErrors;

test.beforeEach(({ page }) => {
  consoleErrors = new ConsoleErrors(page);
});

test.afterEach(() => {
  consoleErrors.expectNone();
});

/** Signs an account up in a browser of its own, so the page under test stays signed out. */
async function existingAccount(browser: Browser, label: string, setUp?: (convex: Awaited<ReturnType<typeof convexAs>>) => Promise<void>): Promise<AccountDetails> {
  const account = newAccount(label);
  const context = await browser.newContext();
  try {
    await signUp(await context.newPage(), account);
    if (setUp) await setUp(await convexAs(context));
  } finally {
    await context.close();
  }
  return account;
}

test("sign-up checks the form, mails a code and lands on onboarding", async ({ page }) => {
  const account = newAccount("signup");
  await page.goto("/sign-up");

  // An empty form: every field says what's wrong and the first one gets the focus.
  await page.getByRole("button", { name: "Create account" }).click();
  const name = page.getByLabel("Name", { exact: true });
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await expect(name).toHaveAccessibleDescription("Enter your name.");
  await expect(name).toBeFocused();
  await expect(page.getByLabel("Email", { exact: true })).toHaveAccessibleDescription("Enter a valid email address.");
  await expect(page.getByLabel("Password", { exact: true })).toHaveAccessibleDescription("Use at least 8 characters.");

  await name.fill(account.name);
  await page.getByLabel("Email", { exact: true }).fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await expect(page.getByText(`We sent an email to ${account.email}.`)).toBeVisible();
  await expect(page.getByLabel("Verification code")).toBeFocused();
  const mail = await readLatestMail(account.email);
  expect(mail.subject).toMatch(/^Your verification code: \d{8}$/);

  // A wrong code is refused inline (the server answers 400, which Chromium logs).
  consoleErrors.allowFailedRequest("/api/auth", 400);
  const wrongCode = verificationCode(mail) === "00000000" ? "11111111" : "00000000";
  await enterCode(page, wrongCode);
  await expect(page.getByLabel("Verification code")).toHaveAccessibleDescription("That code is wrong or has expired.");
  await expect(page.getByLabel("Verification code")).toHaveAttribute("aria-invalid", "true");

  await enterCode(page, verificationCode(mail));
  await expect(page).toHaveURL(/\/onboarding$/);
});

test("signs out, then back in with the password", async ({ page }) => {
  const account = newAccount("signout");
  await signUp(page, account);
  await expect(page).toHaveURL(/\/onboarding$/);

  // Signed in, the sign-in page sends people on (to a safe redirectTo, else the dashboard).
  await page.goto("/sign-in?redirectTo=%2Fonboarding");
  await expect(page).toHaveURL(/\/onboarding$/);

  await page.goto("/");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(page).toHaveURL(/\/$/);

  // The session is gone on the server side too.
  await page.goto("/onboarding");
  await expect(page).toHaveURL(/\/sign-in\?redirectTo=%2Fonboarding$/);

  await page.goto("/sign-in");
  await submitSignIn(page, account);
  await expect(page).toHaveURL(/\/(dashboard|onboarding)$/);
});

test("a wrong password shows the error", async ({ page, browser }) => {
  const account = await existingAccount(browser, "wrongpw");
  await page.goto("/sign-in");

  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByLabel("Email", { exact: true })).toHaveAccessibleDescription("Enter a valid email address.");
  await expect(page.getByLabel("Email", { exact: true })).toBeFocused();
  await page.getByLabel("Email", { exact: true }).fill(account.email);
  await page.getByRole("button", { name: "Continue" }).click();

  await expect(page.getByRole("heading", { name: "Enter your password" })).toBeVisible();
  await expect(page.getByText(account.email)).toBeVisible();
  consoleErrors.allowFailedRequest("/api/auth", 400);
  await page.getByLabel("Password", { exact: true }).fill(`${account.password}-wrong`);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();

  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Wrong email or password.");
  await expect(page.getByLabel("Password", { exact: true })).toBeFocused();
  await expect(page).toHaveURL(/\/sign-in$/);

  // Still signed out.
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in\?redirectTo=%2Fdashboard$/);
});

test("signing in before verifying the address asks for the emailed code", async ({ page }) => {
  const account = newAccount("unverified");
  await page.goto("/sign-up");
  await page.getByLabel("Name", { exact: true }).fill(account.name);
  await page.getByLabel("Email", { exact: true }).fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();

  // Abandon sign-up, come back later through sign-in (with a redirectTo that leaves the site, which is ignored).
  await page.goto("/sign-in?redirectTo=%2F%2Fevil.example%2F");
  await submitSignIn(page, account);
  await expect(page.getByRole("heading", { name: "Verify your email" })).toBeVisible();
  const mail = await readLatestMail(account.email);
  await enterCode(page, verificationCode(mail));
  await expect(page).toHaveURL(new RegExp(`^${appUrl}/(dashboard|onboarding)$`));
});

test("a signed-out visit to /dashboard signs in and returns there", async ({ page, browser }) => {
  const account = await existingAccount(browser, "returnto", async (convex) => {
    // With a group, the dashboard is where a signed-in person stays.
    await convex.mutation(api.groups.create, { name: "Return Trip Inc" });
  });

  await page.goto("/settings/members?tab=invites");
  await expect(page).toHaveURL(/\/sign-in\?redirectTo=%2Fsettings%2Fmembers%3Ftab%3Dinvites$/);

  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in\?redirectTo=%2Fdashboard$/);
  await submitSignIn(page, account);
  await expect(page).toHaveURL(/\/dashboard$/);
});

test("signing up with a registered address looks the same and mails a notice instead of a code", async ({ page, browser }) => {
  const registered = await existingAccount(browser, "twice");
  const unregistered = newAccount("fresh");

  /** What the page says after the first step, with the address blanked out. */
  async function answerTo(email: string): Promise<string> {
    await page.goto("/sign-up");
    await page.getByLabel("Name", { exact: true }).fill("Someone Else");
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByLabel("Password", { exact: true }).fill("another password 123");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    await expect(page.getByText(`We sent an email to ${email}.`)).toBeVisible();
    await expect(page.getByLabel("Verification code")).toBeVisible();
    return (await page.getByRole("main").innerText()).replaceAll(email, "<email>");
  }

  expect(await answerTo(registered.email)).toBe(await answerTo(unregistered.email));

  const notice = await readLatestMail(registered.email, { subject: "You already have an account" });
  expect(notice.text).not.toMatch(/\b\d{8}\b/);
  // It is the newest mail to that address: no code was sent this time.
  expect((await readLatestMail(registered.email)).subject).toBe("You already have an account");
  expect((await readLatestMail(unregistered.email)).subject).toMatch(/^Your verification code: \d{8}$/);
});

test("an invitation leads through sign-up to the group", async ({ page, browser }) => {
  const invitee = newAccount("invitee");
  const groupName = `Invited Co ${Date.now().toString(36)}`;
  await existingAccount(browser, "inviter", async (convex) => {
    const { groupId } = await convex.mutation(api.groups.create, { name: groupName });
    await convex.mutation(api.invites.create, { groupId, email: invitee.email, role: "member" });
  });
  const invitation = await readLatestMail(invitee.email, { subject: groupName });
  const invitePath = /\/invite\/[A-Za-z0-9_-]+/.exec(invitation.text)?.[0];
  expect(invitePath, "the invitation link").toBeTruthy();

  await page.goto(invitePath!);
  await expect(page.getByRole("heading", { name: `Join ${groupName}` })).toBeVisible();
  await expect(page.getByText(`Sign in or create an account with ${invitee.email} to join ${groupName}.`)).toBeVisible();
  await expect(page.getByRole("link", { name: "Sign in" })).toHaveAttribute("href", `/sign-in?redirectTo=${encodeURIComponent(invitePath!)}`);

  await page.getByRole("link", { name: "Create an account" }).click();
  await expect(page).toHaveURL(`/sign-up?redirectTo=${encodeURIComponent(invitePath!)}`);
  await page.getByLabel("Name", { exact: true }).fill(invitee.name);
  await page.getByLabel("Email", { exact: true }).fill(invitee.email);
  await page.getByLabel("Password", { exact: true }).fill(invitee.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await enterCode(page, verificationCode(await readLatestMail(invitee.email, { subject: "verification code" })));

  await expect(page).toHaveURL(invitePath!);
  await expect(page.getByText(`You're signed in as ${invitee.email}.`)).toBeVisible();
  await page.getByRole("button", { name: "Accept invitation" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);

  await page.goto(invitePath!);
  await expect(page.getByRole("heading", { name: "This invitation has already been used" })).toBeVisible();
});

test("an unknown invitation link says so", async ({ page }) => {
  await page.goto("/invite/not-a-real-invitation-token-0123456789abcdef");
  await expect(page.getByRole("heading", { name: "This invitation link is not valid" })).toBeVisible();
});

test("the dev outbox lists mail, newest first", async ({ page }) => {
  const account = newAccount("outbox");
  await page.goto("/sign-up");
  await page.getByLabel("Name", { exact: true }).fill(account.name);
  await page.getByLabel("Email", { exact: true }).fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  const { subject } = await readLatestMail(account.email);

  await page.goto("/dev/outbox");
  await expect(page.getByRole("heading", { name: "Dev outbox", level: 1 })).toBeVisible();
  const newest = page.getByTestId("outbox-mail").first();
  await expect(newest.getByRole("heading", { name: subject })).toBeVisible();
  await expect(newest).toContainText(account.email);
});
