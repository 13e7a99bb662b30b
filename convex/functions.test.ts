import { beforeAll, describe, expect, it } from "vitest";
import { api } from "./_generated/api";
import { as, authEnv, createUser, errorCode, newBackend } from "../tools/testing/convex";

beforeAll(authEnv);

/**
 * authQuery / authMutation / authAction accept a caller only while their
 * session exists and their account is active: losing either takes effect on
 * the very next call, not when the JWT expires.
 */
describe("signed-in functions", () => {
  it("refuse anonymous callers and callers with a forged subject", async () => {
    const t = newBackend();
    expect(await errorCode(t.query(api.groups.mine, {}))).toBe("NOT_SIGNED_IN");
    expect(await errorCode(t.mutation(api.groups.create, { name: "Acme" }))).toBe("NOT_SIGNED_IN");
    const { userId } = await createUser(t, { email: "a@example.com" });
    const forgedSession = await t.run(async (ctx) => {
      const other = await ctx.db.insert("users", { email: "b@example.com" });
      return await ctx.db.insert("authSessions", { userId: other, expirationTime: Date.now() + 60_000 });
    });
    expect(await errorCode(as(t, userId, forgedSession).query(api.groups.mine, {}))).toBe("NOT_SIGNED_IN");
    expect(await errorCode(t.withIdentity({ subject: "garbage" }).query(api.groups.mine, {}))).toBe("NOT_SIGNED_IN");
  });

  it("stop working once the session is gone (sign-out elsewhere)", async () => {
    const t = newBackend();
    const user = await createUser(t, { email: "a@example.com" });
    const laptop = await t.run((ctx) => ctx.db.insert("authSessions", { userId: user.userId, expirationTime: Date.now() + 60_000 }));
    expect(await user.client.query(api.groups.mine, {})).toEqual([]);
    expect(await user.client.mutation(api.users.endOtherSessions, {})).toBe(1);
    expect(await errorCode(as(t, user.userId, laptop).query(api.groups.mine, {}))).toBe("NOT_SIGNED_IN");
    expect(await user.client.query(api.groups.mine, {})).toEqual([]);
    expect((await user.client.query(api.users.sessions, {})).map((s) => s.current)).toEqual([true]);
  });

  it("stop working at once for a deactivated user", async () => {
    const t = newBackend();
    const user = await createUser(t, { email: "a@example.com" });
    await t.run((ctx) => ctx.db.patch(user.userId, { status: "deactivated" }));
    expect(await errorCode(user.client.query(api.groups.mine, {}))).toBe("NOT_SIGNED_IN");
    expect(await user.client.query(api.users.viewer, {})).toBeNull();
  });

  it("stop working when the session expires", async () => {
    const t = newBackend();
    const user = await createUser(t, { email: "a@example.com" });
    await t.run((ctx) => ctx.db.patch(user.sessionId, { expirationTime: Date.now() - 1 }));
    expect(await errorCode(user.client.mutation(api.groups.create, { name: "Acme" }))).toBe("NOT_SIGNED_IN");
  });

  it("work end to end with a session from password sign-in, until sign-out", async () => {
    const t = newBackend();
    await t.action(api.auth.signIn, { provider: "password", params: { flow: "signUp", email: "ada@example.com", password: "correct horse battery", name: "Ada" } });
    const mail = await t.run(async (ctx) => (await ctx.db.query("mail").collect())[0]!);
    const { tokens } = await t.action(api.auth.signIn, {
      provider: "password",
      params: { flow: "email-verification", email: "ada@example.com", code: mail.text.match(/\d{8}/)![0] },
    });
    const [userId, sessionId] = JSON.parse(atob(tokens!.token.split(".")[1]!.replace(/-/g, "+").replace(/_/g, "/"))).sub.split("|");
    const ada = as(t, userId, sessionId);
    expect(await ada.query(api.users.viewer, {})).toMatchObject({ email: "ada@example.com", name: "Ada" });
    expect(await ada.query(api.auth.isAuthenticated, {})).toBe(true);
    await ada.action(api.auth.signOut, {});
    expect(await errorCode(ada.query(api.groups.mine, {}))).toBe("NOT_SIGNED_IN");
    // The Next.js proxy's check sees it too, though the JWT has not expired.
    expect(await ada.query(api.auth.isAuthenticated, {})).toBe(false);
  }, 30_000);
});
