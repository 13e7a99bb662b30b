import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { recordEvent, type AuditInput } from "./audit";
import { fail } from "./errors";
import { randomToken } from "./tokens";

/**
 * auth.connection.domain: the email domains a connection claims.
 *
 * A domain is stored normalized (lower case, ASCII/punycode, no trailing
 * dot) and has one owner across all groups. Ownership is proven with a DNS
 * TXT record; only verified domains route sign-in.
 */
export const CHALLENGE_PREFIX = "_group-sso-challenge";
export const CHALLENGE_VALUE_PREFIX = "group-sso-verification=";
export const CHALLENGE_TTL_MS = 7 * 24 * 60 * 60 * 1000;
export const MAX_DOMAINS_PER_CONNECTION = 20;

/** Public mailbox providers: anyone can have an address there, so nobody can own them. */
const CONSUMER_DOMAINS = new Set([
  "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "hotmail.co.uk", "live.com", "msn.com",
  "yahoo.com", "yahoo.co.uk", "ymail.com", "icloud.com", "me.com", "mac.com", "aol.com", "proton.me",
  "protonmail.com", "pm.me", "gmx.com", "gmx.de", "gmx.net", "web.de", "mail.com", "yandex.com", "yandex.ru",
  "zoho.com", "fastmail.com", "hey.com", "qq.com", "163.com", "126.com", "naver.com", "mail.ru",
]);

export type DomainState = Doc<"domains">["status"];

