import { randomBytes } from "node:crypto";
import { format } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startDemoOidcIdp, type DemoOidcIdp } from "../tools/demo-idp/oidc-idp";
import { startDemoSamlIdp, type StandaloneDemoSamlIdp } from "../tools/demo-idp/saml-idp";
import { databaseText } from "../tools/testing/configuredTenant";
import { authEnv, CONVEX_SITE_URL, createUser, newBackend, type Backend } from "../tools/testing/convex";
import { loginAtDemoIdp } from "../tools/testing/idp-login";
import { findLeaks, needle, type Needle } from "../tools/testing/leaks";
import { loginAtDemoSamlIdp } from "../tools/testing/saml-login";
import { api } from "./_generated/api";

/**
 * Logs never hold secrets: OIDC, SAML, SCIM and password sign-in run here
 * end to end (against the demo IdPs), successes and refusals alike, with
 * every console method of the functions captured (@convex-dev/auth at its
 * default level, INFO), and the output is searched for every secret the
 * flows handled: client secret, authorization code, state, SAMLResponse and
 * its signature, sso_code, session and refresh tokens, SCIM bearer tokens
 * (right and wrong), password and email code. The SSO and SCIM flows' databases
 * are searched too: those values are stored only hashed or sealed, if at all.
 */
const g = api.auth.group;
const REDIRECT_URI = `${CONVEX_SITE_URL}/api/auth/sso/callback`;
const CLIENT_SECRET = `oidc-client-secret-${randomBytes(12).toString("hex")}`;
const LEVELS = ["log", "info", "warn", "error", "debug"] as const;

let oidcIdp: DemoOidcIdp;
let samlIdp: StandaloneDemoSamlIdp;
const logged: string[] = [];
const secrets: Needle[] = [];

beforeAll(async () => {
  await authEnv();
  // The library's default. (At DEBUG, @convex-dev/auth 0.0.95 logs email verification codes in clear: never in production.)
  process.env.AUTH_LOG_LEVEL = "INFO";
  process.env.ENCRYPTION_KEYS = `k1:${btoa(String.fromCharCode(...new Uint8Array(32).fill(6)))}`;
  process.env.ALLOW_PRIVATE_IDP_URLS = "true";
  [oidcIdp, samlIdp] = await Promise.all([
    startDemoOidcIdp({ port: 0, clients: [{ clientId: "app", clientSecret: CLIENT_SECRET, redirectUris: [REDIRECT_URI] }] }),
    startDemoSamlIdp({ port: 0, acsUrlPrefix: `${CONVEX_SITE_URL}/api/auth/saml/` }),
  ]);
  for (const level of LEVELS) vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(format(...args)));
});

afterAll(async () => {
  vi.restoreAllMocks();
  process.env.AUTH_LOG_LEVEL = "WARN";
  await Promise.all([oidcIdp?.close(), samlIdp?.close()]);
});

afterEach(() => {
  // Each flow registers what it handled; the output so far must hold none of it.
  expect(findLeaks(logged.join("\n"), secrets)).toEqual([]);
});

function secret(label: string, value: string | null | undefined): string {
  if (!value) throw new Error(`The flow produced no ${label}.`);
  secrets.push(needle(label, value));
  return value;
}

const pathOf = (url: string) => `${new URL(url).pathname}${new URL(url).search}`;

async function tenant(t: Backend, protocol: "oidc" | "saml", domain: string) {
  const admin = await createUser(t, { email: `admin@${domain}` });
  const { groupId } = await admin.client.mutation(api.groups.create, { name: domain });
  const connectionId = await admin.client.mutation(g.createConnection, { groupId, protocol, name: domain });
  if (protocol === "oidc") {
    await admin.client.mutation(g.setOidc, { connectionId, discovery: { issuer: oidcIdp.issuer }, client: { id: "app", secret: CLIENT_SECRET } });
  } else {
    await admin.client.action(g.setSaml, { connectionId, metadata: { url: samlIdp.metadataUrl } });
  }
  await admin.client.mutation(g.setDomains, { connectionId, domains: [domain] });
  await t.run(async (ctx) => {
    const row = (await ctx.db.query("domains").withIndex("by_domain", (q) => q.eq("domain", domain)).unique())!;
    await ctx.db.patch(row._id, { status: "verified", verifiedTime: Date.now() });
  });
  await admin.client.mutation(g.updateConnection, { id: connectionId, data: { status: "active", overrideTest: true } });
  return { admin, groupId, connectionId };
}

/** The start route's redirect to the IdP. */
async function start(t: Backend, email: string): Promise<string> {
  const route = await t.query(g.signIn, { email });
  const response = await t.fetch(pathOf(route!.signInUrl));
  return response.headers.get("location")!;
}

/** Exchanges an sso_code for a session, as the app does; registers the tokens. */
async function exchange(t: Backend, landing: URL) {
  const code = secret("sso_code", landing.searchParams.get("sso_code"));
  const { tokens } = (await t.action(api.auth.signIn, { provider: "sso", params: { code } })) as { tokens: { token: string; refreshToken: string } | null };
  secret("session JWT", tokens?.token);
  secret("refresh token", tokens?.refreshToken);
  // A replayed code is refused; the refusal's log must not quote it either.
  expect(((await t.action(api.auth.signIn, { provider: "sso", params: { code } })) as { tokens: unknown }).tokens ?? null).toBeNull();
}

