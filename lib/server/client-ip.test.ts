import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { ATTESTED_CLIENT_IP_PARAM, verifyClientIp } from "@/lib/client-ip-attestation";
import { clientIp, withAttestedClientIp } from "./client-ip";

const SECRET = "a shared secret of the app server and Convex";
const ENV = { AUTH_CLIENT_IP_HEADER: "x-real-ip", AUTH_CLIENT_IP_SECRET: SECRET };

function authPost(body: unknown, headers: Record<string, string> = {}, path = "/api/auth") {
  return new NextRequest(`http://localhost:3000${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

const passwordSignIn = (params: Record<string, unknown>) => ({
  action: "auth:signIn",
  args: { provider: "password", params: { flow: "signIn", email: "ada@example.com", password: "pw", ...params } },
});

async function paramsOf(request: NextRequest): Promise<Record<string, unknown>> {
  return ((await request.json()) as { args: { params: Record<string, unknown> } }).args.params;
}

describe("the proxy's client IP for password sign-in", () => {
  it("adds the trusted header's address, signed, and keeps the rest of the call", async () => {
    const request = await withAttestedClientIp(authPost(passwordSignIn({}), { "x-real-ip": "203.0.113.9" }), ENV);
    const params = await paramsOf(request);
    expect(params).toMatchObject({ flow: "signIn", email: "ada@example.com", password: "pw" });
    expect(await verifyClientIp(SECRET, String(params[ATTESTED_CLIENT_IP_PARAM]))).toBe("203.0.113.9");
    expect(request.nextUrl.pathname).toBe("/api/auth");
  });

  it("drops an attestation the browser sent, and adds none without the header or the secret", async () => {
    const forged = passwordSignIn({ [ATTESTED_CLIENT_IP_PARAM]: "198.51.100.1 0 forged" });
    const cases: Array<{ headers: Record<string, string>; env: Record<string, string> }> = [
      { headers: { "x-real-ip": "203.0.113.9" }, env: { AUTH_CLIENT_IP_HEADER: "x-real-ip" } },
      { headers: { "x-real-ip": "203.0.113.9" }, env: { AUTH_CLIENT_IP_SECRET: SECRET } },
      { headers: {}, env: ENV },
      { headers: { "x-forwarded-for": "203.0.113.9" }, env: ENV },
    ];
    for (const { headers, env } of cases) {
      const params = await paramsOf(await withAttestedClientIp(authPost(forged, headers), env));
      expect(params).not.toHaveProperty(ATTESTED_CLIENT_IP_PARAM);
      expect(params).toMatchObject({ email: "ada@example.com" });
    }
  });

  it("leaves other requests alone", async () => {
    const others = [
      authPost({ action: "auth:signIn", args: { provider: "sso", params: { code: "x" } } }, { "x-real-ip": "203.0.113.9" }),
      authPost({ action: "auth:signOut", args: {} }, { "x-real-ip": "203.0.113.9" }),
      authPost(passwordSignIn({}), { "x-real-ip": "203.0.113.9" }, "/api/other"),
      new NextRequest("http://localhost:3000/api/auth", { method: "POST", body: "not json" }),
      new NextRequest("http://localhost:3000/dashboard"),
    ];
    for (const request of others) expect(await withAttestedClientIp(request, ENV)).toBe(request);
  });

  it("takes the rightmost address of the trusted header: the one the edge in front of Next.js saw", () => {
    const headers = new Headers({ "x-forwarded-for": "198.51.100.1, 203.0.113.9", "x-real-ip": "not an address" });
    expect(clientIp(headers, "x-forwarded-for")).toBe("203.0.113.9");
    expect(clientIp(headers, "x-real-ip")).toBeNull();
    expect(clientIp(headers, "cf-connecting-ip")).toBeNull();
    expect(clientIp(headers, undefined)).toBeNull();
    expect(clientIp(new Headers({ "x-real-ip": "2001:db8::7" }), "x-real-ip")).toBe("2001:db8::7");
  });
});
