import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { recordEvent, type AuditInput } from "./audit";
import { domainsOf, domainState } from "./domain";
import { fail } from "./errors";
import { SETUP_LINK_TTL_HOURS, SETUP_SCOPES, type SetupScope } from "./setupScope";
import { randomToken, sha256 } from "./tokens";
import { siteUrl } from "./urls";

/**
 * auth.connection.setupLink: links that let the customer's IT admin set up
 * one connection without an account. The link carries a 256-bit token; only
 * its SHA-256 is stored, and the URL is returned once, at creation. A link is
 * active until it expires or is revoked. Creating, opening and revoking it
 * are audited, and so is every change made through it, with the link as the
 * actor; the first time every scoped step is done, `connection.setup.completed`
 * is recorded (and so sent to the connection's webhooks).
 */
const HOUR_MS = 60 * 60 * 1000;
/** Bounds the rows a connection's link list reads, and the links an admin must keep track of. */
export const MAX_ACTIVE_SETUP_LINKS = 10;
const MAX_NOTE_LENGTH = 120;
const LIST_LIMIT = 50;
/** A reload or a second tab within this window is the same visit: one `setup_link.opened` event. */
export const OPEN_AUDIT_INTERVAL_MS = 15 * 60 * 1000;
/** Tokens are 43 base64url characters; anything much longer is not one of ours and isn't hashed. */
const MAX_TOKEN_LENGTH = 128;

export type SetupLinkState = "active" | "expired" | "revoked";

export function setupLinkState(link: Doc<"setupLinks">, now = Date.now()): SetupLinkState {
  if (link.revokedTime !== undefined) return "revoked";
  return link.expiresTime <= now ? "expired" : "active";
}

/** The link as the audit log names it: its id, and who it was for when the admin said. */
export function setupLinkActor(link: Doc<"setupLinks">): AuditInput["actor"] {
  return { type: "setupLink", id: link._id, label: link.note ? `Setup link (${link.note})` : "Setup link" };
}

function linkTarget(linkId: Id<"setupLinks">, note: string | undefined) {
  return { type: "setupLink", id: linkId, label: note ?? "Setup link" };
}

/** The newest LIST_LIMIT links: with at most 10 active at once and 30 days each, older ones are history. */
export async function setupLinksOf(ctx: QueryCtx, connectionId: Id<"connections">): Promise<Doc<"setupLinks">[]> {
  return await ctx.db
    .query("setupLinks")
    .withIndex("by_connectionId", (q) => q.eq("connectionId", connectionId))
    .order("desc")
    .take(LIST_LIMIT);
}

export async function createSetupLink(
  ctx: MutationCtx,
  {
    connection,
    scopes,
    ttlHours = SETUP_LINK_TTL_HOURS.default,
    note,
    userId,
    actor,
  }: { connection: Doc<"connections">; scopes: SetupScope[]; ttlHours?: number; note?: string; userId: Id<"users">; actor: AuditInput["actor"] },
): Promise<{ setupLinkId: Id<"setupLinks">; url: string; expiresTime: number }> {
  const wanted = SETUP_SCOPES.filter((scope) => scopes.includes(scope));
  if (wanted.length === 0) fail("INVALID_INPUT", "Pick at least one thing the link may set up: SSO, SCIM or domains.");
  if (!Number.isInteger(ttlHours) || ttlHours < SETUP_LINK_TTL_HOURS.min || ttlHours > SETUP_LINK_TTL_HOURS.max) {
    fail("INVALID_INPUT", `A setup link lasts a whole number of hours, from ${SETUP_LINK_TTL_HOURS.min} to ${SETUP_LINK_TTL_HOURS.max} (30 days).`);
  }
  const trimmed = note?.trim() || undefined;
  if (trimmed && trimmed.length > MAX_NOTE_LENGTH) fail("INVALID_INPUT", `Use at most ${MAX_NOTE_LENGTH} characters for who the link is for.`);
  const active = (await setupLinksOf(ctx, connection._id)).filter((link) => setupLinkState(link) === "active");
  if (active.length >= MAX_ACTIVE_SETUP_LINKS) fail("INVALID_INPUT", `A connection can have at most ${MAX_ACTIVE_SETUP_LINKS} active setup links: revoke one first.`);

  const token = randomToken();
  const expiresTime = Date.now() + ttlHours * HOUR_MS;
  const setupLinkId = await ctx.db.insert("setupLinks", {
    groupId: connection.groupId,
    connectionId: connection._id,
    tokenHash: await sha256(token),
    scopes: [...wanted],
    ...(trimmed ? { note: trimmed } : {}),
    expiresTime,
    createdByUserId: userId,
  });
  await recordEvent(ctx, {
    groupId: connection.groupId,
    connectionId: connection._id,
    kind: "setup_link.created",
    actor,
    target: linkTarget(setupLinkId, trimmed),
    metadata: { scopes: wanted.join(" "), expiresTime },
  });
  return { setupLinkId, url: siteUrl(`/setup/${token}`), expiresTime };
}

