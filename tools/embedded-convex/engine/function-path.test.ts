import { describe, expect, it } from "vitest";
import { parseFunctionPath } from "./function-path";

describe("parseFunctionPath", () => {
  it("accepts the forms clients send and canonicalizes them", () => {
    expect(parseFunctionPath("messages:list")?.canonical).toBe("messages:list");
    expect(parseFunctionPath("auth/group.js:signIn")).toEqual({ modulePath: "auth/group", exportName: "signIn", canonical: "auth/group:signIn" });
    expect(parseFunctionPath("jobs")?.canonical).toBe("jobs:default");
  });

  it("rejects anything that is not a module path and export name", () => {
    for (const bad of ["", ":list", "../secret:x", "a//b:c", "a:b:c", "mod:1x", "a b:c", 42, null, "x".repeat(2000)]) {
      expect(parseFunctionPath(bad)).toBeNull();
    }
  });
});
