import { expect, type Page } from "@playwright/test";

/**
 * Collects what the page logs as an error (console.error, uncaught
 * exceptions, and the failed requests Chromium reports in the console), so a
 * test can assert there were none. `allow` excuses errors a test provokes on
 * purpose, e.g. the 400 answer to a wrong password.
 */
export class ConsoleErrors {
  private readonly errors: Array<{ text: string; url: string }> = [];
  private readonly allowed: Array<(error: { text: string; url: string }) => boolean> = [];

  constructor(page: Page) {
    page.on("console", (message) => {
      if (message.type() === "error") this.errors.push({ text: message.text(), url: message.location().url });
    });
    page.on("pageerror", (error) => this.errors.push({ text: `${error.name}: ${error.message}`, url: "" }));
  }

  /** Excuses Chromium's "Failed to load resource: … status of <status>" for requests to `path`. */
  allowFailedRequest(path: string, status: number): void {
    this.allowed.push(
      ({ text, url }) =>
        text.startsWith(`Failed to load resource: the server responded with a status of ${status}`) &&
        new URL(url || "about:blank").pathname === path,
    );
  }

  /** Excuses errors whose text matches, e.g. the Convex client's log of a refusal the test provokes. */
  allow(pattern: RegExp): void {
    this.allowed.push(({ text }) => pattern.test(text));
  }

  expectNone(): void {
    const unexpected = this.errors.filter((error) => !this.allowed.some((allow) => allow(error)));
    expect(
      unexpected.map(({ text, url }) => (url ? `${text} (${url})` : text)),
      "errors in the browser console",
    ).toEqual([]);
  }
}
