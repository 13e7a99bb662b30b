import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createVerify } from "node:crypto";
import { certificateBase64, generateSamlSigningCertificate } from "../../tools/demo-idp/saml-certificates";
import { startDemoSamlIdp, type StandaloneDemoSamlIdp } from "../../tools/demo-idp/saml-idp";
import { SAML_DEMO_USERS } from "../../tools/demo-idp/users";
import { authEnv, CONVEX_SITE_URL, createUser, errorCode, newBackend, SITE_URL, type Backend } from "../../tools/testing/convex";
import { idpInitiatedLogin, loginAtDemoSamlIdp } from "../../tools/testing/saml-login";
import { api } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";

/**
 * SAML end to end against a real SAML IdP (auth0's `samlp`, in
 * tools/demo-idp): SP- and IdP-initiated sign-in, and one refusal per check
 * the ACS makes. Malicious responses are crafted here — re-signed with the
 * IdP's trusted key where the tampered property, not the signature, must be
 * what gets them refused. Every refusal ends on /sign-in with a reason code
 * and a `login.failed` audit event, and provisions nothing.
 */
const g = api.auth.group;
const [frank, grace] = SAML_DEMO_USERS;
let idp: StandaloneDemoSamlIdp;
let rogueIdp: StandaloneDemoSamlIdp;

beforeAll(async () => {
  await authEnv();
  process.env.ENCRYPTION_KEYS = `k1:${btoa(String.fromCharCode(...new Uint8Array(32).fill(5)))}`;
  process.env.ALLOW_PRIVATE_IDP_URLS = "true";
  const acsUrlPrefix = `${CONVEX_SITE_URL}/api/auth/saml/`;
  [idp, rogueIdp] = await Promise.all([startDemoSamlIdp({ port: 0, acsUrlPrefix }), startDemoSamlIdp({ port: 0, acsUrlPrefix })]);
});

afterAll(async () => {
  await Promise.all([idp?.close(), rogueIdp?.close()]);
});

interface Setup {
  t: Backend;
  connectionId: Id<"connections">;
  acsUrl: string;
  entityId: string;
  admin: Awaited<ReturnType<typeof createUser>>;
}

async function setUp(settings: Record<string, unknown> = {}): Promise<Setup> {
  const t = newBackend();
  const admin = await createUser(t, { email: "owner@initech.test" });
  const { groupId } = await admin.client.mutation(api.groups.create, { name: "Initech" });
  const connectionId = await admin.client.mutation(g.createConnection, { groupId, protocol: "saml", name: "Initech IdP" });
  await admin.client.action(g.setSaml, { connectionId, metadata: { url: idp.metadataUrl }, ...settings });
  await admin.client.mutation(g.setDomains, { connectionId, domains: ["initech.test"] });
  await t.run(async (ctx) => {
    const domain = (await ctx.db.query("domains").withIndex("by_domain", (q) => q.eq("domain", "initech.test")).unique())!;
    await ctx.db.patch(domain._id, { status: "verified", verifiedTime: Date.now() });
  });
  await admin.client.mutation(g.updateConnection, { id: connectionId, data: { status: "active", overrideTest: true } });
  const status = await admin.client.query(g.getSamlStatus, { connectionId });
  return { t, connectionId, acsUrl: status.acsUrl, entityId: status.entityId, admin };
}

const pathOf = (url: string) => `${new URL(url).pathname}${new URL(url).search}`;

/** The start route: where it sends the browser (the IdP, with an AuthnRequest). */
async function start(t: Backend, email: string, redirectTo?: string): Promise<string> {
  const route = await t.query(g.signIn, { email, redirectTo });
  const response = await t.fetch(pathOf(route!.signInUrl));
  expect(response.status).toBe(302);
  return response.headers.get("location")!;
}

/** Posts to the ACS as the browser would; returns where the app sends it. */
async function post(t: Backend, acsUrl: string, SAMLResponse: string, RelayState?: string): Promise<URL> {
  const body = new URLSearchParams({ SAMLResponse, ...(RelayState === undefined ? {} : { RelayState }) });
  const response = await t.fetch(pathOf(acsUrl), { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: body.toString() });
  expect(response.status).toBe(302);
  return new URL(response.headers.get("location")!);
}

/** An SP-initiated sign-in up to the IdP's answer (not yet posted). */
async function signInAtIdp(t: Backend, email: string) {
  return await loginAtDemoSamlIdp(await start(t, email), email);
}

