import { describe, expect, it } from "vitest";
import { ATTESTATION_TTL_SECONDS, attestClientIp, verifyClientIp } from "./client-ip-attestation";

const SECRET = "a shared secret of the app server and Convex";
const NOW = Date.UTC(2026, 10, 1, 12, 0, 0);

describe("client IP attestation", () => {
  it("round-trips an IPv4 and an IPv6 address", async () => {
    for (const ip of ["203.0.113.9", "2001:db8:1:2::7"]) {
      expect(await verifyClientIp(SECRET, await attestClientIp(SECRET, ip, NOW), NOW)).toBe(ip);
    }
  });

  it("refuses another secret, another address, a changed time and garbage", async () => {
    const attestation = await attestClientIp(SECRET, "203.0.113.9", NOW);
    const [, issuedAt, mac] = attestation.split(" ");
    expect(await verifyClientIp("another secret", attestation, NOW)).toBeNull();
    expect(await verifyClientIp(SECRET, `198.51.100.1 ${issuedAt} ${mac}`, NOW)).toBeNull();
    expect(await verifyClientIp(SECRET, `203.0.113.9 ${Number(issuedAt) + 1} ${mac}`, NOW)).toBeNull();
    for (const garbage of ["", "203.0.113.9", `203.0.113.9 ${issuedAt}`, `203.0.113.9 ${issuedAt} ${mac} extra`, `203.0.113.9 x ${mac}`, `203.0.113.9 ${issuedAt} !!`]) {
      expect(await verifyClientIp(SECRET, garbage, NOW)).toBeNull();
    }
  });

  it("goes stale after its time to live, in either direction", async () => {
    const attestation = await attestClientIp(SECRET, "203.0.113.9", NOW);
    const ttlMs = ATTESTATION_TTL_SECONDS * 1000;
    expect(await verifyClientIp(SECRET, attestation, NOW + ttlMs)).toBe("203.0.113.9");
    expect(await verifyClientIp(SECRET, attestation, NOW + ttlMs + 1000)).toBeNull();
    expect(await verifyClientIp(SECRET, attestation, NOW - ttlMs - 1000)).toBeNull();
  });
});
