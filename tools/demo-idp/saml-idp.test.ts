import { inflateRawSync } from "node:zlib";
import { SAML, SamlStatusError, ValidateInResponseTo } from "@node-saml/node-saml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { idpInitiatedLogin, loginAtDemoSamlIdp } from "../testing/saml-login";
import { startDemoOidcIdp } from "./oidc-idp";
import { startDemoSamlIdp, type StandaloneDemoSamlIdp } from "./saml-idp";
import { SAML_DEMO_USERS } from "./users";

/** The demo SAML IdP against a real service provider (@node-saml/node-saml), end to end over HTTP. */
const acsUrlPrefix = "http://127.0.0.1:9/api/auth/saml/";
const acsUrl = `${acsUrlPrefix}conn-1/acs`;
const spEntityId = "https://sp.test/saml";
const [frank, , peter] = SAML_DEMO_USERS;

let idp: StandaloneDemoSamlIdp;

beforeAll(async () => {
  idp = await startDemoSamlIdp({ port: 0, acsUrlPrefix });
});
afterAll(() => idp.close());

/** An SP that trusts the certificates the IdP's metadata publishes (or `idpCert`) and checks InResponseTo when there is one. */
async function serviceProvider(overrides: { callbackUrl?: string; idpCert?: string | string[] } = {}) {
  return new SAML({
    entryPoint: idp.ssoUrl,
    issuer: spEntityId,
    callbackUrl: overrides.callbackUrl ?? acsUrl,
    idpCert: overrides.idpCert ?? metadataCertificates(await (await fetch(idp.metadataUrl)).text()),
    idpIssuer: idp.entityId,
    validateInResponseTo: ValidateInResponseTo.ifPresent,
  });
}

function metadataCertificates(metadata: string): string[] {
  return [...metadata.matchAll(/<ds:X509Certificate>([^<]+)<\/ds:X509Certificate>/g)].map(([, base64]) => base64!);
}

function decode(samlResponse: string): string {
  return Buffer.from(samlResponse, "base64").toString("utf8");
}

function authnRequestId(redirectUrl: string): string {
  const samlRequest = new URL(redirectUrl).searchParams.get("SAMLRequest")!;
  return /\bID="([^"]+)"/.exec(inflateRawSync(Buffer.from(samlRequest, "base64")).toString("utf8"))![1]!;
}

function certificateBody(pem: string): string {
  return pem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, "");
}

