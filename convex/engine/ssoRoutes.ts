import type { HttpRouter } from "convex/server";
import * as oauth from "oauth4webapi";
import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { httpAction, type ActionCtx } from "../_generated/server";
import { asFailure, authorizationUrl, completeAuthorization, discover } from "./oidcClient";
import type { OidcConfig, OidcDiscovered } from "./protocolShapes";
import { open } from "./secret";
import { sha256 } from "./tokens";
import { oidcRedirectUri, siteUrl } from "./urls";

/**
 * The SSO HTTP routes on the Convex site:
 *
 *   GET /api/auth/sso/<connectionId>/start?redirectTo=&login_hint=   (or ?test=<token>)
 *   GET /api/auth/sso/callback?code=&state=                          (one redirect URI for every OIDC connection)
 *
 * They do the network half (discovery, token exchange, signature checks);
 * the database half is in ssoFlow.ts. Every outcome is a redirect: to the
 * IdP, to /sso/complete with a one-time code, to a test result page, or to
 * /sign-in with an `sso_error` code.
 */
const SSO_PREFIX = "/api/auth/sso/";
// Metadata older than this is fetched again; on failure the last good copy is used.
const DISCOVERY_MAX_AGE_MS = 60 * 60 * 1000;

export function addSsoRoutes(http: HttpRouter): void {
  http.route({ path: `${SSO_PREFIX}callback`, method: "GET", handler: callback });
  http.route({ pathPrefix: SSO_PREFIX, method: "GET", handler: start });
}

function redirect(location: string): Response {
  // No caching and no referrer: these URLs carry one-time values.
  return new Response(null, { status: 302, headers: { Location: location, "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" } });
}

const start = httpAction(async (ctx, request) => {
  const url = new URL(request.url);
  const match = /^([^/]+)\/start$/.exec(url.pathname.slice(SSO_PREFIX.length));
  if (!match) return new Response("Not found", { status: 404 });
  const state = oauth.generateRandomState();
  const nonce = oauth.generateRandomNonce();
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const begun = await ctx.runMutation(internal.engine.ssoFlow.begin, {
    connectionId: match[1]!,
    stateHash: await sha256(state),
    codeVerifier,
    nonce,
    redirectTo: url.searchParams.get("redirectTo") ?? undefined,
    testToken: url.searchParams.get("test") ?? undefined,
  });
  if (!begun.ok) return redirect(begun.redirect);
  try {
    const discovered = await discovery(ctx, begun.connectionId, begun.config);
    const loginHint = url.searchParams.get("login_hint") ?? undefined;
    return redirect(await authorizationUrl(begun.config, discovered, { state, nonce, codeVerifier, redirectUri: oidcRedirectUri(), loginHint }));
  } catch (error) {
    const failure = asFailure(error, "idp_unreachable");
    return redirect(await ctx.runMutation(internal.engine.ssoFlow.recordFailure, { stateId: begun.stateId, code: failure.code, detail: failure.message }));
  }
});

/** The IdP's metadata: cached on the connection, refreshed when stale, the old copy kept if the IdP is down. */
async function discovery(ctx: ActionCtx, connectionId: Id<"connections">, config: OidcConfig): Promise<OidcDiscovered> {
  const cached = config.discovered;
  if (cached && Date.now() - cached.fetchedTime < DISCOVERY_MAX_AGE_MS) return cached;
  try {
    const fresh = await discover(config);
    await ctx.runMutation(internal.engine.ssoFlow.storeDiscovered, { connectionId, issuer: config.discovery.issuer, discovered: fresh });
    return fresh;
  } catch (error) {
    if (cached) return cached;
    throw error;
  }
}

const callback = httpAction(async (ctx, request) => {
  const url = new URL(request.url);
  const state = url.searchParams.get("state");
  if (!state) return redirect(siteUrl("/sign-in?sso_error=state_missing"));
  const consumed = await ctx.runMutation(internal.engine.ssoFlow.consumeState, { state });
  if (!consumed.ok) return redirect(consumed.redirect);
  const { stateId, config } = consumed;
  try {
    if (!config.client.secret) throw asFailure(new Error("No client secret is saved for this connection."), "connection_unavailable");
    const discovered = await discovery(ctx, consumed.connectionId, config);
    const claims = await completeAuthorization(config, discovered, {
      callbackUrl: url,
      state,
      nonce: consumed.nonce,
      codeVerifier: consumed.codeVerifier,
      redirectUri: oidcRedirectUri(),
      clientSecret: await open(config.client.secret),
    });
    return redirect(await ctx.runMutation(internal.engine.ssoFlow.complete, { stateId, claims: JSON.stringify(claims) }));
  } catch (error) {
    const failure = refusalOf(error) ?? asFailure(error, "internal_error");
    return redirect(await ctx.runMutation(internal.engine.ssoFlow.recordFailure, { stateId, code: failure.code, detail: failure.message }));
  }
});

/** A provisioning hook's refusal, which crosses `runMutation` as ConvexError data. */
function refusalOf(error: unknown): { code: string; message: string } | null {
  if (typeof error !== "object" || error === null || !("data" in error)) return null;
  const data = (error as { data: unknown }).data;
  if (typeof data === "object" && data !== null && "ssoError" in data && "message" in data) {
    return { code: String(data.ssoError), message: String(data.message) };
  }
  return null;
}
