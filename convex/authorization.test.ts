import { describe, expect, it } from "vitest";
import { api } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { addMembership, createUser, errorCode, newBackend, type Backend, type TestUser } from "../tools/testing/convex";

/**
 * Every group-scoped RPC export against every kind of caller: only the
 * intended ones succeed; the others get NOT_SIGNED_IN (anonymous) or
 * FORBIDDEN, and nothing changes.
 */
type Caller = "anonymous" | "stranger" | "otherGroupOwner" | "member" | "admin" | "owner";
const CALLERS: Caller[] = ["anonymous", "stranger", "otherGroupOwner", "member", "admin", "owner"];

interface Fixture {
  t: Backend;
  groupId: Id<"groups">;
  otherGroupId: Id<"groups">;
  users: Record<Exclude<Caller, "anonymous">, TestUser>;
  memberId: Id<"members">;
  ownerMemberId: Id<"members">;
  projectId: Id<"projects">;
  inviteId: Id<"invites">;
}

async function fixture(): Promise<Fixture> {
  const t = newBackend();
  const owner = await createUser(t, { email: "owner@acme.test" });
  const admin = await createUser(t, { email: "admin@acme.test" });
  const member = await createUser(t, { email: "member@acme.test" });
  const stranger = await createUser(t, { email: "stranger@elsewhere.test" });
  const otherGroupOwner = await createUser(t, { email: "owner@other.test" });
  const { groupId } = await owner.client.mutation(api.groups.create, { name: "Acme" });
  const { groupId: otherGroupId } = await otherGroupOwner.client.mutation(api.groups.create, { name: "Other" });
  await addMembership(t, groupId, admin, "admin");
  const memberId = await addMembership(t, groupId, member, "member");
  const ownerMemberId = (await t.run((ctx) =>
    ctx.db.query("members").withIndex("by_groupId_and_userId", (q) => q.eq("groupId", groupId).eq("userId", owner.userId)).unique(),
  ))!._id;
  const projectId = await owner.client.mutation(api.projects.create, { groupId, name: "Roadmap" });
  const { inviteId } = await owner.client.mutation(api.invites.create, { groupId, email: "new@acme.test", role: "member" });
  return { t, groupId, otherGroupId, users: { owner, admin, member, stranger, otherGroupOwner }, memberId, ownerMemberId, projectId, inviteId };
}

type Client = TestUser["client"] | Backend;

interface Case {
  name: string;
  allowed: Caller[];
  call: (client: Client, f: Fixture) => Promise<unknown>;
  /** A refusal other than the default (NOT_SIGNED_IN for anonymous, FORBIDDEN otherwise). */
  refusal?: Partial<Record<Caller, string>>;
}

const EVERY_MEMBER: Caller[] = ["member", "admin", "owner"];
const MANAGERS: Caller[] = ["admin", "owner"];

const CASES: Case[] = [
  { name: "groups.setActive", allowed: EVERY_MEMBER, call: (c, f) => c.mutation(api.groups.setActive, { groupId: f.groupId }) },
  { name: "groups.rename", allowed: ["owner"], call: (c, f) => c.mutation(api.groups.rename, { groupId: f.groupId, name: "Renamed" }) },
  { name: "groups.remove", allowed: ["owner"], call: (c, f) => c.mutation(api.groups.remove, { groupId: f.groupId }) },
  { name: "members.list", allowed: EVERY_MEMBER, call: (c, f) => c.query(api.members.list, { groupId: f.groupId }) },
  { name: "members.updateRole (member → admin)", allowed: MANAGERS, call: (c, f) => c.mutation(api.members.updateRole, { memberId: f.memberId, role: "admin" }) },
  { name: "members.updateRole (→ owner)", allowed: ["owner"], call: (c, f) => c.mutation(api.members.updateRole, { memberId: f.memberId, role: "owner" }) },
  // The member removing their own membership is leaving the group.
  { name: "members.remove (a member)", allowed: EVERY_MEMBER, call: (c, f) => c.mutation(api.members.remove, { memberId: f.memberId }) },
  {
    name: "members.remove (the only owner)",
    allowed: [],
    refusal: { owner: "LAST_OWNER" },
    call: (c, f) => c.mutation(api.members.remove, { memberId: f.ownerMemberId }),
  },
  { name: "invites.create", allowed: MANAGERS, call: (c, f) => c.mutation(api.invites.create, { groupId: f.groupId, email: "x@acme.test", role: "member" }) },
  { name: "invites.create (owner role)", allowed: ["owner"], call: (c, f) => c.mutation(api.invites.create, { groupId: f.groupId, email: "y@acme.test", role: "owner" }) },
  { name: "invites.list", allowed: MANAGERS, call: (c, f) => c.query(api.invites.list, { groupId: f.groupId }) },
  { name: "invites.revoke", allowed: MANAGERS, call: (c, f) => c.mutation(api.invites.revoke, { inviteId: f.inviteId }) },
  { name: "projects.list", allowed: EVERY_MEMBER, call: (c, f) => c.query(api.projects.list, { groupId: f.groupId }) },
  { name: "projects.create", allowed: EVERY_MEMBER, call: (c, f) => c.mutation(api.projects.create, { groupId: f.groupId, name: "New" }) },
  { name: "projects.rename", allowed: EVERY_MEMBER, call: (c, f) => c.mutation(api.projects.rename, { projectId: f.projectId, name: "Renamed" }) },
  { name: "projects.setArchived", allowed: MANAGERS, call: (c, f) => c.mutation(api.projects.setArchived, { projectId: f.projectId, archived: true }) },
];

