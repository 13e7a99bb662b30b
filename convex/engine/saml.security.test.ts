import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDemoSamlIdp, type StandaloneDemoSamlIdp } from "../../tools/demo-idp/saml-idp";
import { SAML_DEMO_USERS } from "../../tools/demo-idp/users";
import { authEnv, CONVEX_SITE_URL, createUser, newBackend, SITE_URL, type Backend } from "../../tools/testing/convex";
import { idpInitiatedLogin } from "../../tools/testing/saml-login";
import { isSsoErrorCode } from "../../lib/sso-errors";
import { api } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { MetadataRefused, parseIdpMetadata } from "./samlMetadata";
import { SamlFailure, validateSamlResponse, type SamlExpectations } from "./samlResponse";

/**
 * Hostile SAML input: whatever is posted to the ACS (arbitrary bytes, broken
 * base64, non-XML, XML bombs, huge bodies, a valid response cut short or
 * with a hostile RelayState) ends in a redirect to /sign-in with an
 * `sso_error` code and a `login.failed` audit event, provisions nothing and
 * never crashes. At unit level, the response validator and the metadata
 * reader throw only their own typed failures. Seeded, so a failure replays.
 */
const SEED = 2005;
const [frank] = SAML_DEMO_USERS;
let idp: StandaloneDemoSamlIdp;

beforeAll(async () => {
  await authEnv();
  process.env.ENCRYPTION_KEYS = `k1:${btoa(String.fromCharCode(...new Uint8Array(32).fill(3)))}`;
  process.env.ALLOW_PRIVATE_IDP_URLS = "true";
  idp = await startDemoSamlIdp({ port: 0, acsUrlPrefix: `${CONVEX_SITE_URL}/api/auth/saml/` });
});

afterAll(async () => {
  delete process.env.ALLOW_PRIVATE_IDP_URLS;
  await idp?.close();
});

interface Setup {
  t: Backend;
  connectionId: Id<"connections">;
  acsUrl: string;
  entityId: string;
}

async function setUp(): Promise<Setup> {
  const t = newBackend();
  const admin = await createUser(t, { email: "owner@initech.test" });
  const { groupId } = await admin.client.mutation(api.groups.create, { name: "Initech" });
  const connectionId = await admin.client.mutation(api.auth.group.createConnection, { groupId, protocol: "saml", name: "Initech IdP" });
  await admin.client.action(api.auth.group.setSaml, { connectionId, metadata: { url: idp.metadataUrl }, idpInitiated: { enabled: true, defaultRedirect: "/dashboard" } });
  await admin.client.mutation(api.auth.group.setDomains, { connectionId, domains: ["initech.test"] });
  await t.run(async (ctx) => {
    const domain = (await ctx.db.query("domains").withIndex("by_domain", (q) => q.eq("domain", "initech.test")).unique())!;
    await ctx.db.patch(domain._id, { status: "verified", verifiedTime: Date.now() });
  });
  await admin.client.mutation(api.auth.group.updateConnection, { id: connectionId, data: { status: "active", overrideTest: true } });
  const status = await admin.client.query(api.auth.group.getSamlStatus, { connectionId });
  return { t, connectionId, acsUrl: status.acsUrl, entityId: status.entityId };
}

/** Posts a raw form body to the ACS; returns where the browser is sent. */
async function postRaw(t: Backend, acsUrl: string, body: string): Promise<URL> {
  const response = await t.fetch(new URL(acsUrl).pathname, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body });
  expect(response.status).toBe(302);
  return new URL(response.headers.get("location")!);
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const base64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

/** The ACS refused it the way it must: a known sso_error, audited, nobody signed in or created. */
async function expectRefused(t: Backend, landing: URL) {
  expect(`${landing.origin}${landing.pathname}`).toBe(`${SITE_URL}/sign-in`);
  const code = landing.searchParams.get("sso_error");
  expect(isSsoErrorCode(code)).toBe(true);
  expect(code).not.toBe("internal_error");
  const last = await t.run(async (ctx) => (await ctx.db.query("auditEvents").order("desc").first())!);
  expect(last).toMatchObject({ kind: "login.failed", outcome: "failure", metadata: { failure: code } });
  expect(await t.run((ctx) => ctx.db.query("users").withIndex("email", (q) => q.eq("email", frank!.email)).first())).toBeNull();
  expect(await t.run((ctx) => ctx.db.query("ssoCodes").collect())).toEqual([]);
}

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">&lol3;</samlp:Response>`;
const XXE = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">&x;</samlp:Response>`;
const DEEP = `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"><saml:Assertion>${"<a>".repeat(20_000)}${"</a>".repeat(20_000)}</saml:Assertion></samlp:Response>`;

