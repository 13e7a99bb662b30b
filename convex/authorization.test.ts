import { beforeAll, describe, expect, it } from "vitest";
import { dbSnapshot, expectRefusal, outcomeOf, recordingTarget } from "../tools/testing/authorization";
import { addMembership, authEnv, createUser, newBackend, type Backend, type TestUser } from "../tools/testing/convex";
import { findLeaks, needle, textOf, type Needle } from "../tools/testing/leaks";
import { callAs, publicFunctions, sampleArgs, type PublicFunction } from "../tools/testing/publicFunctions";
import { api } from "./_generated/api";
import type { Id } from "./_generated/dataModel";

/**
 * The authorization matrix of every public Convex function, generated from
 * the registered functions (tools/testing/publicFunctions.ts): each one is
 * classified here, or in the matrix of its module (DELEGATED), and a public
 * function without a classification fails the first test.
 *
 * - group: every kind of caller; only `allowed` succeed, the rest get
 *   NOT_SIGNED_IN (anonymous) or FORBIDDEN with no data and no change; each
 *   id the call uses is also tried with another tenant's id, another table's
 *   id and garbage.
 * - self: any signed-in caller, about themselves; the answer carries nothing
 *   of other users or of groups the caller isn't in, and nobody else's data changes.
 * - public / token: callable without a session on purpose (PUBLIC_BY_DESIGN
 *   gives the reason); each has a check that it reveals only what it must.
 */
type Caller = "anonymous" | "stranger" | "otherGroupOwner" | "member" | "admin" | "owner";
const CALLERS: Caller[] = ["anonymous", "stranger", "otherGroupOwner", "member", "admin", "owner"];
type SignedInCaller = Exclude<Caller, "anonymous">;

interface Tenant {
  groupId: Id<"groups">;
  memberId: Id<"members">;
  ownerMemberId: Id<"members">;
  projectId: Id<"projects">;
  inviteId: Id<"invites">;
  inviteToken: string;
  /** Everything of this tenant a caller outside it must never see. */
  secrets: Needle[];
}

type Person = TestUser & { email: string };

interface Fixture {
  t: Backend;
  users: Record<SignedInCaller, Person>;
  mine: Tenant;
  other: Tenant;
}

beforeAll(authEnv);

async function tenant(t: Backend, owner: Person, name: string, admin: Person | null, member: Person): Promise<Tenant> {
  const { groupId } = await owner.client.mutation(api.groups.create, { name });
  if (admin) await addMembership(t, groupId, admin, "admin");
  const memberId = await addMembership(t, groupId, member, "member");
  const ownerMemberId = (await t.run((ctx) =>
    ctx.db.query("members").withIndex("by_groupId_and_userId", (q) => q.eq("groupId", groupId).eq("userId", owner.userId)).unique(),
  ))!._id;
  const projectId = await owner.client.mutation(api.projects.create, { groupId, name: `${name} roadmap` });
  const inviteEmail = `invitee@${name.toLowerCase()}.test`;
  const { inviteId } = await owner.client.mutation(api.invites.create, { groupId, email: inviteEmail, role: "member" });
  // The invitation mail is the only place its token exists.
  const mail = await t.run(async (ctx) => (await ctx.db.query("mail").collect()).find((row) => row.to === inviteEmail)!);
  const inviteToken = /\/invite\/([\w-]+)/.exec(mail.text)![1]!;
  const people = [owner, admin, member].filter((user): user is Person => user !== null);
  const secrets = [
    ...Object.entries({ groupId, memberId, ownerMemberId, projectId, inviteId, inviteToken }).map(([label, value]) => needle(`${name} ${label}`, value)),
    ...people.flatMap((user) => userSecrets(user)),
    needle(`${name} invitee email`, inviteEmail),
    needle(`${name} project name`, `${name} roadmap`),
  ];
  return { groupId, memberId, ownerMemberId, projectId, inviteId, inviteToken, secrets };
}

function userSecrets(user: Person): Needle[] {
  return [needle("a user id", user.userId), needle("a session id", user.sessionId), needle("an email", user.email)];
}

async function createPerson(t: Backend, email: string): Promise<Person> {
  return Object.assign(await createUser(t, { email }), { email });
}

