import { describe, expect, it } from "vitest";
import { parseLines } from "@/components/sso/key-value-lines";
import { draftFingerprint, emptyDraft, parseOidcDraft, splitScopes, toDraft, type OidcDraft, type SavedOidc } from "./oidc-form-schema";

const valid: OidcDraft = { ...emptyDraft(), issuer: "https://idp.example.com", clientId: "client", clientSecret: "secret" };

function errorsOf(draft: Partial<OidcDraft>) {
  const parsed = parseOidcDraft({ ...valid, ...draft });
  return parsed.ok ? {} : parsed.errors;
}

const saved: SavedOidc = {
  discovery: { issuer: "https://idp.example.com", audience: "api" },
  client: { id: "client", authMethod: "client_secret_post", hasSecret: true },
  request: { scopes: ["openid", "email"], loginHint: false, authorizationParams: { prompt: "login" } },
  security: { clockToleranceSeconds: 30, strictIssuer: true },
  profile: { mapping: { subject: "sub", email: "email", groups: "groups" }, extraFields: { department: "dept" } },
};

describe("parseOidcDraft", () => {
  it("builds the setOidc payload, leaving out empty optional fields", () => {
    const parsed = parseOidcDraft({ ...valid, scopes: "openid, email  profile openid", authorizationParams: "prompt=login\n\nacr_values=a=b" });
    expect(parsed).toEqual({
      ok: true,
      payload: {
        discovery: { issuer: "https://idp.example.com" },
        client: { id: "client", secret: "secret", authMethod: "client_secret_basic" },
        request: { scopes: ["openid", "email", "profile"], loginHint: true, authorizationParams: { prompt: "login", acr_values: "a=b" } },
        security: { clockToleranceSeconds: 60, strictIssuer: true },
        profile: { mapping: { subject: "sub", email: "email", name: "name", groups: "groups" } },
      },
    });
  });

  it("sends no secret while the saved one is kept", () => {
    const parsed = parseOidcDraft({ ...valid, secretMode: "keep", clientSecret: "" });
    expect(parsed.ok && parsed.payload.client).toEqual({ id: "client", authMethod: "client_secret_basic" });
  });

  it("names every field with a problem at once", () => {
    expect(
      errorsOf({ issuer: "", clientId: " ", clientSecret: "", scopes: "email profile", clockTolerance: "301", emailClaim: "" }),
    ).toEqual({
      issuer: "Enter the issuer URL.",
      clientId: "Enter the client ID.",
      clientSecret: "Enter the client secret.",
      scopes: "Include the openid scope: without it there is no ID token.",
      clockTolerance: "Enter whole seconds from 0 to 300.",
      emailClaim: "Enter the claim that holds the email address.",
    });
  });

  it.each([
    ["idp.example.com", "Enter a full URL, like https://idp.example.com."],
    ["ftp://idp.example.com", "The URL must start with https://."],
    ["https://user:pw@idp.example.com", "Leave user names and passwords out of the URL."],
    ["https://idp.example.com/?tenant=1", "The issuer has no ? or # part."],
    ["https://{yourOktaDomain}", "Replace the {…} parts with your own values."],
  ])("refuses the issuer %s", (issuer, message) => {
    expect(errorsOf({ issuer })).toEqual({ issuer: message });
  });

  it("checks the optional URLs only when filled in", () => {
    expect(errorsOf({ discoveryUrl: "", jwksUri: "" })).toEqual({});
    expect(errorsOf({ jwksUri: "not a url" })).toEqual({ jwksUri: "Enter a full URL, like https://idp.example.com." });
  });

  it("refuses parameters the flow sets itself, and malformed lines", () => {
    expect(errorsOf({ authorizationParams: "prompt=login\nredirect_uri=https://evil.example" })).toEqual({
      authorizationParams: "Line 2: redirect_uri is set by the sign-in flow itself.",
    });
    expect(errorsOf({ authorizationParams: "prompt" })).toEqual({ authorizationParams: "Line 1: write it as key=value." });
    expect(errorsOf({ extraFields: "department=dept\ndepartment=ou" })).toEqual({
      extraFields: "Line 2: the field department is already set above.",
    });
    expect(errorsOf({ extraFields: "2fa=amr" })).toEqual({
      extraFields: "Line 1: “2fa” isn't a valid field name (a letter, then letters, digits or _).",
    });
  });
});

describe("helpers", () => {
  it("splits scopes on spaces and commas", () => {
    expect(splitScopes(" openid,email\tprofile ,, ")).toEqual(["openid", "email", "profile"]);
  });

  it("keeps everything after the first = of a line", () => {
    const rule = { what: "parameter", max: 10, shape: "key=value", keyProblem: () => null, valueProblem: () => null };
    expect(parseLines("a = b=c \r\n", rule)).toEqual({ ok: true, value: { a: "b=c" } });
  });

  it("turns a saved configuration into a form that round-trips", () => {
    const draft = toDraft(saved);
    expect(draft).toMatchObject({ secretMode: "keep", clientSecret: "", scopes: "openid email", authorizationParams: "prompt=login" });
    const parsed = parseOidcDraft(draft);
    expect(parsed.ok && parsed.payload).toEqual({
      discovery: saved.discovery,
      client: { id: "client", authMethod: "client_secret_post" },
      request: saved.request,
      security: saved.security,
      profile: saved.profile,
    });
  });

  it("ignores whitespace-only edits when deciding whether there is something to save", () => {
    const draft = toDraft(saved);
    expect(draftFingerprint({ ...draft, scopes: " openid,  email", authorizationParams: "prompt=login\n\n" })).toBe(draftFingerprint(draft));
    expect(draftFingerprint({ ...draft, clientId: "other" })).not.toBe(draftFingerprint(draft));
  });
});