describe("the SAML ACS with hostile input", () => {
  let setup: Setup;
  beforeAll(async () => {
    setup = await setUp();
  });

  it.each([
    ["no SAMLResponse", form({ RelayState: "x" })],
    ["an empty SAMLResponse", form({ SAMLResponse: "" })],
    ["base64 that is not base64", form({ SAMLResponse: "%%%not base64%%%" })],
    ["base64 of binary noise", form({ SAMLResponse: Buffer.from([0, 255, 1, 254, 128, 7]).toString("base64") })],
    ["base64 of plain text", form({ SAMLResponse: base64("hello, not xml") })],
    ["base64 of JSON", form({ SAMLResponse: base64('{"Response":{}}') })],
    ["an XML bomb (billion laughs)", form({ SAMLResponse: base64(BILLION_LAUGHS) })],
    ["an external entity (XXE)", form({ SAMLResponse: base64(XXE) })],
    ["20,000 nested elements", form({ SAMLResponse: base64(DEEP) })],
    ["a body over 2 MB", form({ SAMLResponse: "A".repeat(2 * 1024 * 1024 + 10) })],
    ["a response over the connection's size limit", form({ SAMLResponse: base64(`<x>${"a".repeat(600 * 1024)}</x>`) })],
    ["a form body that is not a form", "\u0000\u0001\u0002=&&=%zz"],
  ])("refuses %s", async (_label, body) => {
    await expectRefused(setup.t, await postRaw(setup.t, setup.acsUrl, body));
  });

  it("refuses arbitrary bytes and arbitrary text as SAMLResponse", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes).toString("base64")), fc.string({ unit: "binary", maxLength: 200 })), async (samlResponse) => {
        await expectRefused(setup.t, await postRaw(setup.t, setup.acsUrl, form({ SAMLResponse: samlResponse, RelayState: "whatever" })));
      }),
      { seed: SEED, numRuns: 40 },
    );
  });

  it("refuses a valid response cut short anywhere (in its XML or its base64)", async () => {
    const { SAMLResponse } = await idpInitiatedLogin(idp.entityId, { acs: setup.acsUrl, audience: setup.entityId }, frank!.email);
    const xml = Buffer.from(SAMLResponse, "base64").toString("utf8");
    await fc.assert(
      fc.asyncProperty(fc.double({ min: 0, max: 0.999, noNaN: true }), fc.boolean(), async (fraction, cutXml) => {
        const cut = cutXml ? base64(xml.slice(0, Math.floor(xml.length * fraction))) : SAMLResponse.slice(0, Math.floor(SAMLResponse.length * fraction));
        await expectRefused(setup.t, await postRaw(setup.t, setup.acsUrl, form({ SAMLResponse: cut })));
      }),
      { seed: SEED, numRuns: 30 },
    );
  });

  it("lands an IdP-initiated sign-in on the configured path, whatever RelayState says", async () => {
    const fresh = await setUp();
    for (const relayState of ["https://evil.example/", "//evil.example", "/\\evil.example", "javascript:alert(1)", "/%2F%2Fevil.example"]) {
      const answer = await idpInitiatedLogin(idp.entityId, { acs: fresh.acsUrl, audience: fresh.entityId, relayState }, frank!.email);
      const landing = await postRaw(fresh.t, fresh.acsUrl, form({ SAMLResponse: answer.SAMLResponse, RelayState: relayState }));
      expect(`${landing.origin}${landing.pathname}`).toBe(`${SITE_URL}/sso/complete`);
      expect(landing.searchParams.get("redirectTo")).toBe("/dashboard");
    }
  });
});

describe("SAML parsers at unit level", () => {
  let expectations: SamlExpectations;
  beforeAll(async () => {
    const { t, connectionId, acsUrl, entityId } = await setUp();
    const config = (await t.run((ctx) => ctx.db.get(connectionId)))!.saml!;
    expectations = { config, spEntityId: entityId, acsUrl };
  });

  const xmlish = fc.oneof(
    fc.string({ unit: "binary", maxLength: 300 }),
    fc
      .array(fc.constantFrom("<", ">", "</", "/>", "samlp:Response", "saml:Assertion", 'xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"', "<!--", "-->", "<![CDATA[", "]]>", "&amp;", "&x;", "<!DOCTYPE", "<?xml", "?>", '"', "=", " ", "ID", "\u0000", "é"), { maxLength: 30 })
      .map((parts) => parts.join("")),
  );

  it("validateSamlResponse throws only SamlFailure, with a known code", async () => {
    await fc.assert(
      fc.asyncProperty(xmlish, fc.boolean(), async (text, encode) => {
        try {
          await validateSamlResponse(encode ? base64(text) : text, expectations);
          expect.unreachable("a made-up response was accepted");
        } catch (error) {
          expect(error).toBeInstanceOf(SamlFailure);
          expect(isSsoErrorCode((error as SamlFailure).code)).toBe(true);
        }
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it("parseIdpMetadata throws only MetadataRefused", () => {
    fc.assert(
      fc.property(xmlish, (text) => {
        expect(() => parseIdpMetadata(text, 100_000)).toThrow(MetadataRefused);
      }),
      { seed: SEED, numRuns: 300 },
    );
    expect(() => parseIdpMetadata(BILLION_LAUGHS, 100_000)).toThrow(/DOCTYPE/);
  });
});
