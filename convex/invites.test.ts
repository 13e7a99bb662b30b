import { describe, expect, it } from "vitest";
import { api } from "./_generated/api";
import { createUser, errorCode, newBackend, type Backend } from "../tools/testing/convex";

async function inviteLink(t: Backend, to: string): Promise<string> {
  const mail = await t.run(async (ctx) => (await ctx.db.query("mail").order("desc").collect()).find((m) => m.to === to)!);
  return mail.text.match(/\/invite\/([A-Za-z0-9_-]{43})/)![1]!;
}

describe("invitations", () => {
  it("mails a single-use link that adds the invited address to the group", async () => {
    const t = newBackend();
    const owner = await createUser(t, { email: "owner@acme.test", name: "Olivia" });
    const { groupId } = await owner.client.mutation(api.groups.create, { name: "Acme" });
    await owner.client.mutation(api.invites.create, { groupId, email: " Bob@Acme.test ", role: "admin" });
    const token = await inviteLink(t, "bob@acme.test");
    expect(await t.query(api.invites.preview, { token })).toEqual({
      groupName: "Acme",
      invitedBy: "Olivia",
      email: "bob@acme.test",
      role: "admin",
      state: "pending",
    });
    const stored = await t.run(async (ctx) => (await ctx.db.query("invites").collect())[0]!);
    expect(JSON.stringify(stored)).not.toContain(token);

    const eve = await createUser(t, { email: "eve@evil.test" });
    expect(await errorCode(eve.client.mutation(api.invites.accept, { token }))).toBe("INVITE_EMAIL_MISMATCH");
    const bob = await createUser(t, { email: "bob@acme.test" });
    expect(await bob.client.mutation(api.invites.accept, { token })).toEqual({ groupId });
    expect(await bob.client.query(api.groups.active, {})).toMatchObject({ groupId, role: "admin" });
    expect(await errorCode(bob.client.mutation(api.invites.accept, { token }))).toBe("INVITE_INVALID");
    expect((await t.query(api.invites.preview, { token }))?.state).toBe("accepted");
  });

  it("refuses expired and revoked links, duplicates, and existing members", async () => {
    const t = newBackend();
    const owner = await createUser(t, { email: "owner@acme.test" });
    const { groupId } = await owner.client.mutation(api.groups.create, { name: "Acme" });
    const { inviteId } = await owner.client.mutation(api.invites.create, { groupId, email: "bob@acme.test", role: "member" });
    expect(await errorCode(owner.client.mutation(api.invites.create, { groupId, email: "bob@acme.test", role: "member" }))).toBe("DUPLICATE_INVITE");
    expect(await errorCode(owner.client.mutation(api.invites.create, { groupId, email: "owner@acme.test", role: "member" }))).toBe(
      "DUPLICATE_MEMBERSHIP",
    );
    expect(await errorCode(owner.client.mutation(api.invites.create, { groupId, email: "not an email", role: "member" }))).toBe("INVALID_INPUT");
    const revokedToken = await inviteLink(t, "bob@acme.test");
    await owner.client.mutation(api.invites.revoke, { inviteId });
    expect(await owner.client.query(api.invites.list, { groupId })).toEqual([]);
    const bob = await createUser(t, { email: "bob@acme.test" });
    expect(await errorCode(bob.client.mutation(api.invites.accept, { token: revokedToken }))).toBe("INVITE_INVALID");

    await owner.client.mutation(api.invites.create, { groupId, email: "bob@acme.test", role: "member" });
    const expiredToken = await inviteLink(t, "bob@acme.test");
    await t.run(async (ctx) => {
      for (const invite of await ctx.db.query("invites").collect()) await ctx.db.patch(invite._id, { expiresTime: Date.now() - 1 });
    });
    expect((await t.query(api.invites.preview, { token: expiredToken }))?.state).toBe("expired");
    expect(await errorCode(bob.client.mutation(api.invites.accept, { token: expiredToken }))).toBe("INVITE_INVALID");
    expect(await t.query(api.invites.preview, { token: "x".repeat(43) })).toBeNull();
    expect(await t.query(api.invites.preview, { token: "short" })).toBeNull();
  });
});