describe("the demo SAML IdP", () => {
  it("publishes its entity ID, both SSO bindings, the email NameID format and its certificate", async () => {
    expect(idp.entityId).toBe(`http://127.0.0.1:${idp.port}/saml`);
    const response = await fetch(idp.metadataUrl);
    expect(response.headers.get("content-type")).toBe("application/xml; charset=utf-8");
    const metadata = await response.text();
    expect(metadata).toContain(`entityID="${idp.entityId}"`);
    expect(metadata).toContain(`Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${idp.ssoUrl}"`);
    expect(metadata).toContain(`Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${idp.ssoUrl}"`);
    expect(metadata).toContain("<md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>");
    expect(metadataCertificates(metadata)).toEqual(idp.certificates().map(certificateBody));
  });

  it("signs Peter in for an SP-initiated request: NameID, attributes, InResponseTo and RelayState", async () => {
    const sp = await serviceProvider();
    const redirectUrl = await sp.getAuthorizeUrlAsync("/after-sign-in", undefined, {});
    const post = await loginAtDemoSamlIdp(redirectUrl, peter!.email);
    expect(post).toMatchObject({ acsUrl, RelayState: "/after-sign-in" });

    const xml = decode(post.SAMLResponse);
    // The Response and the assertion are each signed, with RSA-SHA256.
    expect(xml.match(/<SignatureMethod Algorithm="http:\/\/www\.w3\.org\/2001\/04\/xmldsig-more#rsa-sha256"/g)).toHaveLength(2);

    const { profile } = await sp.validatePostResponseAsync({ SAMLResponse: post.SAMLResponse });
    expect(profile).toMatchObject({
      issuer: idp.entityId,
      nameID: "peter@initech.test",
      nameIDFormat: "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
      inResponseTo: authnRequestId(redirectUrl),
      email: "peter@initech.test",
      name: "Peter Gibbons",
      firstName: "Peter",
      lastName: "Gibbons",
      groups: ["engineering", "tps-reports"],
      employeeId: "INI-0042",
    });
  });

  it("leaves out the attributes a user does not have", async () => {
    const sp = await serviceProvider();
    const post = await loginAtDemoSamlIdp(await sp.getAuthorizeUrlAsync("", undefined, {}), frank!.email);
    expect(post.RelayState).toBeUndefined();
    const { profile } = await sp.validatePostResponseAsync({ SAMLResponse: post.SAMLResponse });
    // node-saml gives a single-valued attribute as a string.
    expect(profile).toMatchObject({ nameID: "frank@initech.test", groups: "initech-admins" });
    expect(profile).not.toHaveProperty("employeeId");
  });

  it("accepts an AuthnRequest over the HTTP-POST binding", async () => {
    const sp = await serviceProvider();
    const deflated = new URL(await sp.getAuthorizeUrlAsync("", undefined, {})).searchParams.get("SAMLRequest")!;
    const samlRequest = inflateRawSync(Buffer.from(deflated, "base64")).toString("base64");
    const response = await fetch(idp.ssoUrl, { method: "POST", body: new URLSearchParams({ SAMLRequest: samlRequest, RelayState: "r" }) });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(`<strong>${spEntityId}</strong> asks who you are.`);
  });

  it("answers Cancel with a signed Responder / AuthnFailed status and no assertion", async () => {
    const sp = await serviceProvider();
    const redirectUrl = await sp.getAuthorizeUrlAsync("state-1", undefined, {});
    const post = await loginAtDemoSamlIdp(redirectUrl, peter!.email, { cancel: true });
    expect(post).toMatchObject({ acsUrl, RelayState: "state-1" });
    const xml = decode(post.SAMLResponse);
    expect(xml).toContain(`InResponseTo="${authnRequestId(redirectUrl)}"`);
    expect(xml).toContain(
      '<samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Responder"><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:AuthnFailed"/>',
    );
    expect(xml).not.toContain("Assertion");

    const rejection = sp.validatePostResponseAsync({ SAMLResponse: post.SAMLResponse });
    await expect(rejection).rejects.toBeInstanceOf(SamlStatusError);
    await expect(rejection).rejects.toThrow("SAML provider returned Responder error: The user cancelled the sign-in");
  });

  it("refuses an AssertionConsumerService URL outside its prefix, also one that only looks inside", async () => {
    for (const callbackUrl of ["http://127.0.0.1:9/elsewhere/acs", `${acsUrlPrefix}../../elsewhere/acs`]) {
      const sp = await serviceProvider({ callbackUrl });
      await expect(loginAtDemoSamlIdp(await sp.getAuthorizeUrlAsync("", undefined, {}), peter!.email)).rejects.toThrow(
        /with 400: .*is not under http:\/\/127\.0\.0\.1:9\/api\/auth\/saml\/, the only place this IdP sends assertions/,
      );
    }
  });

  it("re-renders the sign-in page for an email that is not a demo user", async () => {
    const sp = await serviceProvider();
    await expect(loginAtDemoSamlIdp(await sp.getAuthorizeUrlAsync("", undefined, {}), "mallory@initech.test")).rejects.toThrow(
      /with 400: .*There is no demo user with the email mallory@initech\.test\./,
    );
  });

  it("signs an IdP-initiated Response without InResponseTo", async () => {
    const sp = await serviceProvider();
    const post = await idpInitiatedLogin(
      `http://127.0.0.1:${idp.port}`,
      { acs: acsUrl, audience: spEntityId, relayState: "/home" },
      frank!.email,
    );
    expect(post).toMatchObject({ acsUrl, RelayState: "/home" });
    expect(decode(post.SAMLResponse)).not.toContain("InResponseTo");
    const { profile } = await sp.validatePostResponseAsync({ SAMLResponse: post.SAMLResponse });
    expect(profile).toMatchObject({ nameID: "frank@initech.test" });
    expect(profile?.inResponseTo).toBeUndefined();
  });

  it("builds Responses with the fields a test wants wrong, signed with its real key", async () => {
    const sp = await serviceProvider();
    const sha1 = decode(
      await idp.buildResponse({ user: frank!, acsUrl, audience: spEntityId, signatureAlgorithm: "rsa-sha1", digestAlgorithm: "sha1" }),
    );
    expect(sha1.match(/<SignatureMethod Algorithm="http:\/\/www\.w3\.org\/2000\/09\/xmldsig#rsa-sha1"/g)).toHaveLength(2);
    expect(sha1).toContain('<DigestMethod Algorithm="http://www.w3.org/2000/09/xmldsig#sha1"');

    const expired = await idp.buildResponse({ user: frank!, acsUrl, audience: spEntityId, lifetimeSeconds: -60 });
    await expect(sp.validatePostResponseAsync({ SAMLResponse: expired })).rejects.toThrow("SAML assertion expired");

    const forAnotherSp = await idp.buildResponse({ user: frank!, acsUrl, audience: "https://other-sp.test" });
    await expect(sp.validatePostResponseAsync({ SAMLResponse: forAnotherSp })).rejects.toThrow("SAML assertion audience mismatch");

    const assertionOnly = decode(await idp.buildResponse({ user: frank!, acsUrl, audience: spEntityId, signResponse: false }));
    expect(assertionOnly.match(/<Signature /g)).toHaveLength(1);
  });
});