async function fixture(): Promise<Fixture> {
  const t = newBackend();
  const owner = await createPerson(t, "owner@acme.test");
  const admin = await createPerson(t, "admin@acme.test");
  const member = await createPerson(t, "member@acme.test");
  const stranger = await createPerson(t, "stranger@elsewhere.test");
  const otherGroupOwner = await createPerson(t, "owner@globex.test");
  const otherMember = await createPerson(t, "member@globex.test");
  const mine = await tenant(t, owner, "Acme", admin, member);
  const other = await tenant(t, otherGroupOwner, "Globex", null, otherMember);
  return { t, users: { owner, admin, member, stranger, otherGroupOwner }, mine, other };
}

type Client = TestUser["client"] | Backend;

function clientFor(f: Fixture, caller: Caller): Client {
  return caller === "anonymous" ? f.t : f.users[caller].client;
}

/** What `caller` must never see: tenants they aren't in, and every other person's sessions. */
function foreignTo(f: Fixture, caller: Caller): Needle[] {
  const tenants = caller === "otherGroupOwner" ? [f.mine] : caller === "owner" || caller === "admin" || caller === "member" ? [f.other] : [f.mine, f.other];
  const sessions = Object.entries(f.users)
    .filter(([name]) => name !== caller)
    .map(([, user]) => needle("another person's session id", user.sessionId));
  return [...tenants.flatMap((tenant) => tenant.secrets), ...sessions];
}

const EVERY_MEMBER: Caller[] = ["member", "admin", "owner"];
const MANAGERS: Caller[] = ["admin", "owner"];
const SIGNED_IN: SignedInCaller[] = ["stranger", "otherGroupOwner", "member", "admin", "owner"];

type TenantIds = Omit<Tenant, "secrets" | "inviteToken">;

interface GroupCase {
  access: "group";
  label?: string;
  allowed: Caller[];
  call: (client: Client, x: TenantIds) => Promise<unknown>;
  /** A refusal other than the default (NOT_SIGNED_IN for anonymous, FORBIDDEN otherwise). */
  refusal?: Partial<Record<Caller, string>>;
}

interface SelfCase {
  access: "self";
  call: (client: Client) => Promise<unknown>;
  /** Public on purpose: an anonymous caller gets this answer instead of NOT_SIGNED_IN. */
  anonymous?: null;
}

interface ElsewhereCase {
  access: "public" | "token";
  /** The test below that checks what it reveals. */
  checkedBy: string;
}

type Case = GroupCase | SelfCase | ElsewhereCase;

/** Modules whose own test file holds their matrix and checks it covers every export. */
const DELEGATED: Record<string, string> = {
  "auth/group": "convex/auth/group.authorization.test.ts",
};

/** Token-authenticated modules: every export takes a token and refuses a missing or wrong one. */
const TOKEN_MODULES: Record<string, string> = {
  "auth/setup": "a setup link lets someone without an account configure one connection; the link's token is the credential",
};

/** Callable without a session, on purpose; anything else refuses an anonymous caller with NOT_SIGNED_IN. */
const PUBLIC_BY_DESIGN: Record<string, string> = {
  "auth/group:signIn": "the sign-in page resolves an email's SSO connection before there is a session",
  "auth/group:metadata": "IdPs and admins fetch our SAML SP metadata before anything is set up",
  "auth:signIn": "@convex-dev/auth's sign-in (password, SSO code exchange): it creates the session",
  "auth:signOut": "@convex-dev/auth's sign-out: without a session it does nothing",
  "auth:isAuthenticated": "the Next.js proxy asks it whether the caller's token still has a live session",
  "users:viewer": "pages ask who is signed in; anonymous callers get null",
  "invites:preview": "the invitation landing page, before sign-in; the link's 256-bit token is the credential",
  "messages:list": "the landing page's public guestbook demo",
  "messages:send": "the landing page's public guestbook demo (rate limited per IP)",
};

