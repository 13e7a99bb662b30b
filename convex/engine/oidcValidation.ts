import { v } from "convex/values";
import type * as oauth from "oauth4webapi";
import { internalMutation, internalQuery } from "../_generated/server";
import { fail } from "./errors";
import { countSigningKeys, fetchDiscoveryMetadata, OidcFailure, toDiscovered } from "./oidcClient";
import { oidcDiscovered, validationRun, type OidcConfig, type OidcDiscovered, type ValidationCheck, type ValidationRun } from "./protocolShapes";

/**
 * validateOidc: fetches the IdP's discovery document and key set with the
 * saved settings and reports, check by check, whether sign-in can work. A
 * passing run also refreshes the cached metadata sign-in uses.
 */
type Check = ValidationCheck;

const ok = (id: string, message: string): Check => ({ id, ok: true, severity: "error", message });
const bad = (id: string, message: string, severity: Check["severity"] = "error"): Check => ({ id, ok: false, severity, message });

export async function runOidcValidation(config: OidcConfig): Promise<{ run: ValidationRun; discovered: OidcDiscovered | null }> {
  const checks: Check[] = [];
  checks.push(config.client.secret ? ok("clientSecret", "A client secret is saved.") : bad("clientSecret", "Save the client secret your IdP issued for this app."));
  let metadata: oauth.AuthorizationServer;
  try {
    metadata = await fetchDiscoveryMetadata(config);
  } catch (error) {
    checks.push(bad("discovery", error instanceof OidcFailure || error instanceof Error ? error.message : String(error)));
    return { run: summarize(checks), discovered: null };
  }
  checks.push(ok("discovery", `Discovery document read from ${config.discovery.discoveryUrl ?? `${config.discovery.issuer.replace(/\/$/, "")}/.well-known/openid-configuration`}.`));
  checks.push(
    metadata.issuer === config.discovery.issuer
      ? ok("issuer", `The issuer matches: ${metadata.issuer}.`)
      : config.security.strictIssuer
        ? bad("issuer", `The IdP calls itself ${metadata.issuer}: set the issuer to exactly that, since ID tokens must match it character for character.`)
        : bad("issuer", `The IdP calls itself ${metadata.issuer}, not ${config.discovery.issuer}; ID tokens are checked against ${metadata.issuer} because strict issuer matching is off.`, "warning"),
  );
  let discovered: OidcDiscovered;
  try {
    discovered = toDiscovered(config, metadata);
  } catch (error) {
    checks.push(bad("endpoints", (error as Error).message));
    return { run: summarize(checks), discovered: null };
  }
  checks.push(ok("endpoints", `Authorization and token endpoints: ${discovered.authorizationEndpoint}, ${discovered.tokenEndpoint}.`));
  try {
    const keys = await countSigningKeys(discovered.jwksUri);
    checks.push(keys > 0 ? ok("jwks", `${keys} signing key${keys === 1 ? "" : "s"} at ${discovered.jwksUri}.`) : bad("jwks", `${discovered.jwksUri} publishes no signing keys.`));
  } catch (error) {
    checks.push(bad("jwks", (error as Error).message));
  }
  const responseTypes = metadata.response_types_supported ?? [];
  checks.push(responseTypes.includes("code") ? ok("codeFlow", "The authorization code flow is supported.") : bad("codeFlow", "The IdP doesn't list the authorization code flow (response type \"code\")."));
  const pkce = metadata.code_challenge_methods_supported;
  checks.push(
    pkce === undefined
      ? bad("pkce", "The IdP doesn't say whether it supports PKCE; sign-in sends S256 anyway.", "warning")
      : pkce.includes("S256")
        ? ok("pkce", "PKCE with S256 is supported.")
        : bad("pkce", "The IdP doesn't support PKCE with S256."),
  );
  // RFC 8414: client_secret_basic is the default when the list is absent.
  const authMethods = metadata.token_endpoint_auth_methods_supported ?? ["client_secret_basic"];
  checks.push(
    authMethods.includes(config.client.authMethod)
      ? ok("authMethod", `The token endpoint accepts ${config.client.authMethod}.`)
      : bad("authMethod", `The token endpoint accepts ${authMethods.join(", ")}, not ${config.client.authMethod}.`),
  );
  const unknownScopes = metadata.scopes_supported ? config.request.scopes.filter((scope) => !metadata.scopes_supported!.includes(scope)) : [];
  checks.push(unknownScopes.length === 0 ? ok("scopes", "Every requested scope is supported.") : bad("scopes", `The IdP doesn't list these scopes: ${unknownScopes.join(", ")}.`, "warning"));
  return { run: summarize(checks), discovered };
}

function summarize(checks: Check[]): ValidationRun {
  return { ok: checks.every((check) => check.ok || check.severity === "warning"), time: Date.now(), checks };
}

export const load = internalQuery({
  args: { connectionId: v.id("connections") },
  handler: async (ctx, args) => {
    const connection = await ctx.db.get(args.connectionId);
    if (!connection?.oidc) fail("NOT_READY", "Save the OpenID Connect settings first.");
    return connection.oidc;
  },
});

export const store = internalMutation({
  args: { connectionId: v.id("connections"), issuer: v.string(), run: validationRun, discovered: v.union(v.null(), oidcDiscovered) },
  handler: async (ctx, args) => {
    const connection = await ctx.db.get(args.connectionId);
    // Settings saved meanwhile make this run stale.
    if (!connection?.oidc || connection.oidc.discovery.issuer !== args.issuer) return;
    await ctx.db.patch(connection._id, { oidc: { ...connection.oidc, validation: args.run, ...(args.discovered ? { discovered: args.discovered } : {}) } });
  },
});
