import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { api } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { attestClientIp, ATTESTED_CLIENT_IP_PARAM } from "../../lib/client-ip-attestation";
import { authEnv, createUser, newBackend, type Backend } from "../../tools/testing/convex";
import { LIMITS } from "./rateLimit";

/**
 * Every abuse limit, exceeded for real (LIMITS, no test-only values), as the
 * clients meet it: password sign-in per account and per client IP, sign-up
 * per address and per client IP, SSO start per client IP, and SCIM
 * authentication failures per connection. Each refusal is checked to change
 * nothing else, and each lockout to reach the group's audit log once.
 */
beforeAll(authEnv);

afterEach(() => {
  vi.useRealTimers();
});

const IP_A = "203.0.113.10";
const IP_B = "198.51.100.20";
const PASSWORD = "correct horse battery";

function signIn(t: Backend, params: Record<string, string>, ip = IP_A) {
  return t.withRequestMetadata({ ip }).action(api.auth.signIn, { provider: "password", params });
}

/** `{ code, message }` of a refused call, or "admitted" when it went through (whatever it answered). */
async function outcome(promise: Promise<unknown>): Promise<{ code: string; message: string } | "admitted"> {
  try {
    await promise;
    return "admitted";
  } catch (error) {
    const data = (error as { data?: { code?: string; message?: string } }).data;
    return { code: data?.code ?? "untyped", message: data?.message ?? String(error) };
  }
}

const refusedCode = async (promise: Promise<unknown>) => {
  const result = await outcome(promise);
  return result === "admitted" ? "admitted" : result.code;
};

async function latestCode(t: Backend, email: string): Promise<string> {
  const mail = await t.run(async (ctx) => (await ctx.db.query("mail").order("desc").collect()).find((m) => m.to === email));
  return /\b(\d{8})\b/.exec(mail!.text)![1]!;
}

/** A verified password account that is a member of a new group. */
async function memberAccount(t: Backend, email: string, ip = "192.0.2.1") {
  await signIn(t, { flow: "signUp", email, password: PASSWORD, name: "Member" }, ip);
  await signIn(t, { flow: "email-verification", email, code: await latestCode(t, email) }, ip);
  return await t.run(async (ctx) => {
    const user = (await ctx.db.query("users").withIndex("email", (q) => q.eq("email", email)).unique())!;
    const groupId = await ctx.db.insert("groups", { name: `Group of ${email}`, slug: email.replace(/\W/g, "-") });
    await ctx.db.insert("members", { groupId, userId: user._id, role: "member", status: "active" });
    return { userId: user._id, groupId };
  });
}

async function lockouts(t: Backend, groupId: Id<"groups">) {
  const events = await t.run((ctx) => ctx.db.query("auditEvents").withIndex("by_groupId_and_kind", (q) => q.eq("groupId", groupId).eq("kind", "auth.rate_limited")).collect());
  return events.map((event) => ({ limit: event.metadata?.limit, ip: event.metadata?.ip, target: event.target?.id, connectionId: event.connectionId, outcome: event.outcome }));
}

describe("password sign-in per account", () => {
  it(`refuses the attempt after ${LIMITS.signInPerAccount.max} wrong passwords — even the right one, from anywhere — until the window ends, and audits it once`, async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const t = newBackend();
    const ada = await memberAccount(t, "ada@example.com");
    for (let i = 0; i < LIMITS.signInPerAccount.max; i++) {
      expect(await refusedCode(signIn(t, { flow: "signIn", email: "ada@example.com", password: `guess ${i}` }))).toBe("INVALID_CREDENTIALS");
    }
    const refused = await outcome(signIn(t, { flow: "signIn", email: "ada@example.com", password: PASSWORD }, IP_B));
    expect(refused).toEqual({ code: "RATE_LIMITED", message: "Too many attempts. Try again in 60 minutes." });
    expect(await refusedCode(signIn(t, { flow: "signIn", email: "ada@example.com", password: "guess again" }))).toBe("RATE_LIMITED");
    // Refused before any check: no session was created.
    expect(await t.run((ctx) => ctx.db.query("authSessions").collect())).toHaveLength(1);
    expect(await lockouts(t, ada.groupId)).toEqual([{ limit: "signInPerAccount", ip: IP_B, target: ada.userId, connectionId: undefined, outcome: "failure" }]);

    vi.setSystemTime(Date.now() + LIMITS.signInPerAccount.windowMs);
    expect((await signIn(t, { flow: "signIn", email: "ada@example.com", password: PASSWORD }, IP_B)).tokens).toBeTruthy();
  }, 60_000);

  it("answers an address without an account the same way, so the limit reveals nothing", async () => {
    const t = newBackend();
    for (let i = 0; i < LIMITS.signInPerAccount.max; i++) {
      expect(await refusedCode(signIn(t, { flow: "signIn", email: "nobody@example.com", password: `guess ${i}` }))).toBe("INVALID_CREDENTIALS");
    }
    expect(await refusedCode(signIn(t, { flow: "signIn", email: "nobody@example.com", password: "guess" }))).toBe("RATE_LIMITED");
    expect(await t.run((ctx) => ctx.db.query("auditEvents").collect())).toEqual([]);
  }, 30_000);

  it("forgets an account's failures when its password is entered correctly", async () => {
    const t = newBackend();
    await memberAccount(t, "grace@example.com");
    for (let round = 0; round < 2; round++) {
      for (let i = 1; i < LIMITS.signInPerAccount.max; i++) {
        expect(await refusedCode(signIn(t, { flow: "signIn", email: "grace@example.com", password: `guess ${i}` }))).toBe("INVALID_CREDENTIALS");
      }
      expect((await signIn(t, { flow: "signIn", email: "grace@example.com", password: PASSWORD })).tokens).toBeTruthy();
    }
  }, 60_000);
});

