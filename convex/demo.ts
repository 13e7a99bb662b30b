import { createAccount, retrieveAccount } from "@convex-dev/auth/server";
import { v } from "convex/values";
import { internal } from "./_generated/api";
import type { Doc, Id } from "./_generated/dataModel";
import { internalAction, internalMutation, type MutationCtx } from "./_generated/server";
import { auth } from "./auth";
import { fail } from "./engine/errors";
import type { ParsedIdpMetadata } from "./engine/samlConfig";

const SEED_ACTOR = { type: "system" as const, label: "Demo seed" };

/**
 * The offline SSO demo that `npm run dev` seeds (tools/dev): two groups whose
 * connections point at the local demo IdP (tools/demo-idp) — Acme over OIDC
 * with the verified domain acme.test, Initech over SAML with initech.test —
 * so `bob@acme.test` and `frank@initech.test` can sign in with SSO at once,
 * and an owner with a password to look at the groups' consoles.
 *
 * Internal, and refused unless the deployment allows private IdP URLs — the
 * setting only development turns on. Running it again updates the demo in place.
 */
const DEMO_GROUP_SLUG = "acme-demo";
const OWNER_EMAIL = "owner@acme.test";
// A fixed, documented password: this account exists only on local dev data.
const OWNER_PASSWORD = "acme-demo-owner";

const seedArgs = { issuer: v.string(), clientId: v.string(), clientSecret: v.string(), domain: v.string() };
const SAML_GROUP_SLUG = "initech-demo";

export const seed = internalAction({
  args: { ...seedArgs, samlMetadataUrl: v.string(), samlDomain: v.string() },
  handler: async (ctx, { samlMetadataUrl, samlDomain, ...args }): Promise<{ groupName: string; connectionName: string; samlGroupName: string; ownerEmail: string; ownerPassword: string }> => {
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
    // The SAML IdP's certificate is new on every run of the demo IdP: its metadata is read again each time.
    const metadata = await ctx.runAction(internal.engine.samlNode.readMetadata, { url: samlMetadataUrl, maxSize: 256 * 1024 });
    const samlGroupName: string = await ctx.runMutation(internal.demo.seedSamlGroup, { ownerId, metadata, domain: samlDomain });
    return { ...names, samlGroupName, ownerEmail: OWNER_EMAIL, ownerPassword: OWNER_PASSWORD };
  },
});

/** A group, its owner, and its one connection (created on the first run), with the demo domain verified. */
async function demoGroup(ctx: MutationCtx, { slug, name, protocol, connectionName, ownerId }: { slug: string; name: string; protocol: "oidc" | "saml"; connectionName: string; ownerId: Id<"users"> }) {
  const existingGroup = await ctx.db
    .query("groups")
    .withIndex("by_slug", (q) => q.eq("slug", slug))
    .unique();
  const groupId = existingGroup?._id ?? (await auth.group.create(ctx, { name, slug }));
  if (!(await auth.member.getByUserAndGroup(ctx, { userId: ownerId, groupId }))) {
    await auth.member.add(ctx, { groupId, userId: ownerId, role: "owner" });
  }
  const [existingConnection] = await auth.connection.list(ctx, groupId);
  const connectionId = existingConnection?._id ?? (await auth.connection.create(ctx, { groupId, protocol, name: connectionName, actor: SEED_ACTOR }));
  return { groupId, connection: (await ctx.db.get(connectionId))! };
}

/** The demo domain can't be published in public DNS: it is marked verified directly. */
async function claimVerified(ctx: MutationCtx, connection: Doc<"connections">, domain: string) {
  if (!(await auth.connection.domain.list(ctx, connection._id)).some((row) => row.domain === domain)) {
    await auth.connection.domain.set(ctx, { connection, domains: [domain], actor: SEED_ACTOR });
  }
  for (const row of await auth.connection.domain.list(ctx, connection._id)) {
    await ctx.db.patch(row._id, { status: "verified", verifiedTime: Date.now(), challenge: undefined, failureReason: undefined });
  }
}

export const seedSamlGroup = internalMutation({
  args: {
    ownerId: v.id("users"),
    domain: v.string(),
    metadata: v.object({ xml: v.string(), url: v.optional(v.string()), parsed: v.any() }),
  },
  handler: async (ctx, args) => {
    const { groupId, connection } = await demoGroup(ctx, { slug: SAML_GROUP_SLUG, name: "Initech (demo)", protocol: "saml", connectionName: "Initech demo IdP (SAML)", ownerId: args.ownerId });
    await auth.connection.saml.save(ctx, {
      connection,
      actor: SEED_ACTOR,
      metadata: args.metadata as { xml: string; url?: string; parsed: ParsedIdpMetadata },
      input: { metadata: { url: args.metadata.url }, idpInitiated: { enabled: true, defaultRedirect: "/dashboard" } },
    });
    await claimVerified(ctx, connection, args.domain);
    await auth.connection.policy.update(ctx, { groupId, actor: SEED_ACTOR, patch: { roleMapping: [{ source: "groups", value: "initech-admins", role: "admin" }] } });
    await ctx.db.patch(connection._id, { status: "active" });
    return (await ctx.db.get(groupId))!.name;
  },
});

export const seedGroup = internalMutation({
  args: { ...seedArgs, ownerId: v.id("users"), ownerEmail: v.string() },
  handler: async (ctx, args) => {
    // The owner's address is a demo one nobody can read mail for: its password account starts verified.
    const account = await ctx.db
      .query("authAccounts")
      .withIndex("providerAndAccountId", (q) => q.eq("provider", "password").eq("providerAccountId", args.ownerEmail))
      .unique();
    if (account && !account.emailVerified) await ctx.db.patch(account._id, { emailVerified: args.ownerEmail });
    const { groupId, connection } = await demoGroup(ctx, { slug: DEMO_GROUP_SLUG, name: "Acme (demo)", protocol: "oidc", connectionName: "Acme demo IdP", ownerId: args.ownerId });
    await auth.user.setActiveGroup(ctx, { userId: args.ownerId, groupId });
    await auth.connection.oidc.set(ctx, {
      connection,
      actor: SEED_ACTOR,
      input: {
        discovery: { issuer: args.issuer },
        client: { id: args.clientId, secret: args.clientSecret, authMethod: "client_secret_basic" },
        profile: { mapping: { subject: "sub", email: "email", name: "name", groups: "groups" } },
      },
    });
    await claimVerified(ctx, connection, args.domain);
    await auth.connection.policy.update(ctx, { groupId, actor: SEED_ACTOR, patch: { roleMapping: [{ source: "groups", value: "acme-admins", role: "admin" }] } });
    await ctx.db.patch(connection._id, { status: "active" });
    return { groupName: (await ctx.db.get(groupId))!.name, connectionName: connection.name };
  },
});