const MATRIX: Record<string, Case[]> = {
  "groups:create": [{ access: "self", call: (c) => c.mutation(api.groups.create, { name: "Mine" }) }],
  "groups:mine": [{ access: "self", call: (c) => c.query(api.groups.mine, {}) }],
  "groups:active": [{ access: "self", call: (c) => c.query(api.groups.active, {}) }],
  "groups:setActive": [{ access: "group", allowed: EVERY_MEMBER, call: (c, x) => c.mutation(api.groups.setActive, { groupId: x.groupId }) }],
  "groups:rename": [{ access: "group", allowed: ["owner"], call: (c, x) => c.mutation(api.groups.rename, { groupId: x.groupId, name: "Renamed" }) }],
  "groups:remove": [{ access: "group", allowed: ["owner"], call: (c, x) => c.mutation(api.groups.remove, { groupId: x.groupId }) }],
  "members:list": [{ access: "group", allowed: EVERY_MEMBER, call: (c, x) => c.query(api.members.list, { groupId: x.groupId }) }],
  "members:updateRole": [
    { access: "group", label: "member → admin", allowed: MANAGERS, call: (c, x) => c.mutation(api.members.updateRole, { memberId: x.memberId, role: "admin" }) },
    { access: "group", label: "→ owner", allowed: ["owner"], call: (c, x) => c.mutation(api.members.updateRole, { memberId: x.memberId, role: "owner" }) },
  ],
  "members:remove": [
    // The member removing their own membership is leaving the group.
    { access: "group", label: "a member", allowed: EVERY_MEMBER, call: (c, x) => c.mutation(api.members.remove, { memberId: x.memberId }) },
    { access: "group", label: "the only owner", allowed: [], refusal: { owner: "LAST_OWNER" }, call: (c, x) => c.mutation(api.members.remove, { memberId: x.ownerMemberId }) },
  ],
  "invites:create": [
    { access: "group", allowed: MANAGERS, call: (c, x) => c.mutation(api.invites.create, { groupId: x.groupId, email: "x@acme.test", role: "member" }) },
    { access: "group", label: "owner role", allowed: ["owner"], call: (c, x) => c.mutation(api.invites.create, { groupId: x.groupId, email: "y@acme.test", role: "owner" }) },
  ],
  "invites:list": [{ access: "group", allowed: MANAGERS, call: (c, x) => c.query(api.invites.list, { groupId: x.groupId }) }],
  "invites:revoke": [{ access: "group", allowed: MANAGERS, call: (c, x) => c.mutation(api.invites.revoke, { inviteId: x.inviteId }) }],
  "invites:preview": [{ access: "token", checkedBy: "invites:preview" }],
  "invites:accept": [{ access: "token", checkedBy: "invites:accept" }],
  "projects:list": [{ access: "group", allowed: EVERY_MEMBER, call: (c, x) => c.query(api.projects.list, { groupId: x.groupId }) }],
  "projects:create": [{ access: "group", allowed: EVERY_MEMBER, call: (c, x) => c.mutation(api.projects.create, { groupId: x.groupId, name: "New" }) }],
  "projects:rename": [{ access: "group", allowed: EVERY_MEMBER, call: (c, x) => c.mutation(api.projects.rename, { projectId: x.projectId, name: "Renamed" }) }],
  "projects:setArchived": [{ access: "group", allowed: MANAGERS, call: (c, x) => c.mutation(api.projects.setArchived, { projectId: x.projectId, archived: true }) }],
  "users:viewer": [{ access: "self", anonymous: null, call: (c) => c.query(api.users.viewer, {}) }],
  "users:updateProfile": [{ access: "self", call: (c) => c.mutation(api.users.updateProfile, { name: "New Name" }) }],
  "users:sessions": [{ access: "self", call: (c) => c.query(api.users.sessions, {}) }],
  "users:endOtherSessions": [{ access: "self", call: (c) => c.mutation(api.users.endOtherSessions, {}) }],
  "messages:list": [{ access: "public", checkedBy: "messages" }],
  "messages:send": [{ access: "public", checkedBy: "messages" }],
  "auth:signIn": [{ access: "public", checkedBy: "auth:signIn" }],
  "auth:signOut": [{ access: "public", checkedBy: "auth:signOut" }],
  "auth:isAuthenticated": [{ access: "public", checkedBy: "auth:isAuthenticated" }],
};

const FUNCTIONS = publicFunctions();
const isDelegated = (fn: PublicFunction) => fn.module in DELEGATED;
const isTokenModule = (fn: PublicFunction) => fn.module in TOKEN_MODULES;