describe("password sign-in per client IP", () => {
  it(`refuses a network after ${LIMITS.signInPerIp.max} failed sign-ins and codes across accounts; its own successes don't reset it; other networks go on`, async () => {
    const t = newBackend();
    await memberAccount(t, "mallory@example.com");
    const victim = await memberAccount(t, "victim@example.com");
    // Every address of one IPv6 /64 is one client.
    const address = (i: number) => `2001:db8:0:1::${(i + 1).toString(16)}`;
    const failures = LIMITS.signInPerIp.max;
    for (let i = 0; i < failures - 1; i++) {
      const params: Record<string, string> =
        i % 10 === 0 ? { flow: "email-verification", email: `user${i}@example.com`, code: "00000000" } : { flow: "signIn", email: `user${i}@example.com`, password: "guess" };
      expect(await refusedCode(signIn(t, params, address(i)))).not.toBe("RATE_LIMITED");
      // Signing in to an account of one's own in between gives back only that attempt.
      if (i % 10 === 5) expect((await signIn(t, { flow: "signIn", email: "mallory@example.com", password: PASSWORD }, address(i))).tokens).toBeTruthy();
    }
    expect(await refusedCode(signIn(t, { flow: "signIn", email: "last@example.com", password: "guess" }, address(99)))).toBe("INVALID_CREDENTIALS");

    expect(await refusedCode(signIn(t, { flow: "signIn", email: "victim@example.com", password: PASSWORD }, address(100)))).toBe("RATE_LIMITED");
    expect(await refusedCode(signIn(t, { flow: "signIn", email: "mallory@example.com", password: PASSWORD }, "2001:db8:0:1:ffff::1"))).toBe("RATE_LIMITED");
    expect(await refusedCode(signIn(t, { flow: "signIn", email: "victim@example.com", password: "guess" }, address(101)))).toBe("RATE_LIMITED");
    expect(await lockouts(t, victim.groupId)).toEqual([{ limit: "signInPerIp", ip: "2001:db8:0:1::/64", target: victim.userId, connectionId: undefined, outcome: "failure" }]);
    // The refused attempts named the victim but never counted against the account.
    expect((await signIn(t, { flow: "signIn", email: "victim@example.com", password: PASSWORD }, "2001:db8:0:2::1")).tokens).toBeTruthy();
  }, 60_000);

  it("counts the browser's address the app server attests, and a forged attestation under the caller's own address", async () => {
    const t = newBackend();
    const secret = "app-server-and-convex-shared-secret";
    process.env.AUTH_CLIENT_IP_SECRET = secret;
    try {
      const PROXY = "10.0.0.2";
      const viaProxy = (email: string, attestation: string) => signIn(t, { flow: "signIn", email, password: "guess", [ATTESTED_CLIENT_IP_PARAM]: attestation }, PROXY);
      for (let i = 0; i < LIMITS.signInPerIp.max; i++) {
        expect(await refusedCode(viaProxy(`a${i}@example.com`, await attestClientIp(secret, IP_A)))).toBe("INVALID_CREDENTIALS");
      }
      expect(await refusedCode(viaProxy("a@example.com", await attestClientIp(secret, IP_A)))).toBe("RATE_LIMITED");
      expect(await refusedCode(viaProxy("b@example.com", await attestClientIp(secret, IP_B)))).toBe("INVALID_CREDENTIALS");

      // Someone calling Convex directly makes up a new address each time: all of it counts as theirs.
      const forger = "192.0.2.99";
      const forged = (i: number) => attestClientIp("a guessed secret", `198.18.0.${i}`);
      for (let i = 0; i < LIMITS.signInPerIp.max; i++) {
        expect(await refusedCode(signIn(t, { flow: "signIn", email: `f${i}@example.com`, password: "guess", [ATTESTED_CLIENT_IP_PARAM]: await forged(i) }, forger))).toBe("INVALID_CREDENTIALS");
      }
      expect(await refusedCode(signIn(t, { flow: "signIn", email: "f@example.com", password: "guess", [ATTESTED_CLIENT_IP_PARAM]: await forged(200) }, forger))).toBe("RATE_LIMITED");
      expect(await refusedCode(signIn(t, { flow: "signIn", email: "f@example.com", password: "guess", [ATTESTED_CLIENT_IP_PARAM]: `${IP_B} 0 x` }, forger))).toBe("RATE_LIMITED");
    } finally {
      delete process.env.AUTH_CLIENT_IP_SECRET;
    }
  }, 60_000);
});

