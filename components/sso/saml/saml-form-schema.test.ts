import { describe, expect, it } from "vitest";
import {
  draftFingerprint,
  emptyDraft,
  parseSamlDraft,
  savedState,
  toDraft,
  type SamlDraft,
  type SavedSaml,
} from "./saml-form-schema";
import { describeSamlError, fieldOfSamlError } from "./saml-server-errors";

const METADATA_XML = `<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com/saml">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"/>
</md:EntityDescriptor>`;
const CERT = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----";
const KEY = "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----";

const NOTHING_SAVED = savedState(null);
const valid: SamlDraft = { ...emptyDraft(), metadataUrl: "https://idp.example.com/saml/metadata" };

function errorsOf(draft: Partial<SamlDraft>, saved = NOTHING_SAVED) {
  const parsed = parseSamlDraft({ ...valid, ...draft }, saved);
  return parsed.ok ? {} : parsed.errors;
}

const saved: SavedSaml = {
  metadata: { url: "https://idp.example.com/saml/metadata" },
  request: { signAuthnRequests: true, nameIdFormat: "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent", forceAuthn: false },
  security: {
    requireSignedAssertions: true,
    requireTimestamps: false,
    clockSkewSeconds: 120,
    weakAlgorithmHandling: "warn",
    maxMetadataSize: 512 * 1024,
    maxResponseSize: 64 * 1024,
  },
  serviceProvider: {
    entityId: "urn:acme:sp",
    metadataUrl: "https://site.example/api/auth/saml/c1/metadata",
    signingCert: CERT,
    encryptionCert: null,
    hasSigningKey: true,
    hasEncryptionKey: false,
  },
  idpInitiated: { enabled: true, defaultRedirect: "/projects" },
  profile: { mapping: { subject: "uid", email: "mail", groups: "memberOf" }, extraFields: { department: "Department Name" } },
};

describe("parseSamlDraft", () => {
  it("builds the setSaml payload with the server's defaults, leaving out empty optional fields", () => {
    expect(parseSamlDraft(valid, NOTHING_SAVED)).toEqual({
      ok: true,
      payload: {
        metadata: { url: "https://idp.example.com/saml/metadata" },
        request: { signAuthnRequests: false, forceAuthn: false },
        security: {
          requireSignedAssertions: true,
          requireTimestamps: true,
          clockSkewSeconds: 60,
          weakAlgorithmHandling: "reject",
          maxMetadataSize: 256 * 1024,
          maxResponseSize: 256 * 1024,
        },
        serviceProvider: {},
        idpInitiated: { enabled: false, defaultRedirect: "/dashboard" },
        profile: { mapping: { email: "email", name: "name", firstName: "firstName", lastName: "lastName", groups: "groups" } },
      },
    });
  });

  it("sends pasted XML instead of the URL in XML mode", () => {
    const parsed = parseSamlDraft({ ...valid, metadataMode: "xml", metadataXml: `  ${METADATA_XML}\n` }, NOTHING_SAVED);
    expect(parsed.ok && parsed.payload.metadata).toEqual({ xml: METADATA_XML });
  });

  it("asks for the metadata again when it was saved as XML (the server doesn't return it)", () => {
    const draft = toDraft({ ...saved, metadata: { url: null } });
    expect(draft).toMatchObject({ metadataMode: "xml", metadataXml: "" });
    const parsed = parseSamlDraft(draft, savedState({ ...saved, metadata: { url: null } }));
    expect(parsed).toMatchObject({ ok: false, errors: { metadataXml: "Paste or upload the metadata again to save changes (or switch to its URL)." } });
    expect(errorsOf({ metadataMode: "xml" })).toEqual({ metadataXml: "Paste the metadata XML, or upload its file." });
  });

  it("refuses XML that isn't metadata, or is larger than the metadata limit", () => {
    expect(errorsOf({ metadataMode: "xml", metadataXml: "<html></html>" })).toEqual({
      metadataXml: "This isn't SAML metadata: it has no EntityDescriptor.",
    });
    const large = METADATA_XML.replace("<md:IDPSSODescriptor", `<!--${"x".repeat(9 * 1024)}--><md:IDPSSODescriptor`);
    expect(errorsOf({ metadataMode: "xml", metadataXml: large, maxMetadataKb: "8" })).toEqual({
      metadataXml: "The metadata is 10 KB; the limit (under Advanced settings) is 8 KB.",
    });
  });

  it("names every field with a problem at once", () => {
    expect(
      errorsOf({
        metadataUrl: "",
        emailAttribute: " ",
        clockSkew: "301",
        maxResponseKb: "4",
        maxMetadataKb: "2048",
        idpInitiated: true,
        defaultRedirect: "https://evil.example",
        extraFields: "department",
      }),
    ).toEqual({
      metadataUrl: "Enter the metadata URL.",
      emailAttribute: "Enter the attribute that holds the email address.",
      clockSkew: "Enter whole seconds from 0 to 300.",
      maxResponseKb: "Enter whole KB from 8 to 1024 for the response.",
      maxMetadataKb: "Enter whole KB from 8 to 1024 for the metadata.",
      defaultRedirect: "Enter a path on this site, like /dashboard.",
      extraFields: "Line 1: write it as field=attribute.",
    });
  });

  it("refuses metadata URLs that can't be fetched", () => {
    expect(errorsOf({ metadataUrl: "idp.example.com/metadata" })).toEqual({ metadataUrl: "Enter a full URL, like https://idp.example.com." });
    expect(errorsOf({ metadataUrl: "https://{yourOktaDomain}/app/{appId}/sso/saml/metadata" })).toEqual({
      metadataUrl: "Replace the {…} parts with your own values.",
    });
  });

  it("allows attribute names with spaces and URIs, as IdPs send them", () => {
    const parsed = parseSamlDraft(
      { ...valid, groupsAttribute: "http://schemas.microsoft.com/ws/2008/06/identity/claims/groups", extraFields: "department=Department Name" },
      NOTHING_SAVED,
    );
    expect(parsed.ok && parsed.payload.profile.extraFields).toEqual({ department: "Department Name" });
  });

  it("needs a signing key and its certificate to sign requests", () => {
    expect(errorsOf({ signAuthnRequests: true })).toEqual({
      signingKey: "Signing requests needs the SP signing key (PEM).",
      signingCert: "Add the signing key's certificate: your identity provider checks the signatures with it.",
    });
    expect(errorsOf({ signAuthnRequests: true, signingKey: "not a key", signingCert: KEY })).toEqual({
      signingKey: "Paste the signing key in PEM form (-----BEGIN PRIVATE KEY-----).",
      signingCert: "Paste the signing certificate in PEM form (-----BEGIN CERTIFICATE-----).",
    });
    const parsed = parseSamlDraft({ ...valid, signAuthnRequests: true, signingKey: KEY, signingCert: CERT }, NOTHING_SAVED);
    expect(parsed.ok && parsed.payload.serviceProvider).toEqual({ signingCert: CERT, signingKey: KEY });
  });

  it("keeps a saved key without sending it, and asks for the new one after Replace", () => {
    const state = savedState(saved);
    const draft = toDraft(saved);
    const kept = parseSamlDraft(draft, state);
    expect(kept.ok && kept.payload.serviceProvider).toEqual({ entityId: "urn:acme:sp", signingCert: CERT });
    expect(parseSamlDraft({ ...draft, signingKeyMode: "set" }, state)).toEqual({
      ok: false,
      errors: { signingKey: "Paste the new signing key, or keep the saved one." },
    });
  });

  it("wants the encryption certificate and key together", () => {
    expect(errorsOf({ encryptionCert: CERT })).toEqual({
      encryptionKey: "Add the encryption key too: without it, encrypted assertions can't be read.",
    });
    expect(errorsOf({ encryptionKey: KEY })).toEqual({
      encryptionCert: "Add the encryption key's certificate: your identity provider encrypts with it.",
    });
  });
});

