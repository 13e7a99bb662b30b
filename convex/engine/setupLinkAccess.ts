import { v } from "convex/values";
import type { Doc } from "../_generated/dataModel";
import { internalMutation, internalQuery, type QueryCtx } from "../_generated/server";
import { challengeRecord, domainByName, normalizeDomain, recordVerificationCheck } from "./domain";
import { fail } from "./errors";
import { parsedMetadata, saveSaml } from "./samlStore";
import { noteSetupProgress, setupLinkActor, setupLinkByToken, setupLinkState, setupProgress, stepsOf } from "./setupLink";
import { setupScope, type SetupScope } from "./setupScope";

/**
 * How api.auth.setup authorizes: the raw token from the wizard's URL is
 * resolved on the server to its link, the link's one connection and its
 * scopes. Unknown, revoked and expired links are refused with their own
 * codes; a scope the link doesn't cover with FORBIDDEN. Nothing a caller
 * sends can name another connection: the connection comes from the link.
 */
const SCOPE_NAMES: Record<SetupScope, string> = { sso: "single sign-on", scim: "SCIM provisioning", domains: "domains" };

export type SetupAccess = { link: Doc<"setupLinks">; connection: Doc<"connections"> };

export async function requireSetupLink(ctx: QueryCtx, token: string, scope: SetupScope | null): Promise<SetupAccess> {
  const link = await setupLinkByToken(ctx, token);
  const connection = link ? await ctx.db.get(link.connectionId) : null;
  if (!link || !connection) fail("SETUP_LINK_INVALID", "This setup link isn't valid. Check that you opened the whole link, or ask for a new one.");
  const state = setupLinkState(link);
  if (state === "revoked") fail("SETUP_LINK_REVOKED", "This setup link was revoked. Ask the person who sent it for a new one.");
  if (state === "expired") fail("SETUP_LINK_EXPIRED", "This setup link has expired. Ask the person who sent it for a new one.");
  if (scope !== null && !link.scopes.includes(scope)) fail("FORBIDDEN", `This setup link doesn't cover ${SCOPE_NAMES[scope]}.`);
  return { link, connection };
}

/** What the wizard shows first: which organization and connection the link sets up, and its steps. */
export async function setupView(ctx: QueryCtx, { link, connection }: SetupAccess) {
  const group = await ctx.db.get(connection.groupId);
  const { steps, complete } = stepsOf(await setupProgress(ctx, connection), link.scopes);
  return {
    organization: group?.name ?? "Your organization",
    connectionId: connection._id,
    connectionName: connection.name,
    protocol: connection.protocol,
    scopes: link.scopes,
    expiresTime: link.expiresTime,
    steps,
    complete,
  };
}

/** A domain the link's connection claims, by any spelling of its name; NOT_FOUND otherwise (as in the console). */
export async function claimOf(ctx: QueryCtx, { connection }: SetupAccess, domain: string): Promise<Doc<"domains">> {
  const normalized = normalizeDomain(domain);
  const claim = normalized.ok ? await domainByName(ctx, normalized.domain) : null;
  if (!claim || claim.connectionId !== connection._id) fail("NOT_FOUND", "This connection doesn't claim that domain.");
  return claim;
}

/** For the wizard's actions, which cannot read the database: the same check the queries and mutations make. */
export const resolve = internalQuery({
  args: { token: v.string(), scope: setupScope },
  returns: v.id("connections"),
  handler: async (ctx, args) => (await requireSetupLink(ctx, args.token, args.scope)).connection._id,
});

/** Saves SAML settings read by the wizard's action; the link is checked again, as it may have been revoked meanwhile. */
export const saveSamlThroughLink = internalMutation({
  args: { token: v.string(), input: v.any(), metadata: parsedMetadata },
  handler: async (ctx, args) => {
    const { link, connection } = await requireSetupLink(ctx, args.token, "sso");
    const view = await saveSaml(ctx, { connection, input: args.input, metadata: args.metadata, actor: setupLinkActor(link) });
    await noteSetupProgress(ctx, link._id);
    return view;
  },
});

/** The first half of verifying a domain: which TXT record name the DNS lookup (a Node action) reads. */
export const prepareDomainCheck = internalQuery({
  args: { token: v.string(), domain: v.string() },
  returns: v.string(),
  handler: async (ctx, args) => {
    const claim = await claimOf(ctx, await requireSetupLink(ctx, args.token, "domains"), args.domain);
    if (!claim.challenge) fail("INVALID_INPUT", "Request a verification record first.");
    return challengeRecord(claim.domain, claim.challenge.token).name;
  },
});

/** The second half: the lookup's outcome becomes the domain's status, with the link as the actor. */
export const recordDomainCheck = internalMutation({
  args: {
    token: v.string(),
    domain: v.string(),
    lookup: v.union(v.object({ ok: v.literal(true), records: v.array(v.string()) }), v.object({ ok: v.literal(false), reason: v.string() })),
  },
  handler: async (ctx, args) => {
    const access = await requireSetupLink(ctx, args.token, "domains");
    const claim = await claimOf(ctx, access, args.domain);
    const status = await recordVerificationCheck(ctx, { domainId: claim._id, lookup: args.lookup, actor: setupLinkActor(access.link) });
    await noteSetupProgress(ctx, access.link._id);
    return status;
  },
});
