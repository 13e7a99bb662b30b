/**
 * Accounts for end-to-end tests: signing up (with the emailed code) and in
 * through the real pages, reading the mail the app "sent" from the embedded
 * backend's outbox, and calling Convex as a signed-in page's user.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, type BrowserContext, type Page } from "@playwright/test";
import { ConvexHttpClient } from "convex/browser";
import { adminClient, readOutbox, type OutboxMail } from "../../lib/dev-outbox";
import { withRedirectTo } from "../../lib/redirect";
import { convexUrl, e2eStack } from "../stack";

export type { OutboxMail };

export interface AccountDetails {
  name: string;
  email: string;
  password: string;
}

/** A fresh account per test (the backend is shared by the whole run): `${label}-…@example.com`. */
export function newAccount(label: string): AccountDetails {
  const unique = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return { name: `E2E ${label}`, email: `${label}-${unique}@example.com`.toLowerCase(), password: `pw-${unique}-correct horse` };
}

// The embedded backend writes its admin key next to its data directory: `.convex-local/admin-key`.
const ADMIN_KEY_FILE = path.resolve(import.meta.dirname, "../..", e2eStack.dataDir, "..", "admin-key");

let outboxClient: ConvexHttpClient | undefined;

function outbox(): ConvexHttpClient {
  outboxClient ??= adminClient(convexUrl, readFileSync(ADMIN_KEY_FILE, "utf8").trim());
  return outboxClient;
}

/**
 * The newest outbox mail to `to` (optionally: whose subject matches), waiting
 * up to `timeout` ms for it to arrive.
 */
export async function readLatestMail(
  to: string,
  { subject, timeout = 10_000 }: { subject?: string | RegExp; timeout?: number } = {},
): Promise<OutboxMail> {
  const address = to.toLowerCase();
  const matches = (mail: OutboxMail) =>
    mail.to === address &&
    (subject === undefined || (typeof subject === "string" ? mail.subject.includes(subject) : subject.test(mail.subject)));
  let found: OutboxMail | undefined;
  await expect
    .poll(
      async () => {
        found = (await readOutbox(outbox(), 200)).find(matches);
        return found !== undefined;
      },
      { message: `a mail to ${address}${subject ? ` with subject ${String(subject)}` : ""}`, timeout },
    )
    .toBe(true);
  return found!;
}

/** The 8-digit code in a verification mail. */
export function verificationCode(mail: OutboxMail): string {
  const code = /\b(\d{8})\b/.exec(mail.subject)?.[1] ?? /\b(\d{8})\b/.exec(mail.text)?.[1];
  if (!code) throw new Error(`No verification code in the mail "${mail.subject}"`);
  return code;
}

/**
 * Signs up through /sign-up, including the emailed code, and waits until the
 * page has left the sign-up form (for /onboarding, or `redirectTo`). The
 * browser context is signed in afterwards.
 */
export async function signUp(page: Page, account: AccountDetails, { redirectTo }: { redirectTo?: string } = {}): Promise<void> {
  await page.goto(withRedirectTo("/sign-up", redirectTo));
  await page.getByLabel("Name", { exact: true }).fill(account.name);
  await page.getByLabel("Email", { exact: true }).fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();

  const mail = await readLatestMail(account.email, { subject: "verification code" });
  await enterCode(page, verificationCode(mail));
  await page.waitForURL((url) => url.pathname !== "/sign-up");
}

/** Signs in through /sign-in (an account whose address is verified) and waits until the page has left it. */
export async function signIn(
  page: Page,
  { email, password }: Pick<AccountDetails, "email" | "password">,
  { redirectTo }: { redirectTo?: string } = {},
): Promise<void> {
  await page.goto(withRedirectTo("/sign-in", redirectTo));
  await submitSignIn(page, { email, password });
  await page.waitForURL((url) => url.pathname !== "/sign-in");
}

/** Fills in and submits both steps of the sign-in form on the current page. */
export async function submitSignIn(page: Page, { email, password }: Pick<AccountDetails, "email" | "password">): Promise<void> {
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

export async function enterCode(page: Page, code: string): Promise<void> {
  await page.getByLabel("Verification code").fill(code);
  await page.getByRole("button", { name: "Verify and continue" }).click();
}

/**
 * A Convex client acting as the user signed in to `context` (with the session
 * JWT from its cookie), for setting up data the UI would take many steps for.
 * The JWT lives for minutes: make a new client per setup step.
 */
export async function convexAs(context: BrowserContext): Promise<ConvexHttpClient> {
  const cookie = (await context.cookies()).find((candidate) => candidate.name.endsWith("__convexAuthJWT"));
  if (!cookie) throw new Error("This browser context is not signed in (no __convexAuthJWT cookie).");
  const client = new ConvexHttpClient(convexUrl);
  client.setAuth(cookie.value);
  return client;
}
