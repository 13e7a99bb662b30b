import { describe, expect, it } from "vitest";
import { auth } from "../auth";
import { createUser, errorCode, newBackend } from "../../tools/testing/convex";

describe("auth.member and auth.group", () => {
  it("inherits membership down the group tree, nearest first", async () => {
    const t = newBackend();
    const ada = await createUser(t, { email: "ada@example.com" });
    const result = await t.run(async (ctx) => {
      const root = await auth.group.create(ctx, { name: "Holding" });
      const division = await auth.group.create(ctx, { name: "Division", parentGroupId: root });
      const team = await auth.group.create(ctx, { name: "Team", parentGroupId: division });
      await auth.member.add(ctx, { groupId: root, userId: ada.userId, role: "admin" });
      await auth.member.add(ctx, { groupId: division, userId: ada.userId, role: "member" });
      const inherited = await auth.member.inherit(ctx, { userId: ada.userId, groupId: team });
      const adminOnly = await auth.member.inherit(ctx, { userId: ada.userId, groupId: team, roles: ["admin"] });
      const chain = await auth.group.ancestors(ctx, { groupId: team });
      return { inherited, adminOnly, chain: chain.ancestors.map((g) => g.name), root, division };
    });
    expect(result.inherited).toMatchObject({ matchedGroupId: result.division, depth: 1, isDirect: false, isInherited: true });
    expect(result.adminOnly).toMatchObject({ matchedGroupId: result.root, depth: 2 });
    expect(result.chain).toEqual(["Division", "Holding"]);
  });

  it("asserts grants from the nearest membership and treats suspended members as strangers", async () => {
    const t = newBackend();
    const ada = await createUser(t, { email: "ada@example.com" });
    await t.run(async (ctx) => {
      const groupId = await auth.group.create(ctx, { name: "Acme" });
      const memberId = await auth.member.add(ctx, { groupId, userId: ada.userId, role: "admin" });
      await auth.member.assert(ctx, { userId: ada.userId, groupId, grants: ["member.manage", "connection.create"] });
      expect(await errorCode(auth.member.assert(ctx, { userId: ada.userId, groupId, grants: ["group.manage"] }))).toBe("FORBIDDEN");
      await ctx.db.patch(memberId, { status: "suspended" });
      expect(await errorCode(auth.member.assert(ctx, { userId: ada.userId, groupId, grants: ["group.read"] }))).toBe("FORBIDDEN");
    });
  });

  it("stops at cycles and at the depth limit", async () => {
    const t = newBackend();
    const ada = await createUser(t, { email: "ada@example.com" });
    await t.run(async (ctx) => {
      const a = await auth.group.create(ctx, { name: "A" });
      const b = await auth.group.create(ctx, { name: "B", parentGroupId: a });
      await ctx.db.patch(a, { parentGroupId: b }); // corrupt data: a cycle
      const found = await auth.member.inherit(ctx, { userId: ada.userId, groupId: b });
      expect(found).toMatchObject({ membership: null, cycleDetected: true });
      expect((await auth.group.ancestors(ctx, { groupId: b })).cycleDetected).toBe(true);
      expect(await errorCode(auth.group.update(ctx, a, { parentGroupId: b }))).toBe("INVALID_INPUT");
    });
  });

  it("derives unique slugs and refuses a taken explicit one", async () => {
    const t = newBackend();
    await t.run(async (ctx) => {
      const first = await auth.group.create(ctx, { name: "Ácme Inc." });
      const second = await auth.group.create(ctx, { name: "acme inc" });
      expect((await auth.group.get(ctx, first))!.slug).toBe("acme-inc");
      expect((await auth.group.get(ctx, second))!.slug).toBe("acme-inc-2");
      expect(await errorCode(auth.group.create(ctx, { name: "X", slug: "acme-inc" }))).toBe("SLUG_TAKEN");
    });
  });

  it("deletes a group with its descendants and everything in them", async () => {
    const t = newBackend();
    const ada = await createUser(t, { email: "ada@example.com" });
    const counts = await t.run(async (ctx) => {
      const root = await auth.group.create(ctx, { name: "Root" });
      const child = await auth.group.create(ctx, { name: "Child", parentGroupId: root });
      const keep = await auth.group.create(ctx, { name: "Keep" });
      for (const groupId of [root, child, keep]) {
        await auth.member.add(ctx, { groupId, userId: ada.userId, role: "owner" });
        await ctx.db.insert("projects", { groupId, name: "P", status: "active", createdByUserId: ada.userId });
        await auth.invite.create(ctx, { groupId, email: "x@example.com", role: "member", invitedByUserId: ada.userId });
      }
      await auth.user.setActiveGroup(ctx, { userId: ada.userId, groupId: child });
      await auth.group.delete(ctx, root);
      return {
        groups: (await ctx.db.query("groups").collect()).map((g) => g.name),
        members: (await ctx.db.query("members").collect()).length,
        projects: (await ctx.db.query("projects").collect()).length,
        invites: (await ctx.db.query("invites").collect()).length,
        active: (await ctx.db.get(ada.userId))!.activeGroupId,
      };
    });
    expect(counts).toEqual({ groups: ["Keep"], members: 1, projects: 1, invites: 1, active: undefined });
  });
});