describe("logs hold no secrets", () => {
  it("OIDC: sign-in, a replayed callback and a replayed code", async () => {
    const t = newBackend();
    secrets.push(needle("OIDC client secret", CLIENT_SECRET));
    await tenant(t, "oidc", "acme.test");
    const authorize = new URL(await start(t, "bob@acme.test"));
    secret("OIDC state", authorize.searchParams.get("state"));
    secret("PKCE challenge", authorize.searchParams.get("code_challenge"));
    const callbackUrl = await loginAtDemoIdp(authorize.href, "bob@acme.test");
    secret("OIDC authorization code", new URL(callbackUrl).searchParams.get("code"));
    const landing = new URL((await t.fetch(pathOf(callbackUrl))).headers.get("location")!);
    await exchange(t, landing);
    const replay = new URL((await t.fetch(pathOf(callbackUrl))).headers.get("location")!);
    expect(replay.searchParams.get("sso_error")).toBeTruthy();
    // Nor does the database: the state and the sso_code are there only as hashes, the client secret sealed.
    expect(findLeaks(await databaseText(t), secrets)).toEqual([]);
    // @convex-dev/auth logs each of its store calls: proof the capture sees the functions' output.
    expect(logged.some((line) => line.includes("`auth:store` type: signIn"))).toBe(true);
  });

  it("SAML: sign-in, a tampered response and a replayed one", async () => {
    const t = newBackend();
    await tenant(t, "saml", "initech.test");
    const post = await loginAtDemoSamlIdp(await start(t, "frank@initech.test"), "frank@initech.test");
    const samlResponse = secret("SAMLResponse", post.SAMLResponse);
    secret("SAML RelayState", post.RelayState);
    secret("SAML signature", /<(?:ds:)?SignatureValue>([^<]+)</.exec(Buffer.from(samlResponse, "base64").toString("utf8"))?.[1]?.replace(/\s/g, ""));
    const postTo = async (SAMLResponse: string) => {
      const body = new URLSearchParams({ SAMLResponse, RelayState: post.RelayState ?? "" }).toString();
      const response = await t.fetch(pathOf(post.acsUrl), { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body });
      return new URL(response.headers.get("location")!);
    };
    await exchange(t, await postTo(samlResponse));
    expect((await postTo(samlResponse)).searchParams.get("sso_error")).toBeTruthy();
    const tampered = Buffer.from(Buffer.from(samlResponse, "base64").toString("utf8").replace("frank@initech.test", "mallory@initech.test")).toString("base64");
    secret("tampered SAMLResponse", tampered);
    expect((await postTo(tampered)).searchParams.get("sso_error")).toBeTruthy();
    expect(findLeaks(await databaseText(t), secrets)).toEqual([]);
  });

  it("SCIM: provisioning with the bearer token, and requests with a wrong one", async () => {
    const t = newBackend();
    const { admin, connectionId } = await tenant(t, "oidc", "contoso.test");
    const { token } = await admin.client.mutation(g.setScim, { connectionId });
    const scim = (method: string, path: string, bearer: string, body?: unknown) =>
      t.fetch(`/scim/v2/${connectionId}${path}`, {
        method,
        headers: { authorization: `Bearer ${bearer}`, "content-type": "application/scim+json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const valid = secret("SCIM bearer token", token);
    const created = await scim("POST", "/Users", valid, { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: "ada@contoso.test", active: true, emails: [{ value: "ada@contoso.test", primary: true }] });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const patch = { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "replace", path: "active", value: false }] };
    expect((await scim("PATCH", `/Users/${id}`, valid, patch)).status).toBe(200);
    const wrong = secret("wrong SCIM bearer token", `wrong-${randomBytes(24).toString("hex")}`);
    expect((await scim("GET", "/Users", wrong)).status).toBe(401);
    expect((await scim("GET", `/Users/${id}`, `${valid}x`)).status).toBe(401);
    expect(findLeaks(await databaseText(t), secrets)).toEqual([]);
  });

  it("password: sign-up, a wrong code, verification, a wrong password, sign-in", async () => {
    const t = newBackend();
    const password = secret("password", `pw-${randomBytes(12).toString("hex")}`);
    const wrongPassword = secret("wrong password", `wrong-${randomBytes(12).toString("hex")}`);
    const signIn = (params: Record<string, string>) => t.action(api.auth.signIn, { provider: "password", params }).catch(() => null);
    await signIn({ flow: "signUp", email: "pat@example.com", password, name: "Pat" });
    const mail = await t.run(async (ctx) => (await ctx.db.query("mail").collect()).find((row) => row.to === "pat@example.com")!);
    const code = secret("email code", /\b(\d{8})\b/.exec(mail.text)?.[1]);
    await signIn({ flow: "email-verification", email: "pat@example.com", code: code === "00000000" ? "11111111" : "00000000" });
    const verified = (await signIn({ flow: "email-verification", email: "pat@example.com", code })) as { tokens: { token: string } | null };
    secret("session JWT", verified.tokens?.token);
    await signIn({ flow: "signIn", email: "pat@example.com", password: wrongPassword });
    const signedIn = (await signIn({ flow: "signIn", email: "pat@example.com", password })) as { tokens: { token: string; refreshToken: string } | null };
    secret("session JWT", signedIn.tokens?.token);
    secret("refresh token", signedIn.tokens?.refreshToken);
  });

});