/** The outstanding AuthnRequest of the last start: a crafted response answers it, with its RelayState. */
async function outstanding(t: Backend, email: string): Promise<{ requestId: string; relayState: string }> {
  const authorize = new URL(await start(t, email));
  const relayState = authorize.searchParams.get("RelayState")!;
  const requestId = await t.run(async (ctx) => (await ctx.db.query("ssoStates").order("desc").first())!.requestId!);
  return { requestId, relayState };
}

async function lastAudit(t: Backend): Promise<Doc<"auditEvents">> {
  return await t.run(async (ctx) => (await ctx.db.query("auditEvents").order("desc").first())!);
}

async function expectRefused(t: Backend, landing: URL, code: string, reason?: RegExp) {
  expect(`${landing.origin}${landing.pathname}`).toBe(`${SITE_URL}/sign-in`);
  expect(landing.searchParams.get("sso_error")).toBe(code);
  const event = await lastAudit(t);
  expect(event).toMatchObject({ kind: "login.failed", outcome: "failure", metadata: { failure: code } });
  if (reason) expect(event.reason).toMatch(reason);
  expect(await t.run((ctx) => ctx.db.query("users").withIndex("email", (q) => q.eq("email", frank!.email)).first())).toBeNull();
}

const decode = (base64: string) => Buffer.from(base64, "base64").toString("utf8");
const encode = (xml: string) => Buffer.from(xml, "utf8").toString("base64");

/** A response answering our outstanding request, signed by the trusted IdP, with `overrides` applied before signing. */
async function crafted(setup: Setup, overrides: Parameters<StandaloneDemoSamlIdp["buildResponse"]>[0] extends infer O ? Partial<O> : never = {}) {
  const { requestId, relayState } = await outstanding(setup.t, frank!.email);
  const SAMLResponse = await idp.buildResponse({ user: frank!, acsUrl: setup.acsUrl, audience: setup.entityId, inResponseTo: requestId, ...overrides });
  return { SAMLResponse, relayState };
}

describe("SAML sign-in", () => {
  it("SP-initiated: the AuthnRequest goes out, the signed response comes back, and a new user is provisioned", async () => {
    const { t, acsUrl } = await setUp();
    const authorize = new URL(await start(t, frank!.email, "/dashboard"));
    expect(`${authorize.origin}${authorize.pathname}`).toBe(idp.ssoUrl);
    expect(authorize.searchParams.get("SAMLRequest")).toBeTruthy();
    const answer = await loginAtDemoSamlIdp(authorize.href, frank!.email);
    expect(answer.acsUrl).toBe(acsUrl);
    const landing = await post(t, acsUrl, answer.SAMLResponse, answer.RelayState);
    expect(landing.pathname).toBe("/sso/complete");
    expect(landing.searchParams.get("redirectTo")).toBe("/dashboard");
    const user = await t.run((ctx) => ctx.db.query("users").withIndex("email", (q) => q.eq("email", frank!.email)).first());
    expect(user).toMatchObject({ name: "Frank Founder" });
    const tokens = (await t.action(api.auth.signIn, { provider: "sso", params: { code: landing.searchParams.get("sso_code")! } })) as { tokens?: { token: string } };
    expect(tokens.tokens?.token).toBeTruthy();
    expect(await lastAudit(t)).toMatchObject({ kind: "login.succeeded", metadata: { protocol: "saml", user: "create" } });
  });

  it("refuses an answer that is posted twice", async () => {
    const { t, acsUrl } = await setUp();
    const answer = await signInAtIdp(t, grace!.email);
    expect((await post(t, acsUrl, answer.SAMLResponse, answer.RelayState)).pathname).toBe("/sso/complete");
    const again = await post(t, acsUrl, answer.SAMLResponse, answer.RelayState);
    expect(again.searchParams.get("sso_error")).toBe("state_reused");
  });

  it("IdP-initiated: refused while off; when on, accepted once and lands on the configured path", async () => {
    const off = await setUp();
    const unsolicited = await idpInitiatedLogin(idp.entityId, { acs: off.acsUrl, audience: off.entityId }, frank!.email);
    await expectRefused(off.t, await post(off.t, off.acsUrl, unsolicited.SAMLResponse), "idp_initiated_disabled");

    const on = await setUp({ idpInitiated: { enabled: true, defaultRedirect: "/settings/account" } });
    const answer = await idpInitiatedLogin(idp.entityId, { acs: on.acsUrl, audience: on.entityId }, frank!.email);
    const landing = await post(on.t, on.acsUrl, answer.SAMLResponse, answer.RelayState);
    expect(landing.pathname).toBe("/sso/complete");
    expect(landing.searchParams.get("redirectTo")).toBe("/settings/account");
    const replay = await post(on.t, on.acsUrl, answer.SAMLResponse);
    expect(replay.searchParams.get("sso_error")).toBe("assertion_replayed");
  });

  it("trusts a new signing certificate after a refresh, with the old one kept", async () => {
    const { t, admin, connectionId, acsUrl } = await setUp();
    await idp.rotateCertificate();
    expect(await admin.client.action(g.refreshSaml, { connectionId })).toMatchObject({ ok: true, message: "1 certificate added, 0 removed." });
    expect((await admin.client.query(g.getSamlStatus, { connectionId })).certificates).toHaveLength(2);
    const answer = await signInAtIdp(t, grace!.email);
    expect((await post(t, acsUrl, answer.SAMLResponse, answer.RelayState)).pathname).toBe("/sso/complete");
  });
});