function clientFor(f: Fixture, caller: Caller): Client {
  return caller === "anonymous" ? f.t : f.users[caller].client;
}

async function snapshot(t: Backend) {
  return await t.run(async (ctx) => ({
    groups: await ctx.db.query("groups").collect(),
    members: await ctx.db.query("members").collect(),
    invites: await ctx.db.query("invites").collect(),
    projects: await ctx.db.query("projects").collect(),
  }));
}

describe("authorization of the app RPC", () => {
  for (const testCase of CASES) {
    it(`${testCase.name}: allowed for ${testCase.allowed.join(", ") || "nobody"}`, async () => {
      for (const caller of CALLERS) {
        const f = await fixture();
        const before = await snapshot(f.t);
        const code = await errorCode(testCase.call(clientFor(f, caller), f));
        if (testCase.allowed.includes(caller)) {
          expect([caller, code]).toEqual([caller, "no error"]);
        } else {
          const expected = testCase.refusal?.[caller] ?? (caller === "anonymous" ? "NOT_SIGNED_IN" : "FORBIDDEN");
          expect([caller, code]).toEqual([caller, expected]);
          expect(await snapshot(f.t)).toEqual(before);
        }
      }
    });
  }

  it("refuses another group's ids and malformed ids, even for an owner", async () => {
    const f = await fixture();
    const owner = f.users.owner.client;
    const foreign = f.users.otherGroupOwner.client;
    const foreignProject = await foreign.mutation(api.projects.create, { groupId: f.otherGroupId, name: "Secret" });
    expect(await errorCode(owner.query(api.projects.list, { groupId: f.otherGroupId }))).toBe("FORBIDDEN");
    expect(await errorCode(owner.mutation(api.projects.rename, { projectId: foreignProject, name: "Mine" }))).toBe("FORBIDDEN");
    for (const bogus of ["", "not-an-id", f.projectId, f.users.owner.userId]) {
      expect(await errorCode(owner.query(api.members.list, { groupId: bogus }))).toBe("FORBIDDEN");
    }
    expect(await errorCode(owner.mutation(api.members.remove, { memberId: f.groupId }))).toBe("FORBIDDEN");
    expect(await errorCode(owner.mutation(api.invites.revoke, { inviteId: "garbage" }))).toBe("FORBIDDEN");
  });

  it("lets anyone leave a group, but not its last owner", async () => {
    const f = await fixture();
    expect(await errorCode(f.users.member.client.mutation(api.members.remove, { memberId: f.memberId }))).toBe("no error");
    expect(await errorCode(f.users.owner.client.mutation(api.members.remove, { memberId: f.ownerMemberId }))).toBe("LAST_OWNER");
    expect(await errorCode(f.users.owner.client.mutation(api.members.updateRole, { memberId: f.ownerMemberId, role: "admin" }))).toBe("LAST_OWNER");
  });
});