describe("saved settings", () => {
  it("turn into a form that round-trips", () => {
    const draft = toDraft(saved);
    expect(draft).toMatchObject({ spEntityId: "urn:acme:sp", signingKeyMode: "keep", maxMetadataKb: "512", extraFields: "department=Department Name" });
    const parsed = parseSamlDraft(draft, savedState(saved));
    expect(parsed.ok && parsed.payload).toEqual({
      metadata: { url: saved.metadata.url },
      request: saved.request,
      security: saved.security,
      serviceProvider: { entityId: "urn:acme:sp", signingCert: CERT },
      idpInitiated: saved.idpInitiated,
      profile: saved.profile,
    });
  });

  it("show the default SP entity ID as empty, so it keeps following the metadata URL", () => {
    const draft = toDraft({ ...saved, serviceProvider: { ...saved.serviceProvider, entityId: saved.serviceProvider.metadataUrl } });
    expect(draft.spEntityId).toBe("");
  });

  it("ignore whitespace-only edits when deciding whether there is something to save", () => {
    const draft = toDraft(saved);
    expect(draftFingerprint({ ...draft, metadataUrl: ` ${draft.metadataUrl} `, extraFields: "department=Department Name\n\n" })).toBe(
      draftFingerprint(draft),
    );
    expect(draftFingerprint({ ...draft, clockSkew: "30" })).not.toBe(draftFingerprint(draft));
  });
});

describe("server refusals", () => {
  it("point at the field the message names, by the name the form shows", () => {
    const error = { code: "INVALID_INPUT", message: "security.clockSkewSeconds: Use at most 300 seconds of clock skew." };
    expect(fieldOfSamlError(error, valid)).toEqual({ field: "clockSkew", message: "Use at most 300 seconds of clock skew." });
    expect(describeSamlError(error, valid)).toBe("Clock skew: Use at most 300 seconds of clock skew.");
    expect(fieldOfSamlError({ code: "INVALID_INPUT", message: "profile.extraFields.department: Name an attribute." }, valid)).toEqual({
      field: "extraFields",
      message: "Name an attribute.",
    });
    expect(fieldOfSamlError({ code: "INVALID_INPUT", message: "serviceProvider.signingKey: signing AuthnRequests needs an SP signing key." }, valid)).toEqual({
      field: "signingKey",
      message: "Signing AuthnRequests needs an SP signing key.",
    });
  });

  it("put unreachable URLs and unreadable metadata on the metadata field", () => {
    expect(fieldOfSamlError({ code: "INVALID_URL", message: "The metadata URL answered 404." }, valid)).toEqual({
      field: "metadataUrl",
      message: "The metadata URL answered 404.",
    });
    expect(fieldOfSamlError({ code: "INVALID_INPUT", message: "The IdP metadata can't be read." }, { metadataMode: "xml" })).toEqual({
      field: "metadataXml",
      message: "The IdP metadata can't be read.",
    });
  });

  it("leave other refusals to the form alert as they are", () => {
    const error = { code: "FORBIDDEN", message: "You don't have access to this." };
    expect(fieldOfSamlError(error, valid)).toBeNull();
    expect(describeSamlError(error, valid)).toBe("You don't have access to this.");
  });
});
