/**
 * The OpenID Connect settings' limits and token rules, shared by the
 * server's input schema (convex/engine/oidcConfig.ts) and the console form,
 * so both refuse the same things with the same bounds.
 */
export const OIDC_LIMITS = {
  maxScopes: 30,
  maxAuthorizationParams: 10,
  maxParamValueLength: 500,
  maxExtraFields: 20,
  maxClaimLength: 200,
  maxClockToleranceSeconds: 300,
} as const;

/** A minute absorbs ordinary clock drift between the IdP and us without widening replay windows much. */
export const DEFAULT_CLOCK_TOLERANCE_SECONDS = 60;

/** RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ). */
export const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]{1,100}$/;
export const PARAM_NAME = /^[A-Za-z0-9_.-]{1,64}$/;
/** Extra profile fields are stored as keys: identifiers. */
export const EXTRA_FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;

/**
 * Parameters the sign-in request sets itself: an extra parameter with one of
 * these names would break or weaken the flow (login_hint has its own switch).
 */
export const RESERVED_AUTHORIZATION_PARAMS: ReadonlySet<string> = new Set([
  "client_id",
  "redirect_uri",
  "response_type",
  "response_mode",
  "scope",
  "state",
  "nonce",
  "code_challenge",
  "code_challenge_method",
  "login_hint",
  "request",
  "request_uri",
]);