describe("SAML ACS refusals", () => {
  it("a response without any signature", async () => {
    const setup = await setUp();
    const { SAMLResponse, relayState } = await crafted(setup, { signResponse: false, signAssertion: false });
    await expectRefused(setup.t, await post(setup.t, setup.acsUrl, SAMLResponse, relayState), "assertion_invalid", /signature/i);
  });

  it("an assertion changed after it was signed", async () => {
    const setup = await setUp();
    const { SAMLResponse, relayState } = await crafted(setup);
    const tampered = encode(decode(SAMLResponse).replace(/Frank Founder/g, "Mallory Admin"));
    await expectRefused(setup.t, await post(setup.t, setup.acsUrl, tampered, relayState), "assertion_invalid", /signature/i);
  });

  it("a signature by a certificate that is not in the IdP's metadata", async () => {
    const setup = await setUp();
    const { requestId, relayState } = await outstanding(setup.t, frank!.email);
    const forged = await rogueIdp.buildResponse({ user: frank!, acsUrl: setup.acsUrl, audience: setup.entityId, inResponseTo: requestId, issuer: idp.entityId });
    await expectRefused(setup.t, await post(setup.t, setup.acsUrl, forged, relayState), "assertion_invalid", /signature/i);
  });

  it("signature wrapping: the signed assertion moved aside and a forged one put in its place", async () => {
    const setup = await setUp();
    const { SAMLResponse, relayState } = await crafted(setup);
    const xml = decode(SAMLResponse);
    const signed = /<saml:Assertion[\s\S]*<\/saml:Assertion>/.exec(xml)![0];
    const forged = signed.replace(/ID="[^"]+"/, 'ID="_forged"').replace(/<Signature[\s\S]*<\/Signature>/, "").replace(/frank@initech\.test/g, "mallory@initech.test");
    // XSW variants: the original hidden in Extensions, or inside the forged assertion, with the forged one first.
    const inExtensions = xml.replace(signed, `${forged}<samlp:Extensions>${signed}</samlp:Extensions>`);
    const nested = xml.replace(signed, forged.replace("</saml:Assertion>", `${signed}</saml:Assertion>`));
    for (const wrapped of [inExtensions, nested]) {
      await expectRefused(setup.t, await post(setup.t, setup.acsUrl, encode(wrapped), relayState), "assertion_invalid", /exactly one assertion/);
    }
  });

  it("two assertions in one response", async () => {
    const setup = await setUp();
    const { SAMLResponse, relayState } = await crafted(setup);
    const xml = decode(SAMLResponse);
    const signed = /<saml:Assertion[\s\S]*<\/saml:Assertion>/.exec(xml)![0];
    await expectRefused(setup.t, await post(setup.t, setup.acsUrl, encode(xml.replace(signed, signed + signed)), relayState), "assertion_invalid", /exactly one assertion/);
  });

  it("a comment inside the NameID (which leaves the signature valid)", async () => {
    const setup = await setUp();
    const { SAMLResponse, relayState } = await crafted(setup, { signResponse: false });
    // Canonicalization drops comments, so the signature still holds; a naive reader would see "frank@initech".
    const xml = decode(SAMLResponse).replace(/(<saml:NameID[^>]*>)frank@initech\.test/, "$1frank@initech<!---->.test");
    await expectRefused(setup.t, await post(setup.t, setup.acsUrl, encode(xml), relayState), "assertion_invalid", /NameID/);
  });

  it("a Destination other than our ACS", async () => {
    const setup = await setUp();
    const { SAMLResponse, relayState } = await crafted(setup, { destination: "https://other.example/acs" });
    await expectRefused(setup.t, await post(setup.t, setup.acsUrl, SAMLResponse, relayState), "assertion_invalid", /Destination/);
  });

  it("a Recipient other than our ACS", async () => {
    const setup = await setUp();
    const { SAMLResponse, relayState } = await crafted(setup, { recipient: "https://other.example/acs" });
    await expectRefused(setup.t, await post(setup.t, setup.acsUrl, SAMLResponse, relayState), "assertion_invalid", /Recipient/);
  });

  it("an Audience other than our entity ID", async () => {
    const setup = await setUp();
    const { SAMLResponse, relayState } = await crafted(setup, { audience: "https://other.example/sp" });
    await expectRefused(setup.t, await post(setup.t, setup.acsUrl, SAMLResponse, relayState), "assertion_invalid", /audience/i);
  });

  it("an Issuer other than the IdP's entity ID, on the response or on the assertion", async () => {
    const setup = await setUp();
    const rogue = "https://rogue.example/idp";
    // The response's own Issuer (unsigned response, signed assertion): the first Issuer in the document.
    const onResponse = await crafted(setup, { signResponse: false });
    const responseIssuer = decode(onResponse.SAMLResponse).replace(/(<saml:Issuer xmlns:saml="[^"]+">)[^<]+/, `$1${rogue}`);
    await expectRefused(setup.t, await post(setup.t, setup.acsUrl, encode(responseIssuer), onResponse.relayState), "assertion_invalid", /response's Issuer/);
    // The signed assertion's Issuer, with the (unsigned) response claiming the right one.
    const onAssertion = await crafted(setup, { signResponse: false, issuer: rogue });
    const assertionIssuer = decode(onAssertion.SAMLResponse).replace(/(<saml:Issuer xmlns:saml="[^"]+">)[^<]+/, `$1${idp.entityId}`);
    await expectRefused(setup.t, await post(setup.t, setup.acsUrl, encode(assertionIssuer), onAssertion.relayState), "assertion_invalid", /assertion's Issuer/);
  });

  it("a non-Success status next to an assertion", async () => {
    const setup = await setUp();
    const { SAMLResponse, relayState } = await crafted(setup, { statusCode: "urn:oasis:names:tc:SAML:2.0:status:Requester" });
    await expectRefused(setup.t, await post(setup.t, setup.acsUrl, SAMLResponse, relayState), "idp_error", /status/);
  });

  it("a cancelled sign-in at the IdP", async () => {
    const { t, acsUrl } = await setUp();
    const answer = await loginAtDemoSamlIdp(await start(t, frank!.email), "", { cancel: true });
    await expectRefused(t, await post(t, acsUrl, answer.SAMLResponse, answer.RelayState), "idp_error");
  });

  it("an InResponseTo that is none of our outstanding requests", async () => {
    const setup = await setUp();
    const { SAMLResponse, relayState } = await crafted(setup, { inResponseTo: "_not-ours" });
    await expectRefused(setup.t, await post(setup.t, setup.acsUrl, SAMLResponse, relayState), "assertion_invalid", /InResponseTo/);
  });

  it("an answer posted with another sign-in's RelayState", async () => {
    const setup = await setUp();
    const { SAMLResponse } = await crafted(setup);
    const other = await outstanding(setup.t, frank!.email);
    await expectRefused(setup.t, await post(setup.t, setup.acsUrl, SAMLResponse, other.relayState), "assertion_invalid", /RelayState/);
  });

  it("an expired assertion, and one not valid yet, beyond the allowed skew", async () => {
    const setup = await setUp({ security: { clockSkewSeconds: 30 } });
    const expired = await crafted(setup, { lifetimeSeconds: -120 });
    await expectRefused(setup.t, await post(setup.t, setup.acsUrl, expired.SAMLResponse, expired.relayState), "assertion_expired");
    const early = await crafted(setup);
    // Our clock ten minutes behind the IdP's: the assertion isn't valid yet.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() - 10 * 60_000 });
    try {
      await expectRefused(setup.t, await post(setup.t, setup.acsUrl, early.SAMLResponse, early.relayState), "assertion_expired");
    } finally {
      vi.useRealTimers();
    }
  });

  it("a replayed assertion, even with a fresh request", async () => {
    const setup = await setUp({ idpInitiated: { enabled: true, defaultRedirect: "/dashboard" } });
    const answer = await idpInitiatedLogin(idp.entityId, { acs: setup.acsUrl, audience: setup.entityId }, grace!.email);
    expect((await post(setup.t, setup.acsUrl, answer.SAMLResponse)).pathname).toBe("/sso/complete");
    await expectRefused(setup.t, await post(setup.t, setup.acsUrl, answer.SAMLResponse), "assertion_replayed");
  });

  it("a DOCTYPE (entities, XXE)", async () => {
    const setup = await setUp();
    const { SAMLResponse, relayState } = await crafted(setup);
    const xxe = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>${decode(SAMLResponse).replace(/^<\?xml[^>]*\?>/, "")}`;
    await expectRefused(setup.t, await post(setup.t, setup.acsUrl, encode(xxe), relayState), "assertion_invalid", /DOCTYPE/);
  });

  it("a response over the size limit", async () => {
    const setup = await setUp({ security: { maxResponseSize: 8 * 1024 } });
    const { SAMLResponse, relayState } = await crafted(setup);
    const padded = encode(`${decode(SAMLResponse)}${" ".repeat(9 * 1024)}`);
    await expectRefused(setup.t, await post(setup.t, setup.acsUrl, padded, relayState), "response_too_large");
  });

  it("SHA-1 signatures when weak algorithms are refused, and not when they are only reported", async () => {
    const strict = await setUp();
    const weak = await crafted(strict, { signatureAlgorithm: "rsa-sha1", digestAlgorithm: "sha1" });
    await expectRefused(strict.t, await post(strict.t, strict.acsUrl, weak.SAMLResponse, weak.relayState), "assertion_invalid", /weak algorithm/);
    const lenient = await setUp({ security: { weakAlgorithmHandling: "warn" } });
    const allowed = await crafted(lenient, { signatureAlgorithm: "rsa-sha1", digestAlgorithm: "sha1" });
    expect((await post(lenient.t, lenient.acsUrl, allowed.SAMLResponse, allowed.relayState)).pathname).toBe("/sso/complete");
  });

  it("an encrypted assertion without a key to decrypt it", async () => {
    const setup = await setUp();
    const { SAMLResponse, relayState } = await crafted(setup);
    const xml = decode(SAMLResponse).replace(
      /<saml:Assertion[\s\S]*<\/saml:Assertion>/,
      '<saml:EncryptedAssertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"><xenc:EncryptedData xmlns:xenc="http://www.w3.org/2001/04/xmlenc#"><xenc:CipherData><xenc:CipherValue>AAAA</xenc:CipherValue></xenc:CipherData></xenc:EncryptedData></saml:EncryptedAssertion>',
    );
    await expectRefused(setup.t, await post(setup.t, setup.acsUrl, encode(xml), relayState), "assertion_invalid", /encrypted/);
  });
});

describe("SAML test sign-in", () => {
  it("shows the attributes, NameID and the policy's plan, without provisioning", async () => {
    const { t, admin, connectionId, acsUrl } = await setUp();
    const { testId, url } = await admin.client.mutation(g.startTestSignIn, { connectionId });
    const authorize = (await t.fetch(pathOf(url))).headers.get("location")!;
    const answer = await loginAtDemoSamlIdp(authorize, grace!.email);
    const landing = await post(t, acsUrl, answer.SAMLResponse, answer.RelayState);
    expect(landing.href).toBe(`${SITE_URL}/settings/connections/${connectionId}/test/${testId}`);
    expect(await admin.client.query(g.getTestSignIn, { testId })).toMatchObject({
      status: "succeeded",
      claims: { nameID: grace!.email, email: grace!.email, groups: "engineering" },
      profile: { email: grace!.email, name: "Grace Hopper", groups: ["engineering"] },
      plan: { ok: true, user: { action: "create" } },
    });
    expect(await t.run((ctx) => ctx.db.query("users").withIndex("email", (q) => q.eq("email", grace!.email)).first())).toBeNull();
  });
});

describe("SAML set-up", () => {
  it("reads the IdP's metadata (entity ID, endpoints, certificates) and serves our SP metadata", async () => {
    const { t, admin, connectionId, acsUrl, entityId } = await setUp();
    const saml = (await admin.client.query(g.getSaml, { connectionId }))!;
    expect(saml.metadata).toMatchObject({ url: idp.metadataUrl, entityId: idp.entityId, ssoUrls: { redirect: idp.ssoUrl } });
    expect(saml.metadata.certificates[0]!.notAfter).toBeGreaterThan(Date.now());
    const xml = await t.query(g.metadata, { connectionId });
    expect(xml).toContain(`entityID="${entityId}"`);
    expect(xml).toContain(`Location="${acsUrl}"`);
    const served = await t.fetch(`/api/auth/saml/${connectionId}/metadata`);
    expect(await served.text()).toBe(xml);
    expect(await admin.client.action(g.validateSaml, { connectionId })).toMatchObject({ ok: true });
  });

  it("warns once when a signing certificate expires within 30 days, and keeps the last good metadata when the IdP is down", async () => {
    const { t, admin, connectionId } = await setUp();
    await t.run(async (ctx) => {
      const connection = (await ctx.db.get(connectionId))!;
      const certificates = connection.saml!.metadata.certificates.map((cert) => ({ ...cert, notAfter: Date.now() + 10 * 24 * 3600_000 }));
      await ctx.db.patch(connectionId, { saml: { ...connection.saml!, metadata: { ...connection.saml!.metadata, certificates } } });
    });
    const warnings = async () => (await t.run((ctx) => ctx.db.query("auditEvents").collect())).filter((event) => event.kind === "connection.certificate.expiring");
    const certificates = (await admin.client.query(g.getSamlStatus, { connectionId })).certificates.length;
    await admin.client.action(g.refreshSaml, { connectionId });
    expect(await warnings()).toHaveLength(certificates);
    // Once per certificate: the next refresh warns no more.
    await admin.client.action(g.refreshSaml, { connectionId });
    expect(await warnings()).toHaveLength(certificates);
    expect((await admin.client.query(g.getSamlStatus, { connectionId })).certificates[0]).toMatchObject({ state: "expiring" });

    await t.run(async (ctx) => {
      const connection = (await ctx.db.get(connectionId))!;
      await ctx.db.patch(connectionId, { saml: { ...connection.saml!, metadata: { ...connection.saml!.metadata, url: "http://127.0.0.1:9/metadata" } } });
    });
    const down = await admin.client.action(g.refreshSaml, { connectionId });
    expect(down.ok).toBe(false);
    expect(down.message).toMatch(/^Kept the last good metadata/);
    expect((await admin.client.query(g.getSaml, { connectionId }))!.metadata.entityId).toBe(idp.entityId);
  });

  it("keeps the saved metadata when a save leaves it out, and refuses a first save without it", async () => {
    const { admin, connectionId } = await setUp();
    const saved = await admin.client.action(g.setSaml, { connectionId, idpInitiated: { enabled: true, defaultRedirect: "/dashboard" } });
    expect(saved.metadata).toMatchObject({ url: idp.metadataUrl, entityId: idp.entityId });
    expect(saved.idpInitiated.enabled).toBe(true);
    const fresh = await admin.client.mutation(g.createConnection, { groupId: (await admin.client.query(api.groups.active, {}))!.groupId, protocol: "saml" });
    expect(await errorCode(admin.client.action(g.setSaml, { connectionId: fresh }))).toBe("INVALID_INPUT");
  });

  it("signs AuthnRequests with the SP key, which no read returns", async () => {
    const sp = await generateSamlSigningCertificate();
    const { t, admin, connectionId } = await setUp({
      request: { signAuthnRequests: true },
      serviceProvider: { signingKey: sp.privateKeyPem, signingCert: sp.certificatePem },
    });
    const authorize = new URL(await start(t, frank!.email));
    // HTTP-Redirect binding: the signature covers the query string up to SigAlg, in this order.
    const signed = ["SAMLRequest", "RelayState", "SigAlg"].map((name) => `${name}=${encodeURIComponent(authorize.searchParams.get(name)!)}`).join("&");
    expect(authorize.searchParams.get("SigAlg")).toBe("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256");
    expect(createVerify("RSA-SHA256").update(signed).verify(sp.certificatePem, authorize.searchParams.get("Signature")!, "base64")).toBe(true);
    const reads = JSON.stringify([await admin.client.query(g.getSaml, { connectionId }), await admin.client.query(g.getConnection, { id: connectionId })]);
    expect(reads).toContain('"hasSigningKey":true');
    expect(reads).not.toContain("PRIVATE KEY");
    const metadata = (await t.query(g.metadata, { connectionId }))!;
    expect(metadata).toContain('AuthnRequestsSigned="true"');
    expect(metadata).toContain(certificateBase64(sp.certificatePem).slice(0, 40));
  });
});
