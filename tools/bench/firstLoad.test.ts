import { describe, expect, it } from "vitest";
import { firstLoadFiles, isPage, urlOf } from "./firstLoad";

describe("firstLoadFiles", () => {
  it("joins the shared runtime and every segment's chunks, each once, without stylesheets", () => {
    const files = firstLoadFiles(["static/chunks/runtime.js", "static/chunks/framework.js"], {
      entryJSFiles: {
        "[project]/app/layout": ["static/chunks/layout.js", "static/chunks/framework.js"],
        "[project]/app/(console)/layout": ["static/chunks/layout.js", "static/chunks/console.js"],
        "[project]/app/(console)/settings/page": ["static/chunks/console.js", "static/chunks/settings.js", "static/chunks/settings.css"],
      },
    });
    expect(files).toEqual(["static/chunks/runtime.js", "static/chunks/framework.js", "static/chunks/layout.js", "static/chunks/console.js", "static/chunks/settings.js"]);
  });

  it("is the shared runtime alone for a page without client components", () => {
    expect(firstLoadFiles(["static/chunks/runtime.js"], {})).toEqual(["static/chunks/runtime.js"]);
  });
});

describe("urlOf and isPage", () => {
  it("drops route groups and the page suffix", () => {
    expect(urlOf("/(console)/settings/connections/[connectionId]/page")).toBe("/settings/connections/[connectionId]");
    expect(urlOf("/sign-in/page")).toBe("/sign-in");
    expect(urlOf("/page")).toBe("/");
  });

  it("keeps pages, not route handlers or Next.js's own error pages", () => {
    expect(isPage("/sign-in/page")).toBe(true);
    expect(isPage("/icon.svg/route")).toBe(false);
    expect(isPage("/_not-found/page")).toBe(false);
    expect(isPage("/_global-error/page")).toBe(false);
  });
});