export type NormalizedDomain = { ok: true; domain: string } | { ok: false; reason: string };

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** Lower case, punycode, no trailing dot; refuses IPs, single labels and public mailbox providers. */
export function normalizeDomain(input: string): NormalizedDomain {
  const raw = input.trim().toLowerCase().replace(/^@/, "").replace(/\.$/, "");
  if (raw.length === 0 || raw.length > 253 || /[\s/:?#@\\]/.test(raw)) return { ok: false, reason: `"${input}" is not a domain name.` };
  let ascii: string;
  try {
    ascii = new URL(`http://${raw}`).hostname;
  } catch {
    return { ok: false, reason: `"${input}" is not a domain name.` };
  }
  const labels = ascii.split(".");
  // Punycode is longer than the Unicode it encodes: the limit applies to the name DNS sees.
  if (ascii.length > 253 || labels.length < 2 || !labels.every((label) => LABEL.test(label))) return { ok: false, reason: `"${input}" is not a domain name.` };
  if (/^\d+$/.test(labels.at(-1)!)) return { ok: false, reason: "Use a domain name, not an IP address." };
  if (CONSUMER_DOMAINS.has(ascii)) return { ok: false, reason: `${ascii} is a public email provider; claim your organization's own domain.` };
  return { ok: true, domain: ascii };
}

export function challengeRecord(domain: string, token: string) {
  return { type: "TXT" as const, name: `${CHALLENGE_PREFIX}.${domain}`, value: `${CHALLENGE_VALUE_PREFIX}${token}` };
}

/** The status a reader sees: a pending challenge past its expiry reads as expired. */
export function domainState(domain: Doc<"domains">, now = Date.now()): DomainState {
  if (domain.status === "pending" && domain.challenge && domain.challenge.expiresTime <= now) return "expired";
  return domain.status;
}

export function describeDomain(domain: Doc<"domains">) {
  return {
    domainId: domain._id,
    domain: domain.domain,
    isPrimary: domain.isPrimary,
    status: domainState(domain),
    record: domain.challenge && domain.status !== "verified" ? challengeRecord(domain.domain, domain.challenge.token) : null,
    expiresTime: domain.challenge?.expiresTime ?? null,
    verifiedTime: domain.verifiedTime ?? null,
    lastCheckedTime: domain.lastCheckedTime ?? null,
    failureReason: domain.failureReason ?? null,
  };
}

export async function domainsOf(ctx: QueryCtx, connectionId: Id<"connections">): Promise<Doc<"domains">[]> {
  return await ctx.db
    .query("domains")
    .withIndex("by_connectionId", (q) => q.eq("connectionId", connectionId))
    .collect();
}

export async function domainByName(ctx: QueryCtx, domain: string): Promise<Doc<"domains"> | null> {
  return await ctx.db
    .query("domains")
    .withIndex("by_domain", (q) => q.eq("domain", domain))
    .unique();
}

export interface DomainCheck {
  input: string;
  domain: string | null;
  ok: boolean;
  reason: string | null;
}

/** Checks candidate domains for a connection without changing anything. */
export async function validateDomains(
  ctx: QueryCtx,
  { connectionId, domains }: { connectionId: Id<"connections"> | null; domains: string[] },
): Promise<DomainCheck[]> {
  const seen = new Set<string>();
  const checks: DomainCheck[] = [];
  for (const input of domains) {
    const normalized = normalizeDomain(input);
    if (!normalized.ok) {
      checks.push({ input, domain: null, ok: false, reason: normalized.reason });
      continue;
    }
    const { domain } = normalized;
    const owner = await domainByName(ctx, domain);
    const reason = seen.has(domain)
      ? `${domain} is listed twice.`
      : owner && owner.connectionId !== connectionId
        ? `${domain} is already claimed by another connection.`
        : null;
    seen.add(domain);
    checks.push({ input, domain, ok: reason === null, reason });
  }
  return checks;
}

/**
 * Makes the connection's domains exactly `domains` (all or nothing): new ones
 * start pending with a fresh challenge, missing ones are removed, kept ones
 * keep their verification. `primary` (default: the first) is marked primary.
 */
export async function setDomains(
  ctx: MutationCtx,
  { connection, domains, primary, actor }: { connection: Doc<"connections">; domains: string[]; primary?: string; actor: AuditInput["actor"] },
): Promise<void> {
  if (domains.length > MAX_DOMAINS_PER_CONNECTION) fail("INVALID_INPUT", `A connection can claim at most ${MAX_DOMAINS_PER_CONNECTION} domains.`);
  const checks = await validateDomains(ctx, { connectionId: connection._id, domains });
  const failed = checks.find((check) => !check.ok);
  if (failed) fail(failed.reason?.includes("claimed") ? "DOMAIN_TAKEN" : "INVALID_INPUT", failed.reason!);
  const wanted = checks.map((check) => check.domain!);
  const normalizedPrimary = primary === undefined ? null : normalizeDomain(primary);
  const primaryDomain = normalizedPrimary ? (normalizedPrimary.ok ? normalizedPrimary.domain : null) : wanted[0];
  if (wanted.length > 0 && (!primaryDomain || !wanted.includes(primaryDomain))) fail("INVALID_INPUT", "The primary domain must be one of the domains.");

  const existing = await domainsOf(ctx, connection._id);
  const audit = (kind: AuditInput["kind"], domain: string) =>
    recordEvent(ctx, { groupId: connection.groupId, connectionId: connection._id, kind, actor, target: { type: "domain", id: domain, label: domain } });
  for (const row of existing) {
    if (wanted.includes(row.domain)) {
      if (row.isPrimary !== (row.domain === primaryDomain)) await ctx.db.patch(row._id, { isPrimary: row.domain === primaryDomain });
    } else {
      await ctx.db.delete(row._id);
      await audit("domain.removed", row.domain);
    }
  }
  for (const domain of wanted) {
    if (existing.some((row) => row.domain === domain)) continue;
    await ctx.db.insert("domains", {
      domain,
      groupId: connection.groupId,
      connectionId: connection._id,
      isPrimary: domain === primaryDomain,
      status: "pending",
      challenge: { token: randomToken(), expiresTime: Date.now() + CHALLENGE_TTL_MS },
    });
    await audit("domain.added", domain);
  }
}

/** A fresh challenge (requesting again renews it); a verified domain starts over. */
export async function requestVerification(
  ctx: MutationCtx,
  { domain, actor }: { domain: Doc<"domains">; actor: AuditInput["actor"] },
) {
  const challenge = { token: randomToken(), expiresTime: Date.now() + CHALLENGE_TTL_MS };
  await ctx.db.patch(domain._id, { status: "pending", challenge, failureReason: undefined, verifiedTime: undefined });
  await recordEvent(ctx, {
    groupId: domain.groupId,
    connectionId: domain.connectionId,
    kind: "domain.verification.requested",
    actor,
    target: { type: "domain", id: domain.domain, label: domain.domain },
  });
  return { record: challengeRecord(domain.domain, challenge.token), expiresTime: challenge.expiresTime };
}

/** Applies a DNS lookup's outcome to the domain's status. */
export async function recordVerificationCheck(
  ctx: MutationCtx,
  { domainId, lookup, actor }: { domainId: Id<"domains">; lookup: { ok: true; records: string[] } | { ok: false; reason: string }; actor: AuditInput["actor"] },
): Promise<DomainState> {
  const domain = await ctx.db.get(domainId);
  if (!domain) fail("NOT_FOUND", "That domain is no longer claimed.");
  const now = Date.now();
  const state = domainState(domain, now);
  if (state === "verified") return state;
  let failureReason: string | null = null;
  if (state === "expired" || !domain.challenge) failureReason = "The verification record expired. Request a new one.";
  else if (!lookup.ok) failureReason = lookup.reason;
  else if (!lookup.records.includes(challengeRecord(domain.domain, domain.challenge.token).value)) {
    failureReason = lookup.records.length === 0 ? "No TXT record found yet. DNS changes can take a few minutes." : "A TXT record exists but holds another value.";
  }
  const target = { type: "domain", id: domain.domain, label: domain.domain };
  if (failureReason) {
    await ctx.db.patch(domainId, { status: state === "expired" ? "expired" : "failed", failureReason, lastCheckedTime: now });
    await recordEvent(ctx, { groupId: domain.groupId, connectionId: domain.connectionId, kind: "domain.verification.failed", outcome: "failure", actor, target, reason: failureReason });
    return state === "expired" ? "expired" : "failed";
  }
  await ctx.db.patch(domainId, { status: "verified", verifiedTime: now, lastCheckedTime: now, failureReason: undefined });
  await recordEvent(ctx, { groupId: domain.groupId, connectionId: domain.connectionId, kind: "domain.verified", actor, target });
  return "verified";
}