export async function setupLinkByToken(ctx: QueryCtx, token: string): Promise<Doc<"setupLinks"> | null> {
  if (token.length === 0 || token.length > MAX_TOKEN_LENGTH) return null;
  const tokenHash = await sha256(token);
  return await ctx.db
    .query("setupLinks")
    .withIndex("by_tokenHash", (q) => q.eq("tokenHash", tokenHash))
    .unique();
}

/** Ends the link at once (an expired one too, so the list says it was revoked); revoking twice changes nothing. */
export async function revokeSetupLink(ctx: MutationCtx, { link, userId, actor }: { link: Doc<"setupLinks">; userId: Id<"users">; actor: AuditInput["actor"] }): Promise<void> {
  if (link.revokedTime !== undefined) return;
  await ctx.db.patch(link._id, { revokedTime: Date.now(), revokedByUserId: userId });
  await recordEvent(ctx, {
    groupId: link.groupId,
    connectionId: link.connectionId,
    kind: "setup_link.revoked",
    actor,
    target: linkTarget(link._id, link.note),
  });
}

/**
 * Where the connection's set-up stands, per scope: SSO configured and a
 * test sign-in succeeded, a SCIM token that can authenticate, a verified domain.
 */
export async function setupProgress(ctx: QueryCtx, connection: Doc<"connections">) {
  const now = Date.now();
  const configured = connection.protocol === "oidc" ? Boolean(connection.oidc) : Boolean(connection.saml);
  const tested = connection.lastTest?.ok === true;
  const liveTokens = (connection.scim?.tokens ?? []).filter((token) => token.expiresTime === undefined || token.expiresTime > now);
  const domains = await domainsOf(ctx, connection._id);
  const verified = domains.filter((domain) => domainState(domain, now) === "verified").length;
  return {
    sso: { done: configured && tested, configured, tested },
    scim: { done: connection.scim?.status === "enabled" && liveTokens.length > 0, configured: Boolean(connection.scim), tokens: liveTokens.length },
    domains: { done: verified > 0, claimed: domains.length, verified },
  };
}

export type SetupProgress = Awaited<ReturnType<typeof setupProgress>>;

/** The steps a link covers, in the wizard's order, and whether all are done. */
export function stepsOf(progress: SetupProgress, scopes: readonly SetupScope[]) {
  const steps = SETUP_SCOPES.filter((scope) => scopes.includes(scope)).map((scope) => ({ scope, done: progress[scope].done }));
  return { steps, complete: steps.every((step) => step.done) };
}

/** After a change through the link: the first time all its steps are done, records `connection.setup.completed`. */
export async function noteSetupProgress(ctx: MutationCtx, linkId: Id<"setupLinks">): Promise<void> {
  const link = await ctx.db.get(linkId);
  if (!link || link.completedTime !== undefined || setupLinkState(link) !== "active") return;
  const connection = await ctx.db.get(link.connectionId);
  if (!connection || !stepsOf(await setupProgress(ctx, connection), link.scopes).complete) return;
  await ctx.db.patch(link._id, { completedTime: Date.now() });
  await recordEvent(ctx, {
    groupId: connection.groupId,
    connectionId: connection._id,
    kind: "connection.setup.completed",
    actor: setupLinkActor(link),
    target: { type: "connection", id: connection._id, label: connection.name },
    metadata: { scopes: link.scopes.join(" "), protocol: connection.protocol },
  });
}

/** The wizard opened the link: remembered, and audited once per visit. */
export async function openSetupLink(ctx: MutationCtx, link: Doc<"setupLinks">): Promise<void> {
  const now = Date.now();
  const sameVisit = link.lastOpenedTime !== undefined && now - link.lastOpenedTime < OPEN_AUDIT_INTERVAL_MS;
  await ctx.db.patch(link._id, { lastOpenedTime: now, ...(link.firstOpenedTime === undefined ? { firstOpenedTime: now } : {}) });
  if (!sameVisit) {
    await recordEvent(ctx, {
      groupId: link.groupId,
      connectionId: link.connectionId,
      kind: "setup_link.opened",
      actor: setupLinkActor(link),
      target: linkTarget(link._id, link.note),
    });
  }
  // Steps done in the console since the last change through the link count too.
  await noteSetupProgress(ctx, link._id);
}

/** The admin's view of a link: never the token (it isn't stored). */
export function describeSetupLink(link: Doc<"setupLinks">, progress: SetupProgress, createdBy: string | null) {
  return {
    setupLinkId: link._id,
    scopes: link.scopes,
    note: link.note ?? null,
    state: setupLinkState(link),
    createdTime: link._creationTime,
    createdBy,
    expiresTime: link.expiresTime,
    revokedTime: link.revokedTime ?? null,
    firstOpenedTime: link.firstOpenedTime ?? null,
    lastOpenedTime: link.lastOpenedTime ?? null,
    completedTime: link.completedTime ?? null,
    steps: stepsOf(progress, link.scopes).steps,
  };
}

export async function listSetupLinks(ctx: QueryCtx, connection: Doc<"connections">) {
  const progress = await setupProgress(ctx, connection);
  const rows = [];
  for (const link of await setupLinksOf(ctx, connection._id)) {
    const creator = await ctx.db.get(link.createdByUserId);
    rows.push(describeSetupLink(link, progress, creator?.name ?? creator?.email ?? null));
  }
  return rows;
}
