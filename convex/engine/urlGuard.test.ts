import { describe, expect, it } from "vitest";
import { checkOutboundUrl, isInternalHost, MAX_URL_LENGTH } from "./urlGuard";

const production = { allowPrivate: false };
const development = { allowPrivate: true };

/** The host as the URL parser normalizes it, which is what the guard sees. */
const hostOf = (url: string) => new URL(url).hostname;

describe("isInternalHost", () => {
  it.each([
    "http://localhost/",
    "http://LOCALHOST./",
    "http://api.localhost/",
    "http://127.0.0.1/",
    "http://127.8.9.10/",
    "http://2130706433/", // 127.0.0.1 as one decimal number
    "http://0x7f.1/", // 127.0.0.1 in hex shorthand
    "http://0.0.0.0/",
    "http://10.0.0.1/",
    "http://100.64.0.1/",
    "http://169.254.169.254/",
    "http://172.16.0.1/",
    "http://172.31.255.255/",
    "http://192.168.1.1/",
    "http://224.0.0.1/",
    "http://255.255.255.255/",
    "http://[::]/",
    "http://[::1]/",
    "http://[0:0:0:0:0:0:0:1]/",
    "http://[fd12:3456::1]/",
    "http://[fe80::1]/",
    "http://[ff02::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:10.0.0.1]/",
    "http://[::127.0.0.1]/",
    "http://[64:ff9b::192.168.0.1]/",
  ])("%s is internal", (url) => {
    expect(isInternalHost(hostOf(url))).toBe(true);
  });

  it.each([
    "https://example.com/",
    "https://localhost.example.com/",
    "https://8.8.8.8/",
    "https://172.15.255.255/",
    "https://172.32.0.1/",
    "https://100.128.0.1/",
    "https://192.169.0.1/",
    "https://[2606:4700::1111]/",
    "https://[::ffff:8.8.8.8]/",
    "https://[64:ff9b::8.8.8.8]/",
  ])("%s is public", (url) => {
    expect(isInternalHost(hostOf(url))).toBe(false);
  });
});

describe("checkOutboundUrl", () => {
  it("returns the normalized URL", () => {
    expect(checkOutboundUrl("HTTPS://Example.COM:443/a b?x=1", production)).toEqual({ ok: true, url: "https://example.com/a%20b?x=1" });
  });

  it.each([
    ["ftp://example.com/"],
    ["javascript:alert(1)"],
    ["/relative/path"],
    ["example.com/hook"],
    ["https://user:pw@example.com/"],
    [`https://example.com/${"a".repeat(MAX_URL_LENGTH)}`],
  ])("refuses %s everywhere", (url) => {
    expect(checkOutboundUrl(url, development).ok).toBe(false);
    expect(checkOutboundUrl(url, production).ok).toBe(false);
  });

  it("refuses a URL that only grows past the limit when normalized", () => {
    const url = `https://example.com/${" ".repeat(MAX_URL_LENGTH - 30)}x`;
    expect(url.length).toBeLessThanOrEqual(MAX_URL_LENGTH);
    expect(checkOutboundUrl(url, development).ok).toBe(false);
  });

  it("requires https and a public host in production only", () => {
    for (const url of ["http://example.com/", "https://127.0.0.1/", "https://localhost:8443/", "https://[::1]/"]) {
      expect(checkOutboundUrl(url, production).ok).toBe(false);
      expect(checkOutboundUrl(url, development).ok).toBe(true);
    }
  });
});
