import { describe, expect, it } from "vitest";
import { api } from "../_generated/api";
import { auth } from "../auth";
import { as, createUser, errorCode, newBackend } from "../../tools/testing/convex";

describe("auth.user and auth.session", () => {
  it("resolve the caller only for a live session of an active user", async () => {
    const t = newBackend();
    const ada = await createUser(t, { email: "ada@example.com", name: "Ada" });
    const seen = await ada.client.run(async (ctx) => ({
      current: await auth.user.current(ctx),
      session: await auth.session.current(ctx),
      viewer: (await auth.user.viewer(ctx))?.email,
      sessions: (await auth.session.list(ctx, { userId: ada.userId })).length,
    }));
    expect(seen).toEqual({ current: ada.userId, session: ada.sessionId, viewer: "ada@example.com", sessions: 1 });
    expect(await t.run((ctx) => auth.user.current(ctx))).toBeNull();
    expect(await errorCode(t.run((ctx) => auth.user.require(ctx)))).toBe("NOT_SIGNED_IN");
  });

  it("deactivation ends every session and locks the user out", async () => {
    const t = newBackend();
    const ada = await createUser(t, { email: "ada@example.com" });
    const phone = await t.run((ctx) => ctx.db.insert("authSessions", { userId: ada.userId, expirationTime: Date.now() + 60_000 }));
    await t.run((ctx) => auth.user.deactivate(ctx, ada.userId));
    expect(await t.run((ctx) => ctx.db.query("authSessions").collect())).toEqual([]);
    expect(await errorCode(as(t, ada.userId, phone).query(api.groups.mine, {}))).toBe("NOT_SIGNED_IN");
    expect(await errorCode(ada.client.query(api.users.sessions, {}))).toBe("NOT_SIGNED_IN");
  });

  it("keeps the active group only while the membership lasts", async () => {
    const t = newBackend();
    const ada = await createUser(t, { email: "ada@example.com" });
    const { groupId } = await ada.client.mutation(api.groups.create, { name: "Acme" });
    expect(await t.run((ctx) => auth.user.getActiveGroup(ctx, { userId: ada.userId }))).toBe(groupId);
    await t.run(async (ctx) => {
      const membership = await auth.member.getByUserAndGroup(ctx, { userId: ada.userId, groupId });
      await ctx.db.delete(membership!._id);
    });
    expect(await t.run((ctx) => auth.user.getActiveGroup(ctx, { userId: ada.userId }))).toBeNull();
  });

  it("updates the profile with validation", async () => {
    const t = newBackend();
    const ada = await createUser(t, { email: "ada@example.com", name: "Ada" });
    await ada.client.mutation(api.users.updateProfile, { name: "  Ada Lovelace " });
    expect(await ada.client.query(api.users.viewer, {})).toMatchObject({ name: "Ada Lovelace" });
    expect(await errorCode(ada.client.mutation(api.users.updateProfile, { name: "   " }))).toBe("INVALID_INPUT");
    expect(await errorCode(t.mutation(api.users.updateProfile, { name: "Anon" }))).toBe("NOT_SIGNED_IN");
  });
});
