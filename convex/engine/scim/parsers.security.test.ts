import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ScimError } from "./errors";
import { matches, parseFilter } from "./filter";
import { applyPatch, PATCH_SCHEMA, readPatch } from "./patch";
import { ENTERPRISE_SCHEMA, USER_SCHEMA, type Json } from "./resources";

/**
 * Property-based, at unit level: whatever filter or PATCH body a SCIM client
 * sends, the parsers either accept it or throw a ScimError with a 4xx status
 * and (for 400) a scimType; nothing else ever escapes, and nothing outside the
 * resource is touched (no prototype pollution). The HTTP-level twin is
 * scimHttp.security.test.ts. Seeded, so a failure replays.
 */
const SEED = 7644;
const RUNS = 400;

/** The pieces filters are made of, so generated strings are often almost valid (where parser bugs live). */
const FILTER_PIECES = [
  "userName", "emails", "emails.value", "name.givenName", "members", "externalId", "id", "meta.lastModified", "active",
  `${ENTERPRISE_SCHEMA}:department`, "urn:", "__proto__", "constructor", "prototype",
  " eq ", " ne ", " co ", " sw ", " ew ", " pr", " gt ", " ge ", " lt ", " le ", " and ", " or ", "not ", " EQ ",
  '"ada@contoso.test"', '"', '\\"', "'", "true", "false", "null", "1", "-1", "1e999", "2026-01-01T00:00:00Z",
  "(", ")", "[", "]", " ", ".", "\u0000", "\u2028", "é", "%",
];

const filterText = fc.oneof(
  fc.array(fc.constantFrom(...FILTER_PIECES), { maxLength: 12 }).map((parts) => parts.join("")),
  fc.string({ unit: "grapheme", maxLength: 60 }),
  fc.string({ unit: "binary", maxLength: 60 }),
);

const user: Json = {
  schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
  userName: "ada@contoso.test",
  externalId: "entra-1",
  active: true,
  displayName: "Ada Lovelace",
  name: { givenName: "Ada", familyName: "Lovelace" },
  emails: [{ value: "ada@contoso.test", type: "work", primary: true }],
  [ENTERPRISE_SCHEMA]: { department: "Engineering" },
};

const PATH_PIECES = [
  "userName", "active", "displayName", "name", "name.givenName", "emails", 'emails[type eq "work"]', 'emails[type eq "work"].value',
  "emails[", 'emails[value eq "x"]', "members", 'members[value eq "u1"]', `${ENTERPRISE_SCHEMA}:department`, `${ENTERPRISE_SCHEMA}:manager.value`,
  "__proto__", "__proto__.polluted", "constructor.prototype.polluted", "prototype", "meta.created", "id", "schemas", "", " ", ".", "[]", "a.b.c.d",
];

const value = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom("True", "False", "", null, [], {}, { value: "u1" }, [{ value: "u1" }], { __proto__: { polluted: true } }),
  fc.dictionary(fc.constantFrom(...PATH_PIECES), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
);

const operation = fc.oneof(
  fc.record(
    { op: fc.constantFrom("add", "replace", "remove", "Add", "Replace", "REMOVE", "copy", "", 1), path: fc.constantFrom(...PATH_PIECES, 5, null), value },
    { requiredKeys: ["op"] },
  ),
  fc.jsonValue({ maxDepth: 2 }),
);

const patchBody = fc.oneof(
  fc.record({ schemas: fc.constantFrom([PATCH_SCHEMA], ["other"], PATCH_SCHEMA, []), Operations: fc.array(operation, { maxLength: 5 }) }),
  fc.record({ schemas: fc.constant([PATCH_SCHEMA]), Operations: fc.oneof(fc.jsonValue({ maxDepth: 1 }), fc.constant(null)) }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Runs `work`; any throw must be a client-error ScimError. */
function expectAcceptedOrScimError(work: () => unknown) {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(ScimError);
    const { status, scimType, detail } = (error as ScimError).data;
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    if (status === 400) expect(scimType).toEqual(expect.any(String));
    expect(detail).toEqual(expect.any(String));
  }
}

describe("SCIM filters", () => {
  it("parse or fail with 400 invalidFilter, and a parsed filter evaluates without throwing", () => {
    fc.assert(
      fc.property(filterText, (text) => {
        let filter;
        try {
          filter = parseFilter(text);
        } catch (error) {
          expect(error).toBeInstanceOf(ScimError);
          expect((error as ScimError).data).toMatchObject({ status: 400, scimType: "invalidFilter" });
          return;
        }
        expect(typeof matches(user, filter)).toBe("boolean");
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("refuses an over-long filter before parsing it", () => {
    expect(() => parseFilter(`userName eq "${"a".repeat(2000)}"`)).toThrow(ScimError);
  });
});

describe("SCIM PATCH", () => {
  it("reads and applies any body, or fails with a 4xx SCIM error; the input resource is never changed", () => {
    fc.assert(
      fc.property(patchBody, (body) => {
        const before = structuredClone(user);
        expectAcceptedOrScimError(() => applyPatch(user, readPatch(body)));
        expect(user).toEqual(before);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it.each([
    ["__proto__", { polluted: true }],
    ["__proto__.polluted", true],
    ["constructor.prototype.polluted", true],
  ])("a path of %j cannot pollute Object.prototype", (path, patchValue) => {
    for (const op of ["add", "replace"]) {
      expectAcceptedOrScimError(() => applyPatch(user, readPatch({ schemas: [PATCH_SCHEMA], Operations: [{ op, path, value: patchValue }] })));
      expectAcceptedOrScimError(() => applyPatch(user, readPatch({ schemas: [PATCH_SCHEMA], Operations: [{ op, value: { [path]: patchValue } }] })));
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  });
});
