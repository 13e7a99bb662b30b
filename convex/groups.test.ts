import { describe, expect, it } from "vitest";
import { api } from "./_generated/api";
import { addMembership, createUser, errorCode, newBackend } from "../tools/testing/convex";

describe("groups and projects", () => {
  it("makes the creator the owner and switches between groups", async () => {
    const t = newBackend();
    const ada = await createUser(t, { email: "ada@example.com" });
    expect(await ada.client.query(api.groups.active, {})).toBeNull();
    const { groupId: acme, slug } = await ada.client.mutation(api.groups.create, { name: "  Acme  " });
    expect(slug).toBe("acme");
    const { groupId: beta } = await ada.client.mutation(api.groups.create, { name: "Beta" });
    expect((await ada.client.query(api.groups.mine, {})).map((g) => [g.name, g.role, g.isActive])).toEqual([
      ["Acme", "owner", false],
      ["Beta", "owner", true],
    ]);
    await ada.client.mutation(api.groups.setActive, { groupId: acme });
    const active = await ada.client.query(api.groups.active, {});
    expect(active).toMatchObject({ groupId: acme, name: "Acme", role: "owner" });
    expect(active!.grants).toContain("group.manage");
    expect(beta).not.toBe(acme);
    expect(await errorCode(ada.client.mutation(api.groups.create, { name: "x" }))).toBe("INVALID_INPUT");
  });

  it("falls back to another group when the active one is gone", async () => {
    const t = newBackend();
    const ada = await createUser(t, { email: "ada@example.com" });
    const bob = await createUser(t, { email: "bob@example.com" });
    const { groupId: bobs } = await bob.client.mutation(api.groups.create, { name: "Bob's" });
    await addMembership(t, bobs, ada, "member");
    const { groupId: adas } = await ada.client.mutation(api.groups.create, { name: "Ada's" });
    await ada.client.mutation(api.groups.remove, { groupId: adas });
    expect(await ada.client.query(api.groups.active, {})).toMatchObject({ groupId: bobs, role: "member" });
    expect((await ada.client.query(api.groups.active, {}))!.grants).not.toContain("member.manage");
  });

  it("keeps projects per group, with archive and restore", async () => {
    const t = newBackend();
    const ada = await createUser(t, { email: "ada@example.com" });
    const { groupId } = await ada.client.mutation(api.groups.create, { name: "Acme" });
    const projectId = await ada.client.mutation(api.projects.create, { groupId, name: " Roadmap " });
    await ada.client.mutation(api.projects.rename, { projectId, name: "Roadmap 2027" });
    await ada.client.mutation(api.projects.setArchived, { projectId, archived: true });
    expect(await ada.client.query(api.projects.list, { groupId })).toEqual([]);
    expect((await ada.client.query(api.projects.list, { groupId, includeArchived: true })).map((p) => [p.name, p.status])).toEqual([
      ["Roadmap 2027", "archived"],
    ]);
    await ada.client.mutation(api.projects.setArchived, { projectId, archived: false });
    expect((await ada.client.query(api.projects.list, { groupId })).map((p) => p.status)).toEqual(["active"]);
    expect(await errorCode(ada.client.mutation(api.projects.rename, { projectId, name: "" }))).toBe("INVALID_INPUT");
  });
});
