import { describe, expect, it } from "vitest";
import { DEFAULT_AFTER_SIGN_IN, parseRedirectTo, safeRedirect, withRedirectTo } from "./redirect";

describe("parseRedirectTo", () => {
  it.each(["/", "/dashboard", "/settings/members?tab=invites", "/invite/abc_DEF-123", "/a#section", "/search?q=a%20b"])(
    "accepts the path %s",
    (path) => {
      expect(parseRedirectTo(path)).toBe(path);
    },
  );

  it.each([
    ["a protocol-relative URL", "//evil.example"],
    ["a protocol-relative URL with a path", "//evil.example/dashboard"],
    ["a backslash after the slash", "/\\evil.example"],
    ["a backslash later on", "/foo\\..\\\\evil.example"],
    ["an absolute URL", "https://evil.example/"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["a relative path", "dashboard"],
    ["a tab browsers would strip", "/\t/evil.example"],
    ["a newline browsers would strip", "/\n/evil.example"],
    ["a space", "/ /evil.example"],
    ["an empty string", ""],
  ])("refuses %s", (_label, value) => {
    expect(parseRedirectTo(value)).toBeNull();
  });

  it("refuses a missing or repeated parameter", () => {
    expect(parseRedirectTo(undefined)).toBeNull();
    expect(parseRedirectTo(null)).toBeNull();
    expect(parseRedirectTo(["/dashboard", "/settings"])).toBeNull();
  });

  it("refuses absurdly long values", () => {
    expect(parseRedirectTo(`/${"a".repeat(5000)}`)).toBeNull();
  });
});

describe("safeRedirect", () => {
  it("keeps a safe path", () => {
    expect(safeRedirect("/settings/account")).toBe("/settings/account");
  });

  it("falls back to the dashboard", () => {
    expect(DEFAULT_AFTER_SIGN_IN).toBe("/dashboard");
    expect(safeRedirect("//evil.example")).toBe("/dashboard");
    expect(safeRedirect(undefined)).toBe("/dashboard");
  });

  it("takes another fallback", () => {
    expect(safeRedirect("https://evil.example", "/onboarding")).toBe("/onboarding");
  });
});

describe("withRedirectTo", () => {
  it("carries a safe target along, encoded", () => {
    expect(withRedirectTo("/sign-up", "/invite/abc?x=1&y=2")).toBe("/sign-up?redirectTo=%2Finvite%2Fabc%3Fx%3D1%26y%3D2");
  });

  it("drops a missing or unsafe target", () => {
    expect(withRedirectTo("/sign-up", null)).toBe("/sign-up");
    expect(withRedirectTo("/sign-up", "//evil.example")).toBe("/sign-up");
  });
});
