import { createAccount, retrieveAccount } from "@convex-dev/auth/server";
import { v } from "convex/values";
import { internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { internalAction, internalMutation } from "./_generated/server";
import { auth } from "./auth";
import { fail } from "./engine/errors";

/**
 * The offline SSO demo that `npm run dev` seeds (tools/dev): a group whose
 * OIDC connection points at the local demo IdP (tools/demo-idp) and owns the
 * verified domain acme.test, so `bob@acme.test` can sign in with SSO at once,
 * and an owner with a password to look at the group's console.
 *
 * Internal, and refused unless the deployment allows private IdP URLs — the
 * setting only development turns on. Running it again updates the demo in place.
 */
const DEMO_GROUP_SLUG = "acme-demo";
const OWNER_EMAIL = "owner@acme.test";
// A fixed, documented password: this account exists only on local dev data.
const OWNER_PASSWORD = "acme-demo-owner";

const seedArgs = { issuer: v.string(), clientId: v.string(), clientSecret: v.string(), domain: v.string() };

export const seed = internalAction({
  args: seedArgs,
  handler: async (ctx, args): Promise<{ groupName: string; connectionName: string; ownerEmail: string; ownerPassword: string }> => {
    if (process.env.ALLOW_PRIVATE_IDP_URLS !== "true") fail("FORBIDDEN", "The SSO demo is for local development only.");
    const existing = await retrieveAccount(ctx, { provider: "password", account: { id: OWNER_EMAIL } }).catch(() => null);
    const ownerId: Id<"users"> =
      existing?.user._id ??
      (
        await createAccount(ctx, {
          provider: "password",
          account: { id: OWNER_EMAIL, secret: OWNER_PASSWORD },
          profile: { email: OWNER_EMAIL, name: "Demo Owner", emailVerificationTime: Date.now() },
        })
      ).user._id;
    const names: { groupName: string; connectionName: string } = await ctx.runMutation(internal.demo.seedGroup, { ...args, ownerId, ownerEmail: OWNER_EMAIL });
    return { ...names, ownerEmail: OWNER_EMAIL, ownerPassword: OWNER_PASSWORD };
  },
});

export const seedGroup = internalMutation({
  args: { ...seedArgs, ownerId: v.id("users"), ownerEmail: v.string() },
  handler: async (ctx, args) => {
    const actor = { type: "system" as const, label: "Demo seed" };
    // The owner's address is a demo one nobody can read mail for: its password account starts verified.
    const account = await ctx.db
      .query("authAccounts")
      .withIndex("providerAndAccountId", (q) => q.eq("provider", "password").eq("providerAccountId", args.ownerEmail))
      .unique();
    if (account && !account.emailVerified) await ctx.db.patch(account._id, { emailVerified: args.ownerEmail });
    const existingGroup = await ctx.db
      .query("groups")
      .withIndex("by_slug", (q) => q.eq("slug", DEMO_GROUP_SLUG))
      .unique();
    const groupId = existingGroup?._id ?? (await auth.group.create(ctx, { name: "Acme (demo)", slug: DEMO_GROUP_SLUG }));
    if (!(await auth.member.getByUserAndGroup(ctx, { userId: args.ownerId, groupId }))) {
      await auth.member.add(ctx, { groupId, userId: args.ownerId, role: "owner" });
    }
    await auth.user.setActiveGroup(ctx, { userId: args.ownerId, groupId });

    const [existingConnection] = await auth.connection.list(ctx, groupId);
    const connectionId = existingConnection?._id ?? (await auth.connection.create(ctx, { groupId, protocol: "oidc", name: "Acme demo IdP", actor }));
    const connection = (await ctx.db.get(connectionId))!;
    await auth.connection.oidc.set(ctx, {
      connection,
      actor,
      input: {
        discovery: { issuer: args.issuer },
        client: { id: args.clientId, secret: args.clientSecret, authMethod: "client_secret_basic" },
        profile: { mapping: { subject: "sub", email: "email", name: "name", groups: "groups" } },
      },
    });
    const domain = (await auth.connection.domain.list(ctx, connectionId)).find((row) => row.domain === args.domain);
    if (!domain) await auth.connection.domain.set(ctx, { connection, domains: [args.domain], actor });
    // The demo domain can't be published in public DNS: it is marked verified directly.
    for (const row of await auth.connection.domain.list(ctx, connectionId)) {
      await ctx.db.patch(row._id, { status: "verified", verifiedTime: Date.now(), challenge: undefined, failureReason: undefined });
    }
    await auth.connection.policy.update(ctx, {
      groupId,
      actor,
      patch: { roleMapping: [{ source: "groups", value: "acme-admins", role: "admin" }] },
    });
    await ctx.db.patch(connectionId, { status: "active" });
    return { groupName: (await ctx.db.get(groupId))!.name, connectionName: connection.name };
  },
});