describe("every public function is classified", () => {
  it("has an entry here, or in its module's own matrix", () => {
    const unclassified = FUNCTIONS.filter((fn) => !isDelegated(fn) && !isTokenModule(fn) && !(fn.path in MATRIX)).map((fn) => fn.path);
    expect(unclassified).toEqual([]);
    const stale = Object.keys(MATRIX).filter((path) => !FUNCTIONS.some((fn) => fn.path === path));
    expect(stale).toEqual([]);
  });

  it("refuses anonymous callers with NOT_SIGNED_IN unless public by design", async () => {
    const f = await fixture();
    const answered: string[] = [];
    for (const fn of FUNCTIONS) {
      // Whatever the arguments, a function that needs a session refuses before reading them.
      const args = sampleArgs(fn, () => undefined);
      const outcome = await outcomeOf(callAs(f.t, fn, args));
      if (outcome.ok || outcome.code !== "NOT_SIGNED_IN") answered.push(fn.path);
    }
    const publicByDesign = (path: string) => path in PUBLIC_BY_DESIGN || path.split(":")[0]! in TOKEN_MODULES;
    expect(answered.filter((path) => !publicByDesign(path))).toEqual([]);
    // And the list stays honest: each entry really is reachable without a session.
    expect(Object.keys(PUBLIC_BY_DESIGN).filter((path) => !answered.includes(path))).toEqual([]);
  });
});

describe("group functions: only the intended callers, only their own group", () => {
  for (const [path, cases] of Object.entries(MATRIX)) {
    for (const testCase of cases) {
      if (testCase.access !== "group") continue;
      const name = `${path}${testCase.label ? ` (${testCase.label})` : ""}`;
      it(`${name}: allowed for ${testCase.allowed.join(", ") || "nobody"}`, async () => {
        for (const caller of CALLERS) {
          const f = await fixture();
          const before = await dbSnapshot(f.t);
          const outcome = await outcomeOf(testCase.call(clientFor(f, caller), f.mine));
          if (testCase.allowed.includes(caller)) {
            expect([caller, outcome.ok ? "allowed" : outcome.code]).toEqual([caller, "allowed"]);
            expect([caller, findLeaks(textOf(outcome.ok ? outcome.value : null), foreignTo(f, caller))]).toEqual([caller, []]);
            continue;
          }
          const expected = testCase.refusal?.[caller] ?? (caller === "anonymous" ? "NOT_SIGNED_IN" : "FORBIDDEN");
          expectRefusal(caller, outcome, expected, [...f.mine.secrets, ...f.other.secrets]);
          expect(await dbSnapshot(f.t)).toEqual(before);
        }
      });

      it(`${name}: each id refused when it is another tenant's, another table's or garbage`, async () => {
        // The group's owner holds every grant: only the ids can make the call fail.
        const probe = await fixture();
        const { proxy, used } = recordingTarget(probe.mine);
        await outcomeOf(testCase.call(probe.users.owner.client, proxy));
        expect(used.size).toBeGreaterThan(0);
        for (const key of used as Set<keyof TenantIds>) {
          const f = await fixture();
          const anotherTable = key === "projectId" ? f.mine.groupId : f.mine.projectId;
          for (const [kind, id] of [["another tenant's", f.other[key]], ["another table's", anotherTable], ["garbage", "not-an-id"]] as const) {
            const before = await dbSnapshot(f.t);
            const outcome = await outcomeOf(testCase.call(f.users.owner.client, { ...f.mine, [key]: id }));
            expectRefusal(`${key} ← ${kind} id`, outcome, "FORBIDDEN", [...f.mine.secrets, ...f.other.secrets]);
            expect(await dbSnapshot(f.t)).toEqual(before);
          }
        }
      });
    }
  }
});

/** Everyone's data except `caller`'s own: a call about oneself must leave it as it was. */
async function othersData(f: Fixture, caller: SignedInCaller) {
  const { userId } = f.users[caller];
  return await f.t.run(async (ctx) => ({
    users: (await ctx.db.query("users").collect()).filter((user) => user._id !== userId),
    sessions: (await ctx.db.query("authSessions").collect()).filter((session) => session.userId !== userId),
    groups: await ctx.db.query("groups").collect(),
    members: await ctx.db.query("members").collect(),
  }));
}

