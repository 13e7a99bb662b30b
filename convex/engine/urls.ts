/**
 * Absolute URLs are built from configuration, never from an incoming
 * request's Host header, which a client controls.
 */

/** A page of the app (SITE_URL). */
export function siteUrl(path = ""): string {
  return `${(process.env.SITE_URL ?? "http://localhost:3000").replace(/\/$/, "")}${path}`;
}

/** A Convex HTTP route (CONVEX_SITE_URL, set by the deployment). */
export function convexSiteUrl(path = ""): string {
  return `${(process.env.CONVEX_SITE_URL ?? "").replace(/\/$/, "")}${path}`;
}

/** The one redirect URI every OIDC connection registers at its IdP (the state names the connection). */
export function oidcRedirectUri(): string {
  return convexSiteUrl("/api/auth/sso/callback");
}
