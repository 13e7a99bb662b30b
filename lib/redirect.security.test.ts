import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseRedirectTo, safeRedirect, withRedirectTo } from "./redirect";

/**
 * Property-based: whatever `redirectTo` an attacker crafts, what we redirect
 * to is a path on our own site. The inputs mix arbitrary Unicode with the
 * pieces open redirects are made of (`//`, `/\`, schemes, percent-encoded
 * slashes, control characters, look-alike slashes). Seeded, so a failure
 * replays with the same inputs.
 */
const SEED = 20261123;
const RUNS = 500;

const ORIGINS = ["https://app.example.com", "http://localhost:3000"];

const PIECES = [
  "/", "//", "\\", "/\\", "\\/", "///", "%2f", "%2F", "%5c", "%5C", "%252f", "%2f%2f", "%0a", "%09", "%00",
  "\t", "\n", "\r", " ", "\u0000", "\u001f", "\u007f", "\u00a0", "\u2028", "\u200b", "\ufeff",
  "\uff0f", "\uff3c", "\u2215", "\u3002", // fullwidth slash and backslash, division slash, ideographic full stop
  "evil.example", "evil.example.", "@evil.example", "user:pass@", "https:", "http:", "javascript:", "data:", "HTTPS://",
  ".", "..", "../", "?", "#", "&", "=", ":", "%", "dashboard", "settings", "redirectTo=", "ß", "ｅｖｉｌ",
];

const hostile = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { maxLength: 8 }).map((parts) => parts.join("")),
  fc.tuple(fc.constantFrom(...PIECES), fc.string({ unit: "grapheme", maxLength: 30 })).map(([piece, rest]) => `${piece}${rest}`),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
);

/** What makes a redirect target same-site, checked the way a browser would resolve it. */
function expectSameSitePath(target: string) {
  expect(target.startsWith("/")).toBe(true);
  expect(target[1]).not.toBe("/");
  expect(target[1]).not.toBe("\\");
  for (const origin of ORIGINS) expect(new URL(target, origin).origin).toBe(origin);
}

describe("redirect targets never leave the site", () => {
  it("parseRedirectTo accepts only same-site paths, and returns them unchanged", () => {
    fc.assert(
      fc.property(hostile, (input) => {
        const target = parseRedirectTo(input);
        if (target === null) return;
        expect(target).toBe(input);
        expectSameSitePath(target);
        // No characters a browser strips or reads as a slash.
        expect(target).not.toMatch(/[\u0000-\u0020\u007f\\]/);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("an accepted target stays same-site if some hop percent-decodes it once more", () => {
    fc.assert(
      fc.property(hostile, (input) => {
        const target = parseRedirectTo(input);
        if (target === null) return;
        let decoded: string;
        try {
          decoded = decodeURIComponent(target);
        } catch {
          return;
        }
        expectSameSitePath(decoded.replace(/[\t\n\r]/g, ""));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("safeRedirect always gives a same-site path", () => {
    fc.assert(
      fc.property(hostile, fc.constantFrom("/dashboard", "/", "/onboarding"), (input, fallback) => {
        expectSameSitePath(safeRedirect(input, fallback));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("survives the query-string round trip of the SSO hand-off unchanged (what was checked is what is used)", () => {
    fc.assert(
      fc.property(hostile, (input) => {
        const target = parseRedirectTo(input);
        if (target === null) return;
        // ssoFlow puts it in /sso/complete?redirectTo=…; the page reads it back.
        const carried = new URL(`https://app.example.com/sso/complete?${new URLSearchParams({ sso_code: "x", redirectTo: target })}`).searchParams.get("redirectTo");
        expect(parseRedirectTo(carried)).toBe(target);
        const link = new URL(withRedirectTo("/sign-in", target), "https://app.example.com");
        expect(link.searchParams.get("redirectTo")).toBe(target);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it.each([
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "https:evil.example",
    "https://evil.example",
    "/%2F%2Fevil.example",
    "/%2f/evil.example",
    "/%5Cevil.example",
    "/%5c%5cevil.example",
    "/%09/evil.example",
    "/%0a/evil.example",
    "/\t/evil.example",
    "/\u0000/evil.example",
    "\u0000//evil.example",
    " //evil.example",
    "/\uff0f\uff0fevil.example".replace(/\uff0f/g, "/"),
    "javascript:alert(1)",
    "data:text/html,hi",
  ])("refuses %j", (input) => {
    expect(parseRedirectTo(input)).toBeNull();
    expect(safeRedirect(input)).toBe("/dashboard");
  });

  it.each(["/\uff0f\uff0fevil.example", "/\u2215\u2215evil.example", "/search?q=a%2Fb", "/caf%C3%A9"])("keeps the same-site path %j", (input) => {
    // Look-alike slashes are ordinary path characters to a URL parser, so these stay on the site.
    expect(parseRedirectTo(input)).toBe(input);
    expectSameSitePath(input);
  });
});