describe("functions about the caller themselves", () => {
  for (const [path, cases] of Object.entries(MATRIX)) {
    for (const testCase of cases) {
      if (testCase.access !== "self") continue;
      it(`${path}: any signed-in caller, about themselves only`, async () => {
        const anonymous = await fixture();
        const before = await dbSnapshot(anonymous.t);
        const outcome = await outcomeOf(testCase.call(anonymous.t));
        if (testCase.anonymous === null) expect(outcome).toEqual({ ok: true, value: null });
        else expectRefusal("anonymous", outcome, "NOT_SIGNED_IN", [...anonymous.mine.secrets, ...anonymous.other.secrets]);
        expect(await dbSnapshot(anonymous.t)).toEqual(before);

        for (const caller of SIGNED_IN) {
          const f = await fixture();
          const othersBefore = await othersData(f, caller);
          const result = await outcomeOf(testCase.call(f.users[caller].client));
          expect([caller, result.ok ? "allowed" : result.code]).toEqual([caller, "allowed"]);
          expect([caller, findLeaks(textOf(result.ok ? result.value : null), foreignTo(f, caller))]).toEqual([caller, []]);
          // Creating a group adds a group and the caller's membership in it; nothing else of anyone else changes.
          const othersAfter = await othersData(f, caller);
          if (path === "groups:create") {
            othersAfter.groups = othersAfter.groups.filter((group) => othersBefore.groups.some((old) => old._id === group._id));
            othersAfter.members = othersAfter.members.filter((member) => member.userId !== f.users[caller].userId || othersBefore.members.some((old) => old._id === member._id));
          }
          expect([caller, othersAfter]).toEqual([caller, othersBefore]);
        }
      });
    }
  }
});

const INVITE_PREVIEW_FIELDS = ["email", "groupName", "invitedBy", "role", "state"];

/** Tokens that must open nothing: none, a made-up one, and the stored hash of a real one (as someone who read the database would try). */
async function wrongTokens(f: Fixture): Promise<Record<string, string>> {
  const { tokenHash } = (await f.t.run((ctx) => ctx.db.get(f.mine.inviteId)))!;
  return { missing: "", garbage: "x".repeat(43), "the stored hash": tokenHash };
}

describe("token-authenticated functions", () => {
  it("invites:preview answers only a valid token, with only what the invitation email said", async () => {
    const f = await fixture();
    for (const [label, token] of Object.entries(await wrongTokens(f))) {
      expect([label, await f.t.query(api.invites.preview, { token })]).toEqual([label, null]);
    }
    const preview = await f.t.query(api.invites.preview, { token: f.mine.inviteToken });
    expect(Object.keys(preview ?? {}).sort()).toEqual(INVITE_PREVIEW_FIELDS);
    expect(findLeaks(textOf(preview), [...f.other.secrets, ...f.mine.secrets.filter((secret) => !secret.label.includes("invitee email"))])).toEqual([]);
  });

  it("invites:accept needs a session, a valid token and the invited email", async () => {
    const f = await fixture();
    const everything = [...f.mine.secrets, ...f.other.secrets];
    const before = await dbSnapshot(f.t);
    expectRefusal("anonymous", await outcomeOf(f.t.mutation(api.invites.accept, { token: f.mine.inviteToken })), "NOT_SIGNED_IN", everything);
    for (const [label, token] of Object.entries(await wrongTokens(f))) {
      expectRefusal(label, await outcomeOf(f.users.stranger.client.mutation(api.invites.accept, { token })), "INVITE_INVALID", everything);
    }
    // The token's holder may learn the invited address (the preview shows it too), nothing else.
    const withoutInvitee = everything.filter((secret) => !secret.label.includes("invitee email"));
    expectRefusal("wrong person", await outcomeOf(f.users.stranger.client.mutation(api.invites.accept, { token: f.mine.inviteToken })), "INVITE_EMAIL_MISMATCH", withoutInvitee);
    expect(await dbSnapshot(f.t)).toEqual(before);
  });

  const tokenFunctions = FUNCTIONS.filter(isTokenModule);
  it.runIf(tokenFunctions.length > 0)("every export of a token-authenticated module refuses a missing or garbage token with a stable code and no data", async () => {
    for (const fn of tokenFunctions) {
      const tokenFields = fn.args.type === "object" ? Object.keys(fn.args.value).filter((name) => /token/i.test(name)) : [];
      expect([fn.path, tokenFields.length]).not.toEqual([fn.path, 0]);
      for (const caller of ["anonymous", "stranger", "owner"] as const) {
        for (const [label, token] of [["missing", ""], ["garbage", "g".repeat(43)]] as const) {
          const f = await fixture();
          const before = await dbSnapshot(f.t);
          const args = sampleArgs(fn, (name) => (tokenFields.includes(name) ? token : undefined));
          const outcome = await outcomeOf(callAs(clientFor(f, caller), fn, args));
          const where = `${fn.path} as ${caller} with a ${label} token`;
          expect([where, outcome.ok]).toEqual([where, false]);
          if (!outcome.ok) {
            expect([where, outcome.code]).toEqual([where, expect.stringMatching(/^[A-Z_]+$/)]);
            expectRefusal(where, outcome, outcome.code, [...f.mine.secrets, ...f.other.secrets]);
          }
          expect(await dbSnapshot(f.t)).toEqual(before);
        }
      }
    }
  });
});

