import { ConvexError } from "convex/values";
import { describe, expect, it } from "vitest";
import { appError } from "./errors";

describe("appError", () => {
  it("reads ConvexError data", () => {
    expect(appError(new ConvexError({ code: "FORBIDDEN", message: "No." }))).toEqual({ code: "FORBIDDEN", message: "No." });
  });

  it("reads the JSON the Next.js auth proxy forwards as text", () => {
    const text = '[CONVEX A(auth:signIn)] [Request ID: 1] Server Error\nUncaught ConvexError: {"code":"INVALID_CREDENTIALS","message":"Wrong email or password."}\n  Called by client';
    expect(appError(new Error(text))).toEqual({ code: "INVALID_CREDENTIALS", message: "Wrong email or password." });
  });

  it("falls back to a generic error", () => {
    expect(appError(new Error("socket hang up")).code).toBe("UNKNOWN");
    expect(appError(undefined).code).toBe("UNKNOWN");
  });
});
