import { describe, expect, it } from "vitest";
import { isScimProviderId, SCIM_INSTRUCTIONS, SCIM_INSTRUCTIONS_BY_ID } from "./instructions";

describe("SCIM instructions", () => {
  it("covers the six providers, each once, the catch-all last", () => {
    expect(SCIM_INSTRUCTIONS.map((instructions) => instructions.id)).toEqual(["entra", "okta", "google", "onelogin", "jumpcloud", "generic"]);
    expect(Object.keys(SCIM_INSTRUCTIONS_BY_ID)).toHaveLength(SCIM_INSTRUCTIONS.length);
  });

  it("names each provider's own fields for the base URL and the token", () => {
    expect(SCIM_INSTRUCTIONS_BY_ID.entra.terms).toEqual({ baseUrl: "Tenant URL", token: "Secret Token" });
    expect(SCIM_INSTRUCTIONS_BY_ID.okta.terms.baseUrl).toBe("SCIM connector base URL");
    expect(SCIM_INSTRUCTIONS_BY_ID.okta.terms.token).toMatch(/^Bearer token/);
    expect(SCIM_INSTRUCTIONS_BY_ID.google.terms).toEqual({ baseUrl: "Endpoint URL", token: "Access token" });
    expect(SCIM_INSTRUCTIONS_BY_ID.onelogin.terms).toEqual({ baseUrl: "SCIM Base URL", token: "SCIM Bearer Token" });
    expect(SCIM_INSTRUCTIONS_BY_ID.jumpcloud.terms).toEqual({ baseUrl: "Base URL", token: "Token Key" });
  });

  it.each(SCIM_INSTRUCTIONS.map((instructions) => [instructions.id, instructions] as const))(
    "%s: the steps say where the base URL and the token go, and what becomes userName",
    (_id, instructions) => {
      const text = instructions.steps.join("\n");
      expect(instructions.steps.length).toBeGreaterThanOrEqual(4);
      expect(text).toContain("base URL");
      expect(text).toContain("token");
      // The term itself where the provider has a field of that name (the catch-all describes the header instead).
      if (instructions.id !== "generic") {
        expect(text).toContain(instructions.terms.baseUrl);
        expect(text).toContain(instructions.terms.token.replace(/ \(.*\)$/, ""));
      }
      expect(instructions.userName).toMatch(/email|userPrincipalName/i);
    },
  );

  it("tells Okta to match on userName, and Entra to keep userName as the matching attribute", () => {
    expect(SCIM_INSTRUCTIONS_BY_ID.okta.steps.join(" ")).toContain("userName as the Unique identifier field for users");
    expect(SCIM_INSTRUCTIONS_BY_ID.entra.steps.join(" ")).toMatch(/keep userName as the matching attribute/);
  });

  it("says plainly that Google Workspace provisions only catalog apps", () => {
    expect(SCIM_INSTRUCTIONS_BY_ID.google.note).toMatch(/only for apps from its own catalog/);
  });

  it("recognizes the provider ids, and nothing else", () => {
    expect(isScimProviderId("okta")).toBe(true);
    expect(isScimProviderId("generic")).toBe(true);
    expect(isScimProviderId("toString")).toBe(false);
    expect(isScimProviderId("")).toBe(false);
  });
});
