import { createRemoteJWKSet, jwtVerify } from "jose";
import * as oauth from "oauth4webapi";
import { api } from "../../../convex/_generated/api";
import { startDemoOidcIdp, type DemoOidcIdp } from "../../demo-idp/oidc-idp";
import { DEMO_DOMAIN } from "../../demo-idp/users";
import { CONVEX_SITE_URL, type Backend } from "../../testing/convex";
import { loginAtDemoIdp } from "../../testing/idp-login";
import { measure, type Measurement } from "../measure";
import { activate, tenant, type Tenant } from "../tenants";
import { pathOf, redirectOf, ssoLanding } from "./sso";

/**
 * The OIDC callback against the real `oidc-provider` (tools/demo-idp), as
 * convex/engine/oidcFlow.test.ts drives it: the start route, the IdP's
 * sign-in page, then the measured part — the callback (state, token
 * exchange, ID token checks, provisioning, hand-off code). Its floor is what
 * any relying party must do with the same IdP: one token exchange and the ID
 * token's validation with jose.
 */
const REDIRECT_URI = `${CONVEX_SITE_URL}/api/auth/sso/callback`;
const CLIENT = { clientId: "app", clientSecret: "app-secret", redirectUris: [REDIRECT_URI] };
const EMAIL = `bob@${DEMO_DOMAIN}`;

export async function startOidcIdp(): Promise<DemoOidcIdp> {
  return await startDemoOidcIdp({ port: 0, clients: [CLIENT] });
}

/** The group whose users sign in through the IdP (acme.test, the demo IdP's domain). */
export async function oidcTenant(t: Backend, idp: DemoOidcIdp): Promise<Tenant> {
  const acme = await tenant(t, { owner: `owner@${DEMO_DOMAIN}`, group: "Acme", protocol: "oidc", domains: [DEMO_DOMAIN] });
  await acme.owner.client.mutation(api.auth.group.setOidc, {
    connectionId: acme.connectionId,
    discovery: { issuer: idp.issuer },
    client: { id: CLIENT.clientId, secret: CLIENT.clientSecret },
  });
  await activate(acme.owner, acme.connectionId);
  return acme;
}

/** The callback, measured; with `floor`, each run also times a bare exchange and validation at the same IdP. */
export async function measureOidcCallback(t: Backend, idp: DemoOidcIdp, { samples, floor }: { samples: number; floor: boolean }): Promise<{ callback: Measurement; floorMs?: number }> {
  const bare = floor ? await bareRelyingParty(idp) : undefined;
  const callback = await measure({
    samples,
    prepare: async () => {
      const route = (await t.query(api.auth.group.signIn, { email: EMAIL }))!;
      const authorize = redirectOf(await t.fetch(pathOf(route.signInUrl)));
      return { callbackUrl: await loginAtDemoIdp(authorize, EMAIL), floorLogin: await bare?.login() };
    },
    floor: bare && (({ floorLogin }) => bare.exchangeAndValidate(floorLogin!)),
    operation: async ({ callbackUrl }) => ssoLanding(await t.fetch(pathOf(callbackUrl))),
    check: (landing) => landing.expectSignedIn("OIDC callback"),
  });
  return { callback, floorMs: callback.floorMs };
}

interface FloorLogin {
  callbackUrl: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

/**
 * A relying party with nothing but the protocol: the same client at the same
 * IdP, its keys fetched once (jose caches a remote key set), then per sign-in
 * one token request and `jwtVerify` of the ID token plus the nonce check.
 */
async function bareRelyingParty(idp: DemoOidcIdp) {
  const metadata = (await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json()) as { authorization_endpoint: string; token_endpoint: string; jwks_uri: string };
  const keys = createRemoteJWKSet(new URL(metadata.jwks_uri));
  const basic = `Basic ${Buffer.from(`${CLIENT.clientId}:${CLIENT.clientSecret}`).toString("base64")}`;
  return {
    async login(): Promise<FloorLogin> {
      const state = oauth.generateRandomState();
      const nonce = oauth.generateRandomNonce();
      const codeVerifier = oauth.generateRandomCodeVerifier();
      const url = new URL(metadata.authorization_endpoint);
      url.search = new URLSearchParams({
        client_id: CLIENT.clientId,
        redirect_uri: REDIRECT_URI,
        response_type: "code",
        scope: "openid email profile",
        state,
        nonce,
        code_challenge: await oauth.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: "S256",
      }).toString();
      return { callbackUrl: await loginAtDemoIdp(url.href, EMAIL), state, nonce, codeVerifier };
    },
    async exchangeAndValidate(login: FloorLogin): Promise<void> {
      const params = new URL(login.callbackUrl).searchParams;
      if (params.get("state") !== login.state) throw new Error("The bare relying party got another state back.");
      const response = await fetch(metadata.token_endpoint, {
        method: "POST",
        headers: { authorization: basic, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ grant_type: "authorization_code", code: params.get("code")!, redirect_uri: REDIRECT_URI, code_verifier: login.codeVerifier }),
      });
      const tokens = (await response.json()) as { id_token?: string };
      if (!tokens.id_token) throw new Error(`The token endpoint answered ${response.status} without an ID token.`);
      const { payload } = await jwtVerify(tokens.id_token, keys, { issuer: idp.issuer, audience: CLIENT.clientId });
      if (payload.nonce !== login.nonce) throw new Error("The ID token's nonce is not the one sent.");
    },
  };
}