const SIGN_IN_ROUTE_FIELDS = ["connectionId", "connectionName", "enforced", "protocol", "signInUrl"];

describe("public by design, revealing only what it must", () => {
  it("auth/group:signIn and metadata: the route to a verified domain's IdP and public SP metadata, nothing of the group", async () => {
    process.env.ENCRYPTION_KEYS = `k1:${btoa(String.fromCharCode(...new Uint8Array(32).fill(3)))}`;
    const f = await fixture();
    const owner = f.users.owner.client;
    const connectionId = await owner.mutation(api.auth.group.createConnection, { groupId: f.mine.groupId, protocol: "oidc", name: "Acme IdP" });
    await owner.mutation(api.auth.group.setOidc, { connectionId, discovery: { issuer: "https://idp.acme.test" }, client: { id: "app", secret: "client-secret-value" } });
    await owner.mutation(api.auth.group.setDomains, { connectionId, domains: ["acme.test"] });
    await f.t.run(async (ctx) => {
      const domain = (await ctx.db.query("domains").withIndex("by_domain", (q) => q.eq("domain", "acme.test")).unique())!;
      await ctx.db.patch(domain._id, { status: "verified", verifiedTime: Date.now() });
    });
    await owner.mutation(api.auth.group.updateConnection, { id: connectionId, data: { status: "active", overrideTest: true } });

    const route = await f.t.query(api.auth.group.signIn, { email: "someone@acme.test" });
    expect(Object.keys(route ?? {}).sort()).toEqual(SIGN_IN_ROUTE_FIELDS);
    expect(route!.signInUrl).toBe(`https://convex.site.test/api/auth/sso/${connectionId}/start?login_hint=someone%40acme.test`);
    const everything = [...f.mine.secrets, ...f.other.secrets, needle("the client secret", "client-secret-value")];
    expect(findLeaks(textOf(route), everything)).toEqual([]);
    expect(await f.t.query(api.auth.group.signIn, { email: "someone@globex.test" })).toBeNull();
    // Our SAML SP metadata: OIDC connections and unknown ids have none.
    expect(await f.t.query(api.auth.group.metadata, { connectionId })).toBeNull();
    expect(await f.t.query(api.auth.group.metadata, { connectionId: f.mine.groupId })).toBeNull();
  });
  it("messages: the guestbook shows authors and messages, nothing of users or groups", async () => {
    const f = await fixture();
    await f.t.mutation(api.messages.send, { author: "Visitor", body: "Hello" });
    const messages = await f.t.query(api.messages.list, {});
    expect(messages.map((message) => Object.keys(message).sort())).toEqual([["_creationTime", "_id", "author", "body"]]);
    expect(findLeaks(textOf(messages), [...f.mine.secrets, ...f.other.secrets])).toEqual([]);
  });

  it("auth:isAuthenticated answers a boolean and nothing else", async () => {
    const f = await fixture();
    expect(await f.t.query(api.auth.isAuthenticated, {})).toBe(false);
    expect(await f.users.member.client.query(api.auth.isAuthenticated, {})).toBe(true);
  });

  it("auth:signIn exchanges nothing for a wrong SSO code, and says nothing about why", async () => {
    const f = await fixture();
    const before = await dbSnapshot(f.t);
    const result = await outcomeOf(f.t.action(api.auth.signIn, { provider: "sso", params: { code: "c".repeat(43) } }));
    expect(result.ok ? result.value : textOf(result.error)).toEqual(result.ok ? { tokens: null } : expect.any(String));
    expect(findLeaks(textOf(result.ok ? result.value : result.error), [...f.mine.secrets, ...f.other.secrets])).toEqual([]);
    expect(await dbSnapshot(f.t)).toEqual(before);
  });

  it("auth:signOut without a session does nothing", async () => {
    const f = await fixture();
    const before = await dbSnapshot(f.t);
    expect(await f.t.action(api.auth.signOut, {})).toBeNull();
    expect(await dbSnapshot(f.t)).toEqual(before);
  });
});
