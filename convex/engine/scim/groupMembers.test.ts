import { describe, expect, it } from "vitest";
import { memberChanges } from "./groupMembers";

/** Which PATCHes take the member-by-member path; everything else keeps the general one. */
describe("memberChanges", () => {
  it("reads the membership operations Entra ID, Okta and Google Workspace send", () => {
    expect(memberChanges([{ op: "add", path: "members", value: [{ value: "a" }, { value: "b", $ref: "ignored" }] }])).toEqual({ add: ["a", "b"], remove: [] });
    expect(memberChanges([{ op: "remove", path: 'members[value eq "a"]' }])).toEqual({ add: [], remove: ["a"] });
    expect(memberChanges([{ op: "remove", path: "members", value: [{ value: "a" }] }, { op: "add", path: " Members ", value: [{ value: "b" }, { value: "b" }] }])).toEqual({ add: ["b"], remove: ["a"] });
  });

  it("leaves anything else to the general path", () => {
    expect(memberChanges([{ op: "replace", path: "displayName", value: "Staff" }])).toBeNull();
    expect(memberChanges([{ op: "add", path: "members", value: [{ value: "a" }] }, { op: "replace", path: "displayName", value: "Staff" }])).toBeNull();
    // Replacing the member list, emptying it, or adding and removing the same member.
    expect(memberChanges([{ op: "replace", path: "members", value: [{ value: "a" }] }])).toBeNull();
    expect(memberChanges([{ op: "remove", path: "members" }])).toBeNull();
    expect(memberChanges([{ op: "add", path: "members", value: [{ value: "a" }] }, { op: "remove", path: 'members[value eq "a"]' }])).toBeNull();
    // Values that aren't a list of { value: string }.
    expect(memberChanges([{ op: "add", path: "members", value: { value: "a" } }])).toBeNull();
    expect(memberChanges([{ op: "add", path: "members", value: [] }])).toBeNull();
    expect(memberChanges([{ op: "add", path: "members", value: [{ value: 7 }] }])).toBeNull();
    expect(memberChanges([{ op: "remove", path: 'members[display eq "a"]' }])).toBeNull();
  });
});