describe("password sign-up", () => {
  it(`refuses a network's sign-up after ${LIMITS.signUpPerIp.max}, creating and mailing nothing, and audits it for the address's groups`, async () => {
    const t = newBackend();
    const member = await t.run(async (ctx) => {
      const userId = await ctx.db.insert("users", { email: "member@corp.example", emailVerificationTime: Date.now() });
      const groupId = await ctx.db.insert("groups", { name: "Corp", slug: "corp" });
      await ctx.db.insert("members", { groupId, userId, role: "member", status: "active" });
      return { userId, groupId };
    });
    for (let i = 0; i < LIMITS.signUpPerIp.max; i++) {
      expect(await signIn(t, { flow: "signUp", email: `new${i}@example.com`, password: PASSWORD, name: "New" })).toEqual({ tokens: null });
    }
    const before = await t.run(async (ctx) => ({ accounts: (await ctx.db.query("authAccounts").collect()).length, mail: (await ctx.db.query("mail").collect()).length }));
    expect(await outcome(signIn(t, { flow: "signUp", email: "member@corp.example", password: PASSWORD, name: "New" }))).toEqual({
      code: "RATE_LIMITED",
      message: "Too many attempts. Try again in 15 minutes.",
    });
    expect(await refusedCode(signIn(t, { flow: "signUp", email: "member@corp.example", password: PASSWORD, name: "New" }))).toBe("RATE_LIMITED");
    const after = await t.run(async (ctx) => ({ accounts: (await ctx.db.query("authAccounts").collect()).length, mail: (await ctx.db.query("mail").collect()).length }));
    expect(after).toEqual(before);
    expect(await lockouts(t, member.groupId)).toEqual([{ limit: "signUpPerIp", ip: IP_A, target: member.userId, connectionId: undefined, outcome: "failure" }]);
    expect(await signIn(t, { flow: "signUp", email: "member@corp.example", password: PASSWORD, name: "New" }, IP_B)).toEqual({ tokens: null });
  }, 90_000);

  it(`audits the per-address limit (${LIMITS.signUpPerEmail.max}) for the address's groups, once`, async () => {
    const t = newBackend();
    const member = await memberAccount(t, "owner@example.com");
    for (let i = 1; i < LIMITS.signUpPerEmail.max; i++) await signIn(t, { flow: "signUp", email: "owner@example.com", password: PASSWORD, name: "X" }, `192.0.2.${i}`);
    for (let i = 0; i < 3; i++) {
      expect(await refusedCode(signIn(t, { flow: "signUp", email: "owner@example.com", password: PASSWORD, name: "X" }, `198.51.100.${i}`))).toBe("RATE_LIMITED");
    }
    expect(await lockouts(t, member.groupId)).toEqual([{ limit: "signUpPerEmail", ip: "198.51.100.0", target: member.userId, connectionId: undefined, outcome: "failure" }]);
  }, 60_000);
});

