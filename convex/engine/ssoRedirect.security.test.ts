import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { parseRedirectTo } from "../../lib/redirect";
import { authEnv, errorCode, newBackend, SITE_URL, type Backend } from "../../tools/testing/convex";
import { api, internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";

/**
 * `redirectTo` through the SSO flow, where it crosses three hops: the
 * `signIn` query (refuses an unsafe one), the start route (stores only a safe
 * one in the state) and the hand-off to /sso/complete (carries what was
 * stored). Arbitrary values go in at the start route, as anyone can type
 * them into a URL; what comes out at the end must be a path on our site.
 * The OIDC connection has its IdP metadata cached, so nothing leaves the
 * process: the IdP's answer is stood in for by calling the flow's last step
 * with claims, which is the part under test.
 */
const SEED = 1601;
const ISSUER = "https://idp.example.com";

beforeAll(authEnv);

async function setUp() {
  const t = newBackend();
  const { connectionId } = await t.run(async (ctx) => {
    const groupId = await ctx.db.insert("groups", { name: "Acme", slug: "acme" });
    const connectionId = await ctx.db.insert("connections", {
      groupId,
      name: "Acme IdP",
      protocol: "oidc",
      status: "active",
      oidc: {
        discovery: { issuer: ISSUER },
        client: { id: "app", authMethod: "client_secret_basic" },
        request: { scopes: ["openid", "email"], loginHint: true },
        security: { clockToleranceSeconds: 60, strictIssuer: true },
        profile: { mapping: { subject: "sub", email: "email" } },
        discovered: { issuer: ISSUER, authorizationEndpoint: `${ISSUER}/authorize`, tokenEndpoint: `${ISSUER}/token`, jwksUri: `${ISSUER}/jwks`, fetchedTime: Date.now() },
      },
    });
    await ctx.db.insert("domains", { domain: "acme.test", groupId, connectionId, isPrimary: true, status: "verified", verifiedTime: Date.now() });
    return { connectionId };
  });
  return { t, connectionId };
}

/** Start → (IdP) → complete, with `redirectTo` as typed into the start URL; returns where the browser lands. */
async function signInWith(t: Backend, connectionId: Id<"connections">, redirectTo: string): Promise<URL> {
  const started = await t.fetch(`/api/auth/sso/${connectionId}/start?${new URLSearchParams({ redirectTo })}`);
  expect(started.status).toBe(302);
  expect(new URL(started.headers.get("location")!).origin).toBe(ISSUER);
  const state = (await t.run(async (ctx) => await ctx.db.query("ssoStates").order("desc").first()))!;
  // Stored only when safe.
  if (state.redirectTo !== undefined) expect(parseRedirectTo(state.redirectTo)).toBe(state.redirectTo);
  const claims = JSON.stringify({ sub: "u-1", email: "ada@acme.test", email_verified: true });
  return new URL(await t.mutation(internal.engine.ssoFlow.complete, { stateId: state._id, claims }));
}

const hostile = fc.oneof(
  fc.array(fc.constantFrom("/", "//", "\\", "/\\", "%2F", "%5C", "\t", "\n", "evil.example", "https:", "@", "..", "dashboard", "?x=1", "#f"), { maxLength: 6 }).map((parts) => parts.join("")),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.webUrl(),
);

describe("redirectTo through the SSO flow", () => {
  it("only a same-site path reaches /sso/complete", async () => {
    const { t, connectionId } = await setUp();
    await fc.assert(
      fc.asyncProperty(hostile, async (redirectTo) => {
        const landing = await signInWith(t, connectionId, redirectTo);
        expect(landing.origin).toBe(SITE_URL);
        expect(landing.pathname).toBe("/sso/complete");
        const carried = landing.searchParams.get("redirectTo");
        if (carried !== null) {
          expect(carried).toBe(redirectTo);
          expect(parseRedirectTo(carried)).toBe(carried);
          expect(new URL(carried, SITE_URL).origin).toBe(SITE_URL);
        }
      }),
      { seed: SEED, numRuns: 50 },
    );
  });

  it.each(["//evil.example", "/\\evil.example", "https://evil.example/", "/%2F%2Fevil.example", "/\t/evil.example"])("drops %j at the start route, and the signIn query refuses it", async (redirectTo) => {
    const { t, connectionId } = await setUp();
    expect((await signInWith(t, connectionId, redirectTo)).searchParams.get("redirectTo")).toBeNull();
    expect(await errorCode(t.query(api.auth.group.signIn, { email: "ada@acme.test", redirectTo }))).toBe("INVALID_INPUT");
  });

  it("keeps a same-site path with its query", async () => {
    const { t, connectionId } = await setUp();
    expect((await signInWith(t, connectionId, "/settings/members?tab=invites")).searchParams.get("redirectTo")).toBe("/settings/members?tab=invites");
  });
});
