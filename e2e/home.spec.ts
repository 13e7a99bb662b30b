import { expect, test, type Page } from "./support/fixtures";
import { ConvexHttpClient } from "convex/browser";
import { api } from "../convex/_generated/api";
import { convexUrl } from "./stack";

/** Unique per call, so tests never match each other's messages (the backend is shared). */
function uniqueText(label: string): string {
  return `${label} ${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

function messageWithText(page: Page, text: string) {
  return page.getByTestId("message-list").getByTestId("message").filter({ hasText: text });
}

let consoleErrors: string[];

test.beforeEach(async ({ page }) => {
  consoleErrors = [];
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(`${error.name}: ${error.message}`));
  await page.goto("/");
});

test.afterEach(() => {
  expect(consoleErrors, "errors in the browser console").toEqual([]);
});

test("shows the guestbook", async ({ page }) => {
  await expect(page.getByTestId("message-list")).toBeVisible();
  await expect(page.getByLabel("Name", { exact: true })).toBeVisible();
  await expect(page.getByLabel("Message", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Post", exact: true })).toBeVisible();
});

test("posting the form shows the message", async ({ page }) => {
  const body = uniqueText("Hello from the form");
  await page.getByLabel("Name", { exact: true }).fill("Ada");
  await page.getByLabel("Message", { exact: true }).fill(body);
  await page.getByRole("button", { name: "Post", exact: true }).click();

  await expect(messageWithText(page, body)).toHaveCount(1);
  await expect(messageWithText(page, body)).toContainText("Ada");
});

test("a message sent by another client appears without reloading", async ({ page }) => {
  await expect(page.getByTestId("message-list")).toBeVisible();
  // Survives only as long as the page is not reloaded.
  await page.evaluate(() => Object.assign(window, { e2eNotReloaded: true }));
  const otherClient = new ConvexHttpClient(convexUrl);

  // The first message proves the page's live query is running; the second one can then only arrive by a push.
  for (const label of ["First remote message", "Second remote message"]) {
    const body = uniqueText(label);
    await otherClient.mutation(api.messages.send, { author: "Grace", body });
    await expect(messageWithText(page, body)).toHaveCount(1);
  }
  expect(await page.evaluate(() => "e2eNotReloaded" in window)).toBe(true);
});