describe("SSO start per client IP", () => {
  async function groupWithConnection(t: Backend) {
    const admin = await createUser(t, { email: "admin@corp.example" });
    const { groupId } = await admin.client.mutation(api.groups.create, { name: "Corp" });
    const connectionId = await admin.client.mutation(api.auth.group.createConnection, { groupId, protocol: "oidc", name: "Okta" });
    return { groupId, connectionId: connectionId as Id<"connections"> };
  }

  const start = async (t: Backend, connectionId: string, ip = IP_A) => {
    const response = await t.withRequestMetadata({ ip }).fetch(`/api/auth/sso/${connectionId}/start`);
    return new URL(response.headers.get("location")!).searchParams.get("sso_error");
  };

  it(`sends the browser back with sso_error=rate_limited after ${LIMITS.ssoStartPerIp.max} starts, storing nothing, until the window ends; audited once on the connection`, async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const t = newBackend();
    const { groupId, connectionId } = await groupWithConnection(t);
    // A draft connection: each admitted start is answered (and audited) as unavailable.
    for (let i = 0; i < LIMITS.ssoStartPerIp.max; i++) expect(await start(t, connectionId)).toBe("connection_unavailable");
    const written = () => t.run(async (ctx) => ({ states: (await ctx.db.query("ssoStates").collect()).length, events: (await ctx.db.query("auditEvents").collect()).length }));
    const before = await written();
    for (let i = 0; i < 3; i++) expect(await start(t, connectionId)).toBe("rate_limited");
    expect(await written()).toEqual({ ...before, events: before.events + 1 });
    expect(await lockouts(t, groupId)).toEqual([{ limit: "ssoStartPerIp", ip: IP_A, target: connectionId, connectionId, outcome: "failure" }]);
    expect(await start(t, "not-a-connection")).toBe("rate_limited");
    expect(await start(t, connectionId, IP_B)).toBe("connection_unavailable");

    vi.setSystemTime(Date.now() + LIMITS.ssoStartPerIp.windowMs);
    expect(await start(t, connectionId)).toBe("connection_unavailable");
  }, 60_000);
});

describe("SCIM authentication failures per connection", () => {
  async function scimConnection(t: Backend) {
    const admin = await createUser(t, { email: "admin@contoso.test" });
    const { groupId } = await admin.client.mutation(api.groups.create, { name: "Contoso" });
    const connectionId = (await admin.client.mutation(api.auth.group.createConnection, { groupId, protocol: "oidc", name: "Entra" })) as Id<"connections">;
    const { token } = await admin.client.mutation(api.auth.group.setScim, { connectionId });
    return { groupId, connectionId, token: token! };
  }

  const request = async (t: Backend, path: string, token: string | null, method = "GET") => {
    const response = await t.withRequestMetadata({ ip: IP_A }).fetch(path, {
      method,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      ...(method === "POST" ? { body: "{}" } : {}),
    });
    const text = await response.text();
    return { status: response.status, retryAfter: response.headers.get("retry-after"), body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
  };

  it(`answers 429 with Retry-After after ${LIMITS.scimAuthFailuresPerConnection.max} failures, still serves the valid token, audits once, and lifts when the window ends`, async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const t = newBackend();
    const { groupId, connectionId, token } = await scimConnection(t);
    const users = `/scim/v2/${connectionId}/Users`;
    for (let i = 0; i < LIMITS.scimAuthFailuresPerConnection.max; i++) {
      expect((await request(t, users, i % 2 === 0 ? `wrong-${i}` : null)).status).toBe(401);
    }
    vi.setSystemTime(Date.now() + 60_000);
    const limited = await request(t, users, "wrong");
    expect(limited).toEqual({
      status: 429,
      retryAfter: String(LIMITS.scimAuthFailuresPerConnection.windowMs / 1000 - 60),
      body: {
        schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"],
        status: "429",
        detail: `Too many requests without a valid bearer token for this connection. Retry in ${LIMITS.scimAuthFailuresPerConnection.windowMs / 1000 - 60} seconds with a valid token.`,
      },
    });
    expect((await request(t, users, null, "POST")).status).toBe(429);
    expect((await request(t, `${users}?count=1`, token)).status).toBe(200);
    expect(await lockouts(t, groupId)).toEqual([{ limit: "scimAuthFailuresPerConnection", ip: IP_A, target: connectionId, connectionId, outcome: "failure" }]);

    vi.setSystemTime(Date.now() + LIMITS.scimAuthFailuresPerConnection.windowMs);
    expect((await request(t, users, "wrong")).status).toBe(401);
  }, 60_000);

  it("keeps no counter for a connection id that names nothing", async () => {
    const t = newBackend();
    for (let i = 0; i <= LIMITS.scimAuthFailuresPerConnection.max; i++) expect((await request(t, "/scim/v2/made-up/Users", "wrong")).status).toBe(401);
    expect(await t.run((ctx) => ctx.db.query("rateLimits").collect())).toEqual([]);
  });
});
