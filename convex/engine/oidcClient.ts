import * as oauth from "oauth4webapi";
import type { SsoErrorCode } from "../../lib/sso-errors";
import { allowPrivateIdpUrls } from "./oidcConfig";
import type { OidcConfig, OidcDiscovered } from "./protocolShapes";
import { fetchOutbound, OutboundFailure } from "./outboundFetch";

/**
 * The relying-party side of OpenID Connect, on oauth4webapi: discovery,
 * the authorization URL (code flow, PKCE S256, nonce), and the callback
 * (state, code exchange, ID token signature via JWKS, iss/aud/azp/exp/iat
 * /nonce, userinfo). Every request the library makes goes through
 * `guardedFetch`. Runs in Convex's default runtime (HTTP actions, actions).
 */
const MAX_RESPONSE_BYTES = 512 * 1024;

/** An OIDC failure with the reason code shown to people and written to the audit log. */
export class OidcFailure extends Error {
  constructor(
    readonly code: SsoErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Every request the library makes, under the outbound rules (outboundFetch.ts):
 * private addresses refused unless allowed, https in production, no
 * redirects, bounded time and size. An IdP URL is admin input, so it must not
 * become a way into our network or a way to hang the callback.
 */
async function guardedFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const url = input instanceof Request ? input.url : String(input);
  let response: Response;
  try {
    response = await fetchOutbound(url, init ?? {}, { allowPrivate: allowPrivateIdpUrls(), maxBytes: MAX_RESPONSE_BYTES });
  } catch (error) {
    if (error instanceof OutboundFailure) throw new OidcFailure("idp_unreachable", error.message);
    throw error;
  }
  // A server error is an outage (discovery then keeps its last good copy), not a refusal of this sign-in.
  if (response.status >= 500) throw new OidcFailure("idp_unreachable", `${url} answered ${response.status}.`);
  return response;
}

function httpOptions() {
  return { [oauth.customFetch]: guardedFetch, [oauth.allowInsecureRequests]: allowPrivateIdpUrls() };
}

/**
 * Fetches and checks the IdP's discovery document: the issuer must match
 * exactly unless `strictIssuer` is off (multi-tenant IdPs publish a template).
 */
export async function fetchDiscoveryMetadata(config: OidcConfig): Promise<oauth.AuthorizationServer> {
  const issuer = new URL(config.discovery.issuer);
  let response: Response;
  try {
    response = config.discovery.discoveryUrl
      ? await guardedFetch(config.discovery.discoveryUrl, { headers: { accept: "application/json" } })
      : await oauth.discoveryRequest(issuer, { algorithm: "oidc", ...httpOptions() });
  } catch (error) {
    throw asFailure(error, "idp_unreachable");
  }
  try {
    // Not strict: expect whatever issuer the document names (its other checks still apply).
    const expected = config.security.strictIssuer ? issuer : new URL(String(((await response.clone().json()) as { issuer?: unknown }).issuer));
    return await oauth.processDiscoveryResponse(expected, response);
  } catch (error) {
    // A wrong issuer or a broken document is a set-up problem, not an outage.
    throw new OidcFailure("connection_unavailable", `The discovery document was refused: ${error instanceof Error ? error.message : String(error)}.`);
  }
}

/** What sign-in needs from the metadata, with the admin's JWKS URI override. */
export function toDiscovered(config: OidcConfig, metadata: oauth.AuthorizationServer): OidcDiscovered {
  if (!metadata.authorization_endpoint || !metadata.token_endpoint) {
    throw new OidcFailure("connection_unavailable", "The discovery document names no authorization or token endpoint.");
  }
  const jwksUri = config.discovery.jwksUri ?? metadata.jwks_uri;
  if (!jwksUri) throw new OidcFailure("connection_unavailable", "The discovery document names no jwks_uri.");
  return {
    issuer: metadata.issuer,
    authorizationEndpoint: metadata.authorization_endpoint,
    tokenEndpoint: metadata.token_endpoint,
    ...(metadata.userinfo_endpoint ? { userinfoEndpoint: metadata.userinfo_endpoint } : {}),
    jwksUri,
    ...(metadata.id_token_signing_alg_values_supported ? { idTokenSigningAlgs: metadata.id_token_signing_alg_values_supported } : {}),
    fetchedTime: Date.now(),
  };
}

export async function discover(config: OidcConfig): Promise<OidcDiscovered> {
  return toDiscovered(config, await fetchDiscoveryMetadata(config));
}

/** Fetches the key set sign-in verifies ID tokens with; returns how many signing keys it has. */
export async function countSigningKeys(jwksUri: string): Promise<number> {
  const response = await guardedFetch(jwksUri, { headers: { accept: "application/json" } });
  if (!response.ok) throw new OidcFailure("idp_unreachable", `${jwksUri} answered ${response.status}.`);
  const body = (await response.json()) as { keys?: Array<{ use?: string }> };
  if (!Array.isArray(body.keys)) throw new OidcFailure("connection_unavailable", `${jwksUri} is not a JSON Web Key Set.`);
  return body.keys.filter((key) => key.use === undefined || key.use === "sig").length;
}

/** The issuer ID tokens must carry: the configured one, or (strictIssuer off) the discovered one. */
function authorizationServer(config: OidcConfig, discovered: OidcDiscovered): oauth.AuthorizationServer {
  return {
    issuer: config.security.strictIssuer ? config.discovery.issuer : discovered.issuer,
    authorization_endpoint: discovered.authorizationEndpoint,
    token_endpoint: discovered.tokenEndpoint,
    userinfo_endpoint: discovered.userinfoEndpoint,
    jwks_uri: discovered.jwksUri,
    id_token_signing_alg_values_supported: discovered.idTokenSigningAlgs,
  };
}

function client(config: OidcConfig): oauth.Client {
  return { client_id: config.client.id, [oauth.clockTolerance]: config.security.clockToleranceSeconds };
}

export interface AuthorizationRequest {
  state: string;
  nonce: string;
  codeVerifier: string;
  redirectUri: string;
  loginHint?: string;
}

export async function authorizationUrl(config: OidcConfig, discovered: OidcDiscovered, request: AuthorizationRequest): Promise<string> {
  const url = new URL(discovered.authorizationEndpoint);
  for (const [key, value] of Object.entries(config.request.authorizationParams ?? {})) url.searchParams.set(key, value);
  url.searchParams.set("client_id", config.client.id);
  url.searchParams.set("redirect_uri", request.redirectUri);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("scope", config.request.scopes.join(" "));
  url.searchParams.set("state", request.state);
  url.searchParams.set("nonce", request.nonce);
  url.searchParams.set("code_challenge", await oauth.calculatePKCECodeChallenge(request.codeVerifier));
  url.searchParams.set("code_challenge_method", "S256");
  if (config.request.loginHint && request.loginHint) url.searchParams.set("login_hint", request.loginHint);
  return url.href;
}

export interface CallbackInput {
  callbackUrl: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
  redirectUri: string;
  clientSecret: string;
}

/**
 * Completes the code flow and returns the validated claims: the ID token's,
 * completed from userinfo when the mapped email is missing from it.
 */
export async function completeAuthorization(config: OidcConfig, discovered: OidcDiscovered, input: CallbackInput): Promise<Record<string, unknown>> {
  const as = authorizationServer(config, discovered);
  const rp = client(config);
  let params: URLSearchParams;
  try {
    params = oauth.validateAuthResponse(as, rp, input.callbackUrl, input.state);
  } catch (error) {
    throw asFailure(error, "idp_error");
  }
  const clientAuth = config.client.authMethod === "client_secret_post" ? oauth.ClientSecretPost(input.clientSecret) : oauth.ClientSecretBasic(input.clientSecret);
  let tokenResponse: Response;
  try {
    tokenResponse = await oauth.authorizationCodeGrantRequest(as, rp, clientAuth, params, input.redirectUri, input.codeVerifier, httpOptions());
  } catch (error) {
    throw asFailure(error, "idp_unreachable");
  }
  let tokens: oauth.TokenEndpointResponse;
  try {
    tokens = await oauth.processAuthorizationCodeResponse(as, rp, tokenResponse, { expectedNonce: input.nonce, requireIdToken: true });
    // The token endpoint is reached over TLS, but we check the signature anyway:
    // it proves the claims came from the IdP's keys, not just from its host.
    await oauth.validateApplicationLevelSignature(as, tokenResponse, { ...httpOptions(), [oauth.jwksCache]: {} });
  } catch (error) {
    throw asFailure(error, "token_exchange_failed");
  }
  const claims = oauth.getValidatedIdTokenClaims(tokens)!;
  if (config.discovery.audience !== undefined && !audiences(claims.aud).includes(config.discovery.audience)) {
    throw new OidcFailure("id_token_invalid", `The ID token's audience doesn't include ${config.discovery.audience}.`);
  }
  const mapped: Record<string, unknown> = { ...claims };
  if (mapped[config.profile.mapping.email] === undefined && as.userinfo_endpoint) {
    try {
      const response = await oauth.userInfoRequest(as, rp, tokens.access_token, httpOptions());
      const userinfo = await oauth.processUserInfoResponse(as, rp, claims.sub, response);
      // The ID token's claims win: they are signed.
      return { ...userinfo, ...mapped };
    } catch (error) {
      throw asFailure(error, "token_exchange_failed");
    }
  }
  return mapped;
}

function audiences(aud: string | string[]): string[] {
  return Array.isArray(aud) ? aud : [aud];
}

/** Names what went wrong in terms people and the audit log can use, without echoing tokens. */
export function asFailure(error: unknown, fallback: SsoErrorCode): OidcFailure {
  if (error instanceof OidcFailure) return error;
  if (error instanceof oauth.AuthorizationResponseError) {
    return new OidcFailure("idp_error", `The IdP answered ${error.error}${error.error_description ? `: ${error.error_description}` : ""}.`);
  }
  if (error instanceof oauth.ResponseBodyError) {
    return new OidcFailure("token_exchange_failed", `The token endpoint answered ${error.status} ${error.error}${error.error_description ? `: ${error.error_description}` : ""}.`);
  }
  if (error instanceof oauth.OperationProcessingError) {
    switch (error.code) {
      case oauth.JWT_TIMESTAMP_CHECK:
        return new OidcFailure("id_token_expired", `ID token time check failed: ${error.message}.`);
      case oauth.JWT_CLAIM_COMPARISON:
      case oauth.JSON_ATTRIBUTE_COMPARISON:
      case oauth.KEY_SELECTION:
      case oauth.INVALID_RESPONSE:
        return new OidcFailure("id_token_invalid", `ID token check failed: ${error.message}.`);
      default:
        return new OidcFailure(fallback, error.message);
    }
  }
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "TypeError")) {
    return new OidcFailure("idp_unreachable", `Couldn't reach the IdP: ${error.message}.`);
  }
  // Signature failures surface as plain errors from the JWS check.
  if (error instanceof Error && /signature/i.test(error.message)) return new OidcFailure("id_token_invalid", `ID token check failed: ${error.message}.`);
  return new OidcFailure(fallback, error instanceof Error ? error.message : String(error));
}
