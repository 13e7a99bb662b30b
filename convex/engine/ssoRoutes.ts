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

const SAML_PREFIX = "/api/auth/saml/";
// Bigger than any connection's maxResponseSize (which samlNode.validate enforces): refused before reading more.
const MAX_ACS_BODY_BYTES = 2 * 1024 * 1024;

export function addSsoRoutes(http: HttpRouter): void {
  http.route({ path: `${SSO_PREFIX}callback`, method: "GET", handler: callback });
  http.route({ pathPrefix: SSO_PREFIX, method: "GET", handler: start });
  http.route({ pathPrefix: SAML_PREFIX, method: "POST", handler: acs });
  http.route({ pathPrefix: SAML_PREFIX, method: "GET", handler: spMetadata });
}

function redirect(location: string): Response {
  // No caching and no referrer: these URLs carry one-time values.
  return new Response(null, { status: 302, headers: { Location: location, "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" } });
}

const start = httpAction(async (ctx, request) => {
  const url = new URL(request.url);
  const match = /^([^/]+)\/start$/.exec(url.pathname.slice(SSO_PREFIX.length));
  if (!match) return new Response("Not found", { status: 404 });
  const refused = await ctx.runMutation(internal.engine.ssoStartLimit.admit, { connectionId: match[1]! });
  if (refused) return redirect(refused);
  const state = oauth.generateRandomState();
  const nonce = oauth.generateRandomNonce();
  const codeVerifier = oauth.generateRandomCodeVerifier();
  // SAML IDs are xs:ID: they must not start with a digit.
  const requestId = `_${oauth.generateRandomState()}`;
  const begun = await ctx.runMutation(internal.engine.ssoFlow.begin, {
    connectionId: match[1]!,
    stateHash: await sha256(state),
    codeVerifier,
    nonce,
    requestId,
    redirectTo: url.searchParams.get("redirectTo") ?? undefined,
    testToken: url.searchParams.get("test") ?? undefined,
  });
  if (!begun.ok) return redirect(begun.redirect);
  try {
    if (begun.protocol === "saml") {
      return redirect(await ctx.runAction(internal.engine.samlNode.authorizeUrl, { connectionId: begun.connectionId, requestId, relayState: state }));
    }
    const config = begun.oidc!;
    const discovered = await discovery(ctx, begun.connectionId, config);
    const loginHint = url.searchParams.get("login_hint") ?? undefined;
    return redirect(await authorizationUrl(config, discovered, { state, nonce, codeVerifier, redirectUri: oidcRedirectUri(), loginHint }));
  } catch (error) {
    const failure = asFailure(error, "idp_unreachable");
    return redirect(await ctx.runMutation(internal.engine.ssoFlow.recordFailure, { stateId: begun.stateId, code: failure.code, detail: failure.message }));
  }
});

/** The SAML Assertion Consumer Service (HTTP-POST binding): `POST /api/auth/saml/<connectionId>/acs`. */
const acs = httpAction(async (ctx, request) => {
  const connectionId = /^([^/]+)\/acs$/.exec(new URL(request.url).pathname.slice(SAML_PREFIX.length))?.[1];
  if (!connectionId) return new Response("Not found", { status: 404 });
  const id = await ctx.runQuery(internal.engine.samlStore.connectionIdOf, { connectionId });
  if (!id) return redirect(siteUrl("/sign-in?sso_error=connection_unavailable"));
  const body = await readBounded(request, MAX_ACS_BODY_BYTES);
  const form = body === null ? null : new URLSearchParams(body);
  const samlResponse = form?.get("SAMLResponse");
  const relayState = form?.get("RelayState") ?? undefined;
  if (!samlResponse) {
    const detail = body === null ? "The posted body is larger than 2 MB." : "The post carries no SAMLResponse.";
    const code = body === null ? "response_too_large" : "assertion_invalid";
    return redirect(await ctx.runMutation(internal.engine.ssoFlow.recordSamlFailure, { connectionId: id, relayState, code, detail }));
  }
  const validated = await ctx.runAction(internal.engine.samlNode.validate, { connectionId: id, samlResponse });
  if (!validated.ok) {
    return redirect(await ctx.runMutation(internal.engine.ssoFlow.recordSamlFailure, { connectionId: id, relayState, code: validated.code, detail: validated.detail }));
  }
  try {
    return redirect(await ctx.runMutation(internal.engine.ssoFlow.completeSaml, { connectionId: id, relayState, assertion: validated.assertion }));
  } catch (error) {
    const failure = refusalOf(error) ?? { code: "internal_error", message: error instanceof Error ? error.message : String(error) };
    return redirect(await ctx.runMutation(internal.engine.ssoFlow.recordSamlFailure, { connectionId: id, relayState, code: failure.code, detail: failure.message }));
  }
});

/** Our SP metadata: `GET /api/auth/saml/<connectionId>/metadata`. */
const spMetadata = httpAction(async (ctx, request) => {
  const connectionId = /^([^/]+)\/metadata$/.exec(new URL(request.url).pathname.slice(SAML_PREFIX.length))?.[1];
  const xml = connectionId ? await ctx.runQuery(internal.engine.samlStore.spMetadata, { connectionId }) : null;
  if (xml === null) return new Response("Not found", { status: 404 });
  return new Response(xml, { headers: { "Content-Type": "application/samlmetadata+xml; charset=utf-8", "Content-Disposition": 'inline; filename="sp-metadata.xml"' } });
});

/** The body as text, or null when it is larger than `limit` bytes (not read further). */
async function readBounded(request: Request, limit: number): Promise<string | null> {
  if (Number(request.headers.get("content-length") ?? "0") > limit) return null;
  const body = await request.arrayBuffer();
  return body.byteLength > limit ? null : new TextDecoder().decode(body);
}

/** The IdP's metadata: cached on the connection, refreshed when stale, the old copy kept if the IdP is down. */
async function discovery(ctx: ActionCtx, connectionId: Id<"connections">, config: OidcConfig): Promise<OidcDiscovered> {
  const cached = config.discovered;
  if (cached && Date.now() - cached.fetchedTime < DISCOVERY_MAX_AGE_MS) return cached;
  try {
    const fresh = await discover(config);
    await ctx.runMutation(internal.engine.ssoFlow.storeDiscovered, { connectionId, issuer: config.discovery.issuer, discovered: fresh });
    return fresh;
  } catch (error) {
    // The connection reads as degraded until a fetch succeeds; sign-in goes on with the last good copy if there is one.
    const message = asFailure(error, "idp_unreachable").message;
    await ctx.runMutation(internal.engine.idpHealth.recordOidcRefreshFailure, { connectionId, issuer: config.discovery.issuer, message });
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