describe("certificate rotation", () => {
  let rotating: StandaloneDemoSamlIdp;
  beforeAll(async () => {
    rotating = await startDemoSamlIdp({ port: 0, acsUrlPrefix });
  });
  afterAll(() => rotating.close());

  it("publishes the next certificate beside the current one, signs with the next, and drops the old one when retired", async () => {
    const [old] = rotating.certificates();
    await rotating.rotateCertificate();
    const [next] = rotating.certificates();
    expect(metadataCertificates(await (await fetch(rotating.metadataUrl)).text())).toEqual([next, old].map((pem) => certificateBody(pem!)));

    const samlResponse = await rotating.buildResponse({ user: peter!, acsUrl, audience: spEntityId });
    const sp = (idpCert: string) =>
      new SAML({ entryPoint: rotating.ssoUrl, issuer: spEntityId, callbackUrl: acsUrl, idpCert, idpIssuer: rotating.entityId });
    await expect(sp(next!).validatePostResponseAsync({ SAMLResponse: samlResponse })).resolves.toMatchObject({
      profile: { nameID: "peter@initech.test" },
    });
    await expect(sp(old!).validatePostResponseAsync({ SAMLResponse: samlResponse })).rejects.toThrow("Invalid document signature");

    rotating.retireOldCertificates();
    expect(metadataCertificates(await (await fetch(rotating.metadataUrl)).text())).toEqual([certificateBody(next!)]);
  });
});

describe("the SAML IdP mounted on the demo OIDC IdP's server", () => {
  it("serves its metadata under /saml/ and shows what an admin copies on the home page", async () => {
    const shared = await startDemoOidcIdp({ port: 0, clients: [], saml: { acsUrlPrefix } });
    try {
      expect(shared.saml?.entityId).toBe(`${shared.issuer}/saml`);
      const metadata = await (await fetch(`${shared.issuer}/saml/metadata`)).text();
      expect(metadata).toContain(`entityID="${shared.issuer}/saml"`);
      const home = await (await fetch(shared.issuer)).text();
      expect(home).toContain(`<code data-testid="demo-idp-saml-metadata-url">${shared.issuer}/saml/metadata</code>`);
      expect(home).toContain("frank@initech.test");
      expect((await fetch(`${shared.issuer}/saml/nothing-here`)).status).toBe(404);
    } finally {
      await shared.close();
    }
  });
});
