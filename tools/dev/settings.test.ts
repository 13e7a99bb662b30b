import { describe, expect, it } from "vitest";
import { readDevSettings } from "./settings";

describe("readDevSettings", () => {
  it("defaults to the documented ports and paths", () => {
    expect(readDevSettings({})).toEqual({
      devPort: 3000,
      convexPort: 3210,
      convexSitePort: 3211,
      dataDir: ".convex-local/data",
      envFile: ".env.convex.local",
      reset: false,
      dnsPort: 5354,
      dnsRecordsFile: ".convex-local/dns-records.json",
      demoIdpPort: 4400,
    });
  });

  it("reads the overrides Playwright uses for its isolated stack", () => {
    const settings = readDevSettings({
      DEV_PORT: "3100",
      CONVEX_LOCAL_PORT: "3310",
      CONVEX_LOCAL_SITE_PORT: "3311",
      CONVEX_LOCAL_DATA_DIR: ".convex-local/e2e-data",
      CONVEX_LOCAL_ENV_FILE: ".convex-local/e2e.env",
      CONVEX_LOCAL_RESET: "1",
      DEV_DNS_PORT: "5363",
      DEV_DNS_RECORDS: ".convex-local/e2e-dns-records.json",
      DEMO_IDP_PORT: "4410",
    });
    expect(settings).toEqual({
      devPort: 3100,
      convexPort: 3310,
      convexSitePort: 3311,
      dataDir: ".convex-local/e2e-data",
      envFile: ".convex-local/e2e.env",
      reset: true,
      dnsPort: 5363,
      dnsRecordsFile: ".convex-local/e2e-dns-records.json",
      demoIdpPort: 4410,
    });
  });

  it("keeps the DNS records file beside the data directory", () => {
    expect(readDevSettings({ CONVEX_LOCAL_DATA_DIR: "/tmp/stack/data" }).dnsRecordsFile).toBe("/tmp/stack/dns-records.json");
  });

  it.each(["abc", "0", "70000", "3000.5"])("rejects the port %s", (value) => {
    expect(() => readDevSettings({ CONVEX_LOCAL_PORT: value })).toThrow(
      `CONVEX_LOCAL_PORT must be a port number between 1 and 65535, but it is "${value}".`,
    );
    expect(() => readDevSettings({ DEV_DNS_PORT: value })).toThrow(
      `DEV_DNS_PORT must be a port number between 1 and 65535, but it is "${value}".`,
    );
    expect(() => readDevSettings({ DEMO_IDP_PORT: value })).toThrow(
      `DEMO_IDP_PORT must be a port number between 1 and 65535, but it is "${value}".`,
    );
  });
});
