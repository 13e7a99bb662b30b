import { describe, expect, it } from "vitest";
import { emptyDraft, oidcFormSchema, parseOidcDraft } from "./oidc-form-schema";
import { applyTemplate, detectTemplate, OIDC_TEMPLATES, TEMPLATES_BY_ID } from "./templates";

/** What an admin would type after picking the template: the example issuer and a client's credentials. */
function filledIn(templateId: keyof typeof TEMPLATES_BY_ID) {
  const template = TEMPLATES_BY_ID[templateId];
  return { ...applyTemplate(emptyDraft(), template), issuer: template.issuer.example, clientId: "client-123", clientSecret: "s3cret" };
}

describe("OIDC templates", () => {
  it("covers the six providers, each once", () => {
    expect(OIDC_TEMPLATES.map((template) => template.id)).toEqual(["okta", "entra", "google", "auth0", "keycloak", "generic"]);
  });

  it.each(OIDC_TEMPLATES.map((template) => [template.id] as const))("%s fills a form the schema accepts", (id) => {
    const parsed = oidcFormSchema.safeParse(filledIn(id));
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  });

  it.each(OIDC_TEMPLATES.map((template) => [template.id] as const))("%s produces a setOidc payload with its defaults", (id) => {
    const template = TEMPLATES_BY_ID[id];
    const parsed = parseOidcDraft(filledIn(id));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.payload.discovery.issuer).toBe(template.issuer.example);
    expect(parsed.payload.client).toEqual({ id: "client-123", secret: "s3cret", authMethod: template.authMethod });
    expect(parsed.payload.request.scopes).toEqual([...template.scopes]);
    expect(parsed.payload.request.scopes).toContain("openid");
    expect(parsed.payload.profile.mapping.groups).toBe(template.mapping.groups || undefined);
    expect(parsed.payload.profile.mapping.roles).toBe(template.mapping.roles || undefined);
  });

  it.each(OIDC_TEMPLATES.filter((template) => !template.issuer.fixed).map((template) => [template.id] as const))(
    "%s: the issuer pattern itself is refused until its placeholders are replaced",
    (id) => {
      const parsed = parseOidcDraft({ ...filledIn(id), issuer: TEMPLATES_BY_ID[id].issuer.pattern });
      if (id === "generic") expect(parsed.ok).toBe(true);
      else expect(parsed).toEqual({ ok: false, errors: { issuer: "Replace the {…} parts with your own values." } });
    },
  );

  it("fills Google's fixed issuer, and clears it again for a provider with a per-tenant issuer", () => {
    const google = applyTemplate(emptyDraft(), TEMPLATES_BY_ID.google);
    expect(google.issuer).toBe("https://accounts.google.com");
    expect(applyTemplate(google, TEMPLATES_BY_ID.okta).issuer).toBe("");
  });

  it("keeps an issuer that was typed in, and the client credentials", () => {
    const draft = { ...emptyDraft(), issuer: "https://acme.okta.com", clientId: "abc", clientSecret: "xyz" };
    const entra = applyTemplate(draft, TEMPLATES_BY_ID.entra);
    expect(entra).toMatchObject({ issuer: "https://acme.okta.com", clientId: "abc", clientSecret: "xyz", rolesClaim: "roles" });
  });

  it("starts a new configuration with the generic provider's defaults (the picker's initial choice)", () => {
    expect(applyTemplate(emptyDraft(), TEMPLATES_BY_ID.generic)).toEqual(emptyDraft());
  });

  it("uses the mapping defaults of each provider", () => {
    expect(applyTemplate(emptyDraft(), TEMPLATES_BY_ID.entra)).toMatchObject({ groupsClaim: "groups", rolesClaim: "roles" });
    expect(applyTemplate(emptyDraft(), TEMPLATES_BY_ID.keycloak)).toMatchObject({ rolesClaim: "realm_access.roles" });
    expect(applyTemplate(emptyDraft(), TEMPLATES_BY_ID.google)).toMatchObject({ groupsClaim: "", rolesClaim: "" });
  });

  it("recognizes each provider from its example issuer", () => {
    for (const template of OIDC_TEMPLATES) expect(detectTemplate(template.issuer.example)).toBe(template.id);
    expect(detectTemplate("https://acme.okta.com/oauth2/default")).toBe("okta");
    expect(detectTemplate("")).toBe("generic");
  });
});
