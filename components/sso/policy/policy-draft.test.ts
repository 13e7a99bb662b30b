import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, type Policy } from "@/convex/engine/policyShape";
import { changedFields, fromDraft, policyPatch, rebaseDraft, ruleProblems, samePolicy, toDraft } from "./policy-draft";

const withMapping: Policy = {
  ...DEFAULT_POLICY,
  roleMapping: [
    { source: "groups", value: "eng", role: "admin" },
    { source: "roles", value: "viewer", role: "member" },
  ],
};

describe("policy drafts", () => {
  it("round-trips a policy, dropping the client-side row keys", () => {
    const draft = toDraft(withMapping);
    expect(draft.roleMapping.every((rule) => typeof rule.key === "string")).toBe(true);
    expect(fromDraft(draft)).toEqual(withMapping);
  });

  it("lists changed fields, comparing nested values rather than identity", () => {
    expect(changedFields(withMapping, fromDraft(toDraft(withMapping)))).toEqual([]);
    const next: Policy = { ...withMapping, deprovision: "hard", jit: { mode: "on", defaultRole: "admin" } };
    expect(changedFields(withMapping, next)).toEqual(["jit", "deprovision"]);
    const reordered: Policy = { ...withMapping, roleMapping: [...withMapping.roleMapping].reverse() };
    expect(changedFields(withMapping, reordered)).toEqual(["roleMapping"]);
    expect(samePolicy(withMapping, reordered)).toBe(false);
  });

  it("patches only what changed", () => {
    const next: Policy = { ...withMapping, ssoEnforced: true, ownerBreakGlass: false };
    expect(policyPatch(withMapping, next)).toEqual({ ssoEnforced: true, ownerBreakGlass: false });
  });
});

describe("ruleProblems", () => {
  it("points at empty, too long and duplicated IdP values like the server's checks", () => {
    expect(
      ruleProblems([
        { source: "groups", value: "  ", role: "member" },
        { source: "groups", value: "x".repeat(201), role: "member" },
        { source: "groups", value: "eng", role: "admin" },
        { source: "groups", value: " eng ", role: "member" },
        { source: "roles", value: "eng", role: "member" },
      ]),
    ).toEqual(["empty", "tooLong", "duplicate", "duplicate", null]);
  });
});

describe("rebaseDraft", () => {
  it("takes their changes where the draft is untouched and keeps the draft's edits", () => {
    const draft = toDraft({ ...withMapping, ssoEnforced: true, deprovision: "hard" });
    const theirs: Policy = { ...withMapping, accountLinking: "none", profileAuthority: "app" };
    const { draft: rebased, conflicts } = rebaseDraft(draft, withMapping, theirs);
    expect(fromDraft(rebased)).toEqual({ ...theirs, ssoEnforced: true, deprovision: "hard" });
    expect(conflicts).toEqual([]);
    // Saving then sends only the real edits, so their save isn't undone.
    expect(policyPatch(theirs, fromDraft(rebased))).toEqual({ ssoEnforced: true, deprovision: "hard" });
  });

  it("reports settings both sides changed, keeping the draft's value", () => {
    const draft = toDraft({ ...withMapping, roleMapping: [withMapping.roleMapping[0]!] });
    const theirs: Policy = { ...withMapping, roleMapping: [], deprovision: "hard" };
    const { draft: rebased, conflicts } = rebaseDraft(draft, withMapping, theirs);
    expect(conflicts).toEqual(["roleMapping"]);
    expect(fromDraft(rebased)).toEqual({ ...theirs, roleMapping: [withMapping.roleMapping[0]] });
  });

  it("doesn't call the same change on both sides a conflict", () => {
    const draft = toDraft({ ...withMapping, deprovision: "hard" });
    expect(rebaseDraft(draft, withMapping, { ...withMapping, deprovision: "hard" }).conflicts).toEqual([]);
  });
});
