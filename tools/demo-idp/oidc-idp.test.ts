import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import * as oauth from "oauth4webapi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loginAtDemoIdp } from "../testing/idp-login";
import { startDemoOidcIdp, type DemoOidcIdp } from "./oidc-idp";

/** The demo IdP against a real relying party (oauth4webapi), end to end over HTTP. */
const redirectUri = "http://127.0.0.1:9/callback";
const basicClient = { client_id: "basic-client" };
const postClient = { client_id: "post-client" };
const insecure = { [oauth.allowInsecureRequests]: true };

let idp: DemoOidcIdp;
let as: oauth.AuthorizationServer;

beforeAll(async () => {
  idp = await startDemoOidcIdp({
    port: 0,
    clients: [
      { clientId: basicClient.client_id, clientSecret: "basic-secret", redirectUris: [redirectUri] },
      { clientId: postClient.client_id, clientSecret: "post-secret", redirectUris: [redirectUri], authMethod: "client_secret_post" },
    ],
  });
  const issuer = new URL(idp.issuer);
  as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, insecure));
});
afterAll(() => idp.close());

interface Attempt {
  url: URL;
  state: string;
  nonce: string;
  verifier: string;
}

async function authorizationRequest(client: oauth.Client, extra: Record<string, string> = {}): Promise<Attempt> {
  const attempt = { state: oauth.generateRandomState(), nonce: oauth.generateRandomNonce(), verifier: oauth.generateRandomCodeVerifier() };
  const url = new URL(as.authorization_endpoint!);
  url.search = new URLSearchParams({
    client_id: client.client_id,
    redirect_uri: redirectUri,
    response_type: "code",
    scope: "openid profile email",
    state: attempt.state,
    nonce: attempt.nonce,
    code_challenge: await oauth.calculatePKCECodeChallenge(attempt.verifier),
    code_challenge_method: "S256",
    ...extra,
  }).toString();
  return { url, ...attempt };
}

async function signIn(email: string, client = basicClient, clientAuth = oauth.ClientSecretBasic("basic-secret")) {
  const attempt = await authorizationRequest(client);
  const callback = new URL(await loginAtDemoIdp(attempt.url.href, email));
  const params = oauth.validateAuthResponse(as, client, callback, attempt.state);
  const response = await oauth.authorizationCodeGrantRequest(as, client, clientAuth, params, redirectUri, attempt.verifier, insecure);
  return oauth.processAuthorizationCodeResponse(as, client, response, { expectedNonce: attempt.nonce, requireIdToken: true });
}

describe("the demo OIDC IdP", () => {
  it("publishes its issuer and code-flow-only metadata", () => {
    expect(idp.issuer).toBe(`http://127.0.0.1:${idp.port}`);
    expect(as).toMatchObject({
      issuer: idp.issuer,
      response_types_supported: ["code"],
      code_challenge_methods_supported: ["S256"],
      id_token_signing_alg_values_supported: expect.arrayContaining(["RS256"]),
      scopes_supported: expect.arrayContaining(["openid", "email", "profile", "groups"]),
    });
  });

  it("signs Bob in with his claims in a signed ID token, and serves them at userinfo too", async () => {
    const tokens = await signIn("bob@acme.test");
    const claims = oauth.getValidatedIdTokenClaims(tokens)!;
    expect(claims).toMatchObject({
      iss: idp.issuer,
      aud: basicClient.client_id,
      sub: "demo-bob",
      email: "bob@acme.test",
      email_verified: true,
      name: "Bob Builder",
      given_name: "Bob",
      family_name: "Builder",
      groups: ["engineering"],
    });
    await jwtVerify(tokens.id_token!, createLocalJWKSet(idp.jwks()), { issuer: idp.issuer });

    const userinfo = await oauth.processUserInfoResponse(
      as,
      basicClient,
      "demo-bob",
      await oauth.userInfoRequest(as, basicClient, tokens.access_token, insecure),
    );
    expect(userinfo).toMatchObject({ email: "bob@acme.test", groups: ["engineering"] });
  });

  it("authenticates a client_secret_post client, and says when an email is not verified", async () => {
    const tokens = await signIn("carol@acme.test", postClient, oauth.ClientSecretPost("post-secret"));
    expect(oauth.getValidatedIdTokenClaims(tokens)).toMatchObject({ email: "carol@acme.test", email_verified: false });
  });

  it("rejects an authorization request without PKCE", async () => {
    const { url } = await authorizationRequest(basicClient);
    url.searchParams.delete("code_challenge");
    url.searchParams.delete("code_challenge_method");
    const callback = new URL(await loginAtDemoIdp(url.href, "bob@acme.test"));
    expect(callback.searchParams.get("error")).toBe("invalid_request");
    expect(callback.searchParams.get("error_description")).toMatch(/requires PKCE/);
  });

  it("returns access_denied when the user cancels", async () => {
    const { url, state } = await authorizationRequest(basicClient);
    const callback = new URL(await loginAtDemoIdp(url.href, "bob@acme.test", { cancel: true }));
    expect(callback.origin + callback.pathname).toBe(redirectUri);
    expect(Object.fromEntries(callback.searchParams)).toMatchObject({
      error: "access_denied",
      error_description: "The user cancelled the sign-in",
      state,
    });
  });

  it("re-renders the sign-in page for an email that is not a demo user", async () => {
    const { url } = await authorizationRequest(basicClient);
    await expect(loginAtDemoIdp(url.href, "mallory@acme.test")).rejects.toThrow(
      /with 400: .*There is no demo user with the email mallory@acme\.test\./,
    );
  });

  it("signs with a new key after a rotation and stops publishing the old one", async () => {
    const before = idp.jwks().keys.map((key) => key.kid);
    await idp.rotateSigningKey();
    const after = idp.jwks().keys.map((key) => key.kid);
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(before[0]);

    const published = (await (await fetch(as.jwks_uri!)).json()) as { keys: Array<{ kid: string; d?: string }> };
    expect(published.keys.map((key) => key.kid)).toEqual(after);
    expect(published.keys[0]).not.toHaveProperty("d");

    const tokens = await signIn("alice@acme.test");
    expect(decodeProtectedHeader(tokens.id_token!)).toMatchObject({ alg: "RS256", kid: after[0] });
    expect(oauth.getValidatedIdTokenClaims(tokens)).toMatchObject({ sub: "demo-alice", groups: ["acme-admins"] });
  });
});
