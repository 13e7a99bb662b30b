import { describe, expect, it } from "vitest";
import { detectDeployment } from "./deployment";

describe("detectDeployment", () => {
  it("uses the embedded backend when nothing is configured", () => {
    expect(detectDeployment({}, {})).toEqual({ kind: "embedded" });
  });

  it("uses the real deployment when CONVEX_DEPLOYMENT is in .env.local", () => {
    const deployment = detectDeployment({}, { CONVEX_DEPLOYMENT: "dev:happy-otter-123" });
    expect(deployment).toEqual({ kind: "real", reason: "CONVEX_DEPLOYMENT is set (.env.local)" });
  });

  it("uses the real deployment when CONVEX_DEPLOYMENT is in the environment", () => {
    expect(detectDeployment({ CONVEX_DEPLOYMENT: "dev:happy-otter-123" }, {}).kind).toBe("real");
  });

  it("uses a self-hosted backend, even on localhost", () => {
    const envLocal = {
      CONVEX_SELF_HOSTED_URL: "http://127.0.0.1:3210",
      NEXT_PUBLIC_CONVEX_URL: "http://127.0.0.1:3210",
    };
    expect(detectDeployment({}, envLocal)).toEqual({
      kind: "real",
      reason: "CONVEX_SELF_HOSTED_URL is set (.env.local)",
    });
  });

  it("uses the real deployment when NEXT_PUBLIC_CONVEX_URL points to a remote host", () => {
    const url = "https://happy-otter-123.convex.cloud";
    expect(detectDeployment({}, { NEXT_PUBLIC_CONVEX_URL: url })).toEqual({
      kind: "real",
      reason: `NEXT_PUBLIC_CONVEX_URL points to ${url} (.env.local)`,
    });
    expect(detectDeployment({ NEXT_PUBLIC_CONVEX_URL: url }, {}).kind).toBe("real");
  });

  it.each(["http://127.0.0.1:3210", "http://localhost:3210", "http://[::1]:3210"])(
    "uses the embedded backend when NEXT_PUBLIC_CONVEX_URL is local (%s)",
    (url) => {
      expect(detectDeployment({ NEXT_PUBLIC_CONVEX_URL: url }, {})).toEqual({ kind: "embedded" });
      expect(detectDeployment({}, { NEXT_PUBLIC_CONVEX_URL: url })).toEqual({ kind: "embedded" });
    },
  );

  it("lets the environment override .env.local, even with an empty value", () => {
    const envLocal = {
      CONVEX_DEPLOYMENT: "dev:happy-otter-123",
      NEXT_PUBLIC_CONVEX_URL: "https://happy-otter-123.convex.cloud",
    };
    const processEnv = { CONVEX_DEPLOYMENT: "", NEXT_PUBLIC_CONVEX_URL: "http://127.0.0.1:3310" };
    expect(detectDeployment(processEnv, envLocal)).toEqual({ kind: "embedded" });
  });

  it("explains a malformed NEXT_PUBLIC_CONVEX_URL", () => {
    expect(() => detectDeployment({}, { NEXT_PUBLIC_CONVEX_URL: "happy-otter" })).toThrow(
      'NEXT_PUBLIC_CONVEX_URL (.env.local) is not a valid URL: "happy-otter".',
    );
  });
});
