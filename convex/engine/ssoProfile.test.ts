import { describe, expect, it } from "vitest";
import { mapClaims, readClaim } from "./ssoProfile";

describe("claim mapping", () => {
  const mapping = { subject: "sub", email: "email", name: "name", groups: "groups", roles: "realm_access.roles" };

  it("normalizes the profile: lower-case email, verified flag, list claims, nested and namespaced claims", () => {
    const result = mapClaims(
      {
        sub: "u-1",
        email: " Ada@ACME.test ",
        email_verified: "true",
        name: "  Ada Lovelace ",
        groups: "engineering",
        realm_access: { roles: ["admin", 7, { nested: true }] },
        "https://acme.test/department": "R&D",
      },
      mapping,
      { department: "https://acme.test/department", missing: "nope" },
    );
    expect(result).toEqual({
      ok: true,
      profile: {
        subject: "u-1",
        email: "ada@acme.test",
        emailVerified: true,
        name: "Ada Lovelace",
        groups: ["engineering"],
        roles: ["admin", "7"],
        extra: { department: "R&D" },
      },
    });
  });

  it("treats a missing or false email_verified as unverified", () => {
    for (const email_verified of [undefined, false, "false", 1]) {
      const result = mapClaims({ sub: "u", email: "a@acme.test", email_verified }, mapping);
      expect(result.ok && result.profile.emailVerified).toBe(false);
    }
  });

  it("refuses a missing subject and a malformed email, and bounds oversized values", () => {
    expect(mapClaims({ email: "a@acme.test" }, mapping)).toMatchObject({ ok: false });
    expect(mapClaims({ sub: "u", email: "not an email" }, mapping)).toMatchObject({ ok: false });
    expect(mapClaims({ sub: "u", email: ["a@acme.test"] }, mapping)).toMatchObject({ ok: false });
    const big = mapClaims({ sub: "u", groups: Array.from({ length: 500 }, (_, i) => `g${i}${"x".repeat(300)}`) }, mapping);
    expect(big.ok && big.profile.groups).toHaveLength(200);
    expect(big.ok && big.profile.groups[0]!.length).toBe(256);
    expect(big.ok && big.profile.email).toBeUndefined();
  });

  it("reads exact keys before dotted paths, and never walks into arrays or prototypes", () => {
    expect(readClaim({ "a.b": 1, a: { b: 2 } }, "a.b")).toBe(1);
    expect(readClaim({ a: { b: 2 } }, "a.b")).toBe(2);
    expect(readClaim({ a: [{ b: 2 }] }, "a.0.b")).toBeUndefined();
    expect(readClaim({}, "constructor.name")).toBeUndefined();
    expect(readClaim({}, "__proto__")).toBeUndefined();
  });
});
