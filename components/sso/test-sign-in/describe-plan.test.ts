import { describe, expect, it } from "vitest";
import { describeMembership, describeRule, describeUser } from "./describe-plan";

describe("describe-plan", () => {
  it("says what happens to the user", () => {
    expect(describeUser({ action: "create", email: "alice@acme.test" })).toBe("Would create a new user alice@acme.test.");
    expect(describeUser({ action: "link", email: "bob@acme.test" })).toBe("Would link to the existing account bob@acme.test.");
    expect(describeUser({ action: "existing", email: "carol@acme.test" })).toBe("Signs in as the existing user carol@acme.test.");
    expect(describeUser({ action: "existing" })).toBe("Signs in as the existing user already linked to this identity.");
  });

  it("says what happens to the membership", () => {
    expect(describeMembership({ action: "create", role: "member" })).toBe("Would add them as a member.");
    expect(describeMembership({ action: "create", role: "admin" })).toBe("Would add them as an admin.");
    expect(describeMembership({ action: "update", role: "member", previousRole: "admin" })).toBe(
      "Would change their role: admin → member.",
    );
    expect(describeMembership({ action: "existing", role: "owner" })).toBe("Keeps their role: owner.");
  });

  it("names the matched rule, or the default", () => {
    expect(describeRule("groups: engineering-admins → admin")).toBe(
      "The role comes from the role mapping rule groups: engineering-admins → admin.",
    );
    expect(describeRule(undefined)).toBe("No role mapping rule matched: the role comes from the policy's default.");
  });
});
