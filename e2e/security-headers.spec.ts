import { expect, test } from "./support/fixtures";
import { appUrl } from "./stack";

test("pages carry the security headers", async ({ request }) => {
  for (const path of ["/", "/sign-in", "/sso/complete"]) {
    const response = await request.get(path, { maxRedirects: 0 });
    const headers = response.headers();
    expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(headers["x-frame-options"], path).toBe("DENY");
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    expect(headers["x-powered-by"], path).toBeUndefined();
  }
});

test("another site cannot frame the app", async ({ page }) => {
  const blocked: string[] = [];
  page.on("console", (message) => {
    if (message.text().includes("frame-ancestors")) blocked.push(message.text());
  });
  await page.setContent(`<iframe id="app" src="${appUrl}/sign-in"></iframe>`);
  await expect.poll(() => blocked.length).toBeGreaterThan(0);
  const frame = page.frames().find((candidate) => candidate !== page.mainFrame());
  expect(await frame?.locator("input[type=email]").count()).toBe(0);
});
