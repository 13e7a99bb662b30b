import { describe, expect, it } from "vitest";
import { emptyDraft, parseSamlDraft, savedState } from "./saml-form-schema";
import { applySamlTemplate, CLAIM_URIS, detectSamlTemplate, SAML_TEMPLATES, SAML_TEMPLATES_BY_ID, type SamlTemplateId } from "./templates";

const METADATA_XML = '<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com"/>';

/** What an admin would enter after picking the template: the example metadata URL, or the downloaded file. */
function filledIn(id: SamlTemplateId) {
  const template = SAML_TEMPLATES_BY_ID[id];
  const draft = applySamlTemplate(emptyDraft(), template);
  return draft.metadataMode === "url" ? { ...draft, metadataUrl: template.metadata.example! } : { ...draft, metadataXml: METADATA_XML };
}

describe("SAML templates", () => {
  it("covers the eight providers, each once, the catch-all last", () => {
    expect(SAML_TEMPLATES.map((template) => template.id)).toEqual(["okta", "entra", "google", "onelogin", "jumpcloud", "pingone", "adfs", "generic"]);
  });

  it.each(SAML_TEMPLATES.map((template) => [template.id] as const))("%s fills a form that makes a setSaml payload with its attribute names", (id) => {
    const template = SAML_TEMPLATES_BY_ID[id];
    const parsed = parseSamlDraft(filledIn(id), savedState(null));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.payload.profile.mapping).toEqual({
      subject: template.mapping.subject || undefined,
      email: template.mapping.email,
      name: template.mapping.name || undefined,
      firstName: template.mapping.firstName || undefined,
      lastName: template.mapping.lastName || undefined,
      groups: template.mapping.groups || undefined,
      roles: template.mapping.roles || undefined,
    });
  });

  it.each(SAML_TEMPLATES.filter((template) => template.metadata.source === "url").map((template) => [template.id] as const))(
    "%s: the metadata URL pattern is refused until its placeholders are replaced",
    (id) => {
      const template = SAML_TEMPLATES_BY_ID[id];
      const parsed = parseSamlDraft({ ...filledIn(id), metadataUrl: template.metadata.pattern! }, savedState(null));
      if (id === "generic") expect(parsed.ok).toBe(true);
      else expect(parsed).toEqual({ ok: false, errors: { metadataUrl: "Replace the {…} parts with your own values." } });
    },
  );

  it("uses Microsoft's claim URIs for Entra ID and AD FS, plain names elsewhere", () => {
    expect(SAML_TEMPLATES_BY_ID.entra.mapping).toMatchObject({
      email: "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
      groups: "http://schemas.microsoft.com/ws/2008/06/identity/claims/groups",
      subject: CLAIM_URIS.objectId,
    });
    expect(SAML_TEMPLATES_BY_ID.adfs.mapping).toMatchObject({ email: CLAIM_URIS.email, groups: "http://schemas.xmlsoap.org/claims/Group" });
    for (const id of ["okta", "onelogin", "jumpcloud", "pingone"] as const) {
      expect(SAML_TEMPLATES_BY_ID[id].mapping).toMatchObject({ subject: "", email: "email", firstName: "firstName", lastName: "lastName", groups: "groups" });
    }
  });

  it("maps no groups for Google Workspace, which sends none by default", () => {
    expect(SAML_TEMPLATES_BY_ID.google.mapping.groups).toBe("");
    expect(SAML_TEMPLATES_BY_ID.google.note).toMatch(/no groups/);
  });

  it("switches an untouched form to XML for providers that hand out a file, and keeps metadata already entered", () => {
    expect(applySamlTemplate(emptyDraft(), SAML_TEMPLATES_BY_ID.google).metadataMode).toBe("xml");
    expect(applySamlTemplate(emptyDraft(), SAML_TEMPLATES_BY_ID.jumpcloud).metadataMode).toBe("xml");
    const typed = { ...emptyDraft(), metadataUrl: "https://idp.example.com/metadata", clockSkew: "30" };
    expect(applySamlTemplate(typed, SAML_TEMPLATES_BY_ID.google)).toMatchObject({ metadataMode: "url", metadataUrl: typed.metadataUrl, clockSkew: "30" });
  });

  it("starts a new configuration with the catch-all's mapping (the picker's initial choice)", () => {
    expect(applySamlTemplate(emptyDraft(), SAML_TEMPLATES_BY_ID.generic)).toEqual(emptyDraft());
  });

  it("recognizes each provider from its example metadata URL or its usual entity IDs", () => {
    for (const template of SAML_TEMPLATES.filter((candidate) => candidate.metadata.example)) {
      expect(detectSamlTemplate([template.metadata.example])).toBe(template.id);
    }
    expect(detectSamlTemplate([null, "http://www.okta.com/exk1a2b3c4d5e6f7g8h9"])).toBe("okta");
    expect(detectSamlTemplate([null, "https://sts.windows.net/8f2d5c1e-6b7a-4c3d-9e0f-1a2b3c4d5e6f/"])).toBe("entra");
    expect(detectSamlTemplate([null, "https://accounts.google.com/o/saml2?idpid=C01abc"])).toBe("google");
    expect(detectSamlTemplate([null, "https://acme.test/idp", "https://sso.jumpcloud.com/saml2/acme"])).toBe("jumpcloud");
    expect(detectSamlTemplate([null, "http://adfs.acme.com/adfs/services/trust"])).toBe("adfs");
    expect(detectSamlTemplate([null, "http://127.0.0.1:4400/saml"])).toBe("generic");
  });

  it("tells for each provider what its console calls our values, and how to get its metadata", () => {
    for (const template of SAML_TEMPLATES) {
      expect(template.terms.acsUrl).not.toBe("");
      expect(template.terms.entityId).not.toBe("");
      expect(template.steps.length).toBeGreaterThanOrEqual(4);
      if (template.metadata.source === "url") expect(template.metadata.pattern && template.metadata.example).toBeTruthy();
    }
  });
});
