import { parseRedirectTo } from "../../lib/redirect";
import type { Doc } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { domainByName, domainState, normalizeDomain } from "./domain";
import { emailDomain, normalizeEmail } from "./email";
import { fail } from "./errors";
import { getPolicy } from "./policy";
import { convexSiteUrl } from "./urls";

/**
 * auth.connection.signIn: which SSO connection an email, domain or
 * connection id signs in through, and the URL that starts it. Public and
 * unauthenticated (it runs before sign-in), so it reveals only what the
 * sign-in page needs, and it reads at most three documents (indexed).
 */
export interface SignInRoute {
  connectionId: Doc<"connections">["_id"];
  protocol: Doc<"connections">["protocol"];
  connectionName: string;
  /** The group's policy requires SSO: the sign-in page goes straight to the IdP. */
  enforced: boolean;
  signInUrl: string;
}

export interface SignInQuery {
  connectionId?: string;
  email?: string;
  domain?: string;
  redirectTo?: string;
  loginHint?: string;
}

export async function resolveSignIn(ctx: QueryCtx, query: SignInQuery): Promise<SignInRoute | null> {
  const keys = [query.connectionId, query.email, query.domain].filter((value) => value !== undefined);
  if (keys.length !== 1) fail("INVALID_INPUT", "Pass exactly one of connectionId, email or domain.");
  const redirectTo = query.redirectTo === undefined ? null : parseRedirectTo(query.redirectTo);
  if (query.redirectTo !== undefined && !redirectTo) fail("INVALID_INPUT", "redirectTo must be a path on this site.");
  if (query.loginHint !== undefined && query.loginHint.length > 254) fail("INVALID_INPUT", "loginHint is too long.");

  const connection = query.connectionId !== undefined ? await byId(ctx, query.connectionId) : await byDomain(ctx, query);
  if (!connection || connection.status !== "active") return null;
  const configured = connection.protocol === "oidc" ? connection.oidc : connection.saml;
  if (!configured) return null;

  const params = new URLSearchParams();
  if (redirectTo) params.set("redirectTo", redirectTo);
  const loginHint = query.loginHint ?? (query.email !== undefined ? normalizeEmail(query.email) : undefined);
  if (loginHint) params.set("login_hint", loginHint);
  const search = params.size > 0 ? `?${params}` : "";
  return {
    connectionId: connection._id,
    connectionName: connection.name,
    protocol: connection.protocol,
    enforced: (await getPolicy(ctx, connection.groupId)).ssoEnforced,
    signInUrl: convexSiteUrl(`/api/auth/sso/${connection._id}/start${search}`),
  };
}

async function byId(ctx: QueryCtx, connectionId: string) {
  const id = ctx.db.normalizeId("connections", connectionId);
  return id ? await ctx.db.get(id) : null;
}

async function byDomain(ctx: QueryCtx, query: SignInQuery) {
  let candidate: string;
  if (query.email !== undefined) {
    const email = normalizeEmail(query.email);
    if (email.length > 254 || !/^[^@\s]+@[^@\s]+$/.test(email)) fail("INVALID_INPUT", "Enter a valid email address.");
    candidate = emailDomain(email);
  } else {
    candidate = query.domain!;
  }
  const normalized = normalizeDomain(candidate);
  // Public mailbox providers and malformed domains simply have no SSO.
  if (!normalized.ok) return null;
  const claim = await domainByName(ctx, normalized.domain);
  if (!claim || domainState(claim) !== "verified") return null;
  return await ctx.db.get(claim.connectionId);
}
