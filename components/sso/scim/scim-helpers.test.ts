import { describe, expect, it } from "vitest";
import { describeOperation } from "./operations";
import { describeStatus, groupSteps, summarizeSteps } from "./self-check";
import { describeRotation, OVERLAP_CHOICES, overlapSeconds, SELF_CHECK_PREFIX, tokenRows } from "./tokens";
import type { SelfCheckStep } from "./types";

const NOW = Date.UTC(2026, 0, 2, 12);
const HOUR = 60 * 60 * 1000;

describe("tokenRows", () => {
  it("lists the tokens that still work, newest first: the current one, then outgoing ones", () => {
    const rows = tokenRows(
      [
        { prefix: "scim_old0001", createdTime: NOW - 3 * HOUR, expiresTime: NOW + HOUR },
        { prefix: "scim_new0002", createdTime: NOW - HOUR, expiresTime: null },
        { prefix: "scim_gone003", createdTime: NOW - 5 * HOUR, expiresTime: NOW - 1 },
      ],
      NOW,
    );
    expect(rows.map((row) => [row.prefix, row.kind])).toEqual([
      ["scim_new0002", "current"],
      ["scim_old0001", "outgoing"],
    ]);
  });

  it("marks the self-check's own short-lived token", () => {
    const [row] = tokenRows([{ prefix: SELF_CHECK_PREFIX, createdTime: NOW, expiresTime: NOW + 5 * 60 * 1000 }], NOW);
    expect(row?.kind).toBe("self-check");
  });
});

describe("rotation", () => {
  it("offers none, 1 hour, 1 day and 7 days, within setScim's 7-day limit", () => {
    expect(OVERLAP_CHOICES.map((choice) => choice.seconds)).toEqual([0, 3600, 86400, 604800]);
    expect(overlapSeconds("day")).toBe(86400);
  });

  it("says what happened to the old token", () => {
    expect(describeRotation(0)).toMatch(/no longer works/);
    expect(describeRotation(3600)).toBe("The old token keeps working for 1 hour. Replace it in your identity provider before then.");
    expect(describeRotation(604800)).toMatch(/for 7 days/);
  });
});

describe("self-check results", () => {
  const step = (idp: SelfCheckStep["idp"], name: string, ok = true, status: number | null = 200): SelfCheckStep => ({ idp, name, ok, status, detail: ok ? "as expected" : "expected 200, got 500" });

  it("groups the steps by identity provider in run order, counting failures", () => {
    const groups = groupSteps([step("Entra ID", "a"), step("Entra ID", "b", false, 500), step("Okta", "c")]);
    expect(groups.map((group) => [group.name, group.steps.length, group.failed])).toEqual([
      ["Microsoft Entra ID", 2, 1],
      ["Okta", 1, 0],
    ]);
  });

  it("leaves out a provider without steps, and keeps one it doesn't know", () => {
    const groups = groupSteps([step("Okta", "a"), { ...step("Okta", "b"), idp: "OneLogin" as SelfCheckStep["idp"] }]);
    expect(groups.map((group) => group.name)).toEqual(["Okta", "OneLogin"]);
  });

  it("sums up", () => {
    expect(summarizeSteps([step("Okta", "a"), step("Okta", "b")])).toEqual({ ok: true, text: "All 2 steps passed" });
    expect(summarizeSteps([step("Okta", "a", false)])).toEqual({ ok: false, text: "1 of 1 step failed" });
    expect(summarizeSteps([]).ok).toBe(false);
    expect(describeStatus(201)).toBe("HTTP 201");
    expect(describeStatus(null)).toBe("No response");
  });
});

describe("describeOperation", () => {
  it("reads the subject, the change and the request from a scim.operation event", () => {
    expect(
      describeOperation({ target: { type: "scimUser", id: "u1", label: "eve@acme.test" }, metadata: { method: "PATCH", resourceType: "User", change: "deactivated" } }),
    ).toEqual({ subject: "eve@acme.test", resourceType: "User", change: "deactivated", changeLabel: "Deactivated", request: "PATCH /Users" });
    expect(describeOperation({ target: { type: "scimGroup", id: "g1", label: "Admins" }, metadata: { method: "POST", resourceType: "Group", change: "created" } }).request).toBe("POST /Groups");
  });

  it("copes with missing metadata and changes it doesn't know", () => {
    expect(describeOperation({ target: { type: "scimGroup", id: "g1" }, metadata: { change: "merged" } })).toEqual({
      subject: "g1",
      resourceType: "Group",
      change: "merged",
      changeLabel: "merged",
      request: "/Groups",
    });
  });
});
