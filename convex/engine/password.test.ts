import { beforeAll, describe, expect, it } from "vitest";
import { api } from "../_generated/api";
import { DEFAULT_POLICY } from "./policyShape";
import { authEnv, errorCode, newBackend, type Backend } from "../../tools/testing/convex";

beforeAll(authEnv);

const signIn = (t: Backend, params: Record<string, string>) => t.action(api.auth.signIn, { provider: "password", params });

async function latestMail(t: Backend, to: string) {
  return await t.run(async (ctx) => (await ctx.db.query("mail").order("desc").collect()).find((mail) => mail.to === to) ?? null);
}

function codeIn(text: string): string {
  return text.match(/\b(\d{8})\b/)![1]!;
}

async function signUpAndVerify(t: Backend, email: string, password = "correct horse battery") {
  expect(await signIn(t, { flow: "signUp", email, password, name: "Ada" })).toEqual({ tokens: null });
  const code = codeIn((await latestMail(t, email))!.text);
  return await signIn(t, { flow: "email-verification", email, code });
}

describe("password sign-up", () => {
  it("signs in only after the emailed code is entered", async () => {
    const t = newBackend();
    expect(await signIn(t, { flow: "signUp", email: "Ada@Example.com ", password: "correct horse battery", name: "Ada" })).toEqual({
      tokens: null,
    });
    const mail = (await latestMail(t, "ada@example.com"))!;
    expect(mail.subject).toMatch(/verification code/);
    expect(await errorCode(signIn(t, { flow: "signIn", email: "ada@example.com", password: "wrong password" }))).toBe("INVALID_CREDENTIALS");
    expect(await errorCode(signIn(t, { flow: "email-verification", email: "ada@example.com", code: "00000000" }))).toBe("INVALID_CODE");
    const result = await signIn(t, { flow: "email-verification", email: "ada@example.com", code: codeIn(mail.text) });
    expect(result.tokens?.token).toBeTruthy();
    const users = await t.run((ctx) => ctx.db.query("users").collect());
    expect(users).toHaveLength(1);
    expect(users[0]).toMatchObject({ email: "ada@example.com", name: "Ada" });
  }, 30_000);

  it("answers a sign-up for a registered address exactly like a new one, and changes nothing", async () => {
    const t = newBackend();
    await signUpAndVerify(t, "grace@example.com", "first password 1");
    const again = await signIn(t, { flow: "signUp", email: "grace@example.com", password: "attacker password", name: "Mallory" });
    expect(again).toEqual({ tokens: null });
    const mail = (await latestMail(t, "grace@example.com"))!;
    expect(mail.subject).toBe("You already have an account");
    expect(mail.text).not.toMatch(/\d{8}/);
    expect(await errorCode(signIn(t, { flow: "signIn", email: "grace@example.com", password: "attacker password" }))).toBe("INVALID_CREDENTIALS");
    expect((await signIn(t, { flow: "signIn", email: "grace@example.com", password: "first password 1" })).tokens).toBeTruthy();
    const users = await t.run((ctx) => ctx.db.query("users").collect());
    expect(users.map((u) => u.name)).toEqual(["Ada"]);
  }, 30_000);

  it("adds a password to a user SSO provisioned instead of creating a second one", async () => {
    const t = newBackend();
    const ssoUserId = await t.run((ctx) => ctx.db.insert("users", { email: "sso@example.com", name: "From the IdP", emailVerificationTime: Date.now() }));
    expect(await signIn(t, { flow: "signUp", email: "sso@example.com", password: "attacker password", name: "Mallory" })).toEqual({ tokens: null });
    // Before the code is entered nothing about the user changed, and the password doesn't work.
    expect(await t.run((ctx) => ctx.db.get(ssoUserId))).toMatchObject({ name: "From the IdP" });
    expect((await signIn(t, { flow: "signIn", email: "sso@example.com", password: "attacker password" })).tokens ?? null).toBeNull();
    const code = codeIn((await latestMail(t, "sso@example.com"))!.text);
    expect((await signIn(t, { flow: "email-verification", email: "sso@example.com", code })).tokens).toBeTruthy();
    const users = await t.run((ctx) => ctx.db.query("users").collect());
    expect(users.map((user) => [user._id, user.name])).toEqual([[ssoUserId, "From the IdP"]]);
  }, 30_000);

  it("lets the address owner take over an unverified sign-up", async () => {
    const t = newBackend();
    await signIn(t, { flow: "signUp", email: "owner@example.com", password: "squatter password", name: "Squatter" });
    await signUpAndVerify(t, "owner@example.com", "owner password 1");
    expect(await errorCode(signIn(t, { flow: "signIn", email: "owner@example.com", password: "squatter password" }))).toBe("INVALID_CREDENTIALS");
    expect((await signIn(t, { flow: "signIn", email: "owner@example.com", password: "owner password 1" })).tokens).toBeTruthy();
    expect((await t.run((ctx) => ctx.db.query("users").collect())).map((u) => u.name)).toEqual(["Ada"]);
  }, 30_000);

  it("mails a code instead of signing in an unverified account", async () => {
    const t = newBackend();
    await signIn(t, { flow: "signUp", email: "slow@example.com", password: "correct horse battery", name: "Slow" });
    expect(await signIn(t, { flow: "signIn", email: "slow@example.com", password: "correct horse battery" })).toEqual({ tokens: null });
    expect((await t.run((ctx) => ctx.db.query("mail").collect())).filter((m) => m.to === "slow@example.com")).toHaveLength(2);
  }, 30_000);

  it("refuses addresses on a verified domain that enforces SSO, except the group's owners with break-glass", async () => {
    const t = newBackend();
    await signUpAndVerify(t, "owner@corp.example", "owner password 1");
    await t.run(async (ctx) => {
      const owner = (await ctx.db.query("users").collect())[0]!;
      const groupId = await ctx.db.insert("groups", { name: "Corp", slug: "corp" });
      await ctx.db.insert("members", { groupId, userId: owner._id, role: "owner", status: "active" });
      const connectionId = await ctx.db.insert("connections", { groupId, name: "Okta", protocol: "oidc", status: "active" });
      await ctx.db.insert("domains", { domain: "corp.example", groupId, connectionId, isPrimary: true, status: "verified" });
      await ctx.db.insert("policies", { groupId, ...DEFAULT_POLICY, ssoEnforced: true });
      const other = await ctx.db.insert("groups", { name: "Pending", slug: "pending" });
      const otherConnection = await ctx.db.insert("connections", { groupId: other, name: "X", protocol: "saml", status: "draft" });
      await ctx.db.insert("domains", { domain: "pending.example", groupId: other, connectionId: otherConnection, isPrimary: true, status: "pending" });
      await ctx.db.insert("policies", { groupId: other, ...DEFAULT_POLICY, ssoEnforced: true });
    });
    expect(await errorCode(signIn(t, { flow: "signUp", email: "dev@corp.example", password: "correct horse battery", name: "Dev" }))).toBe(
      "SSO_REQUIRED",
    );
    expect(await errorCode(signIn(t, { flow: "signIn", email: "dev@corp.example", password: "whatever password" }))).toBe("SSO_REQUIRED");
    expect((await t.run((ctx) => ctx.db.query("users").collect())).map((u) => u.email)).toEqual(["owner@corp.example"]);
    // The owner's password still works (break-glass), and the log says so.
    expect((await signIn(t, { flow: "signIn", email: "owner@corp.example", password: "owner password 1" })).tokens).toBeTruthy();
    const events = await t.run((ctx) => ctx.db.query("auditEvents").collect());
    expect(events.map((e) => [e.kind, e.actor.label])).toEqual([["login.break_glass", "owner@corp.example"]]);
    // An unverified claim enforces nothing.
    expect(await signIn(t, { flow: "signUp", email: "dev@pending.example", password: "correct horse battery", name: "Dev" })).toEqual({
      tokens: null,
    });
  }, 30_000);

  it("rate-limits sign-up per address", async () => {
    const t = newBackend();
    for (let i = 0; i < 5; i++) {
      await signIn(t, { flow: "signUp", email: "spam@example.com", password: "correct horse battery", name: "Spam" });
    }
    expect(await errorCode(signIn(t, { flow: "signUp", email: "spam@example.com", password: "correct horse battery", name: "Spam" }))).toBe(
      "RATE_LIMITED",
    );
  }, 60_000);

  it("rejects malformed input without writing anything", async () => {
    const t = newBackend();
    expect(await errorCode(signIn(t, { flow: "signUp", email: "not-an-email", password: "correct horse battery", name: "X" }))).toBe("INVALID_INPUT");
    expect(await errorCode(signIn(t, { flow: "signUp", email: "a@example.com", password: "short", name: "X" }))).toBe("INVALID_INPUT");
    expect(await errorCode(signIn(t, { flow: "nonsense", email: "a@example.com" }))).toBe("INVALID_INPUT");
    expect(await errorCode(signIn(t, { flow: "email-verification", email: "a@example.com", code: "12" }))).toBe("INVALID_INPUT");
    expect(await t.run((ctx) => ctx.db.query("users").collect())).toEqual([]);
    expect(await t.run((ctx) => ctx.db.query("mail").collect())).toEqual([]);
  });
});
