import type { AuthMethod, OidcDraft } from "./oidc-form-schema";

/**
 * Starting points for the OpenID Connect form, one per identity provider:
 * the shape of its issuer URL, the scopes and claims it sends by default, the
 * client authentication it expects, and where its admin console shows the
 * values to copy. Pure data: picking a template fills the form
 * (`applyTemplate`), nothing about it is stored.
 */
export type TemplateId = "okta" | "entra" | "google" | "auth0" | "keycloak" | "generic";

export type OidcTemplate = {
  id: TemplateId;
  name: string;
  /** One line under the name in the picker. */
  description: string;
  issuer: {
    /** The URL with {placeholders}, shown as the field's placeholder. */
    pattern: string;
    /** A filled-in example (used by the tests, and in the hint). */
    example: string;
    /** The issuer is the same for everyone: the form fills it in. */
    fixed: boolean;
    hint: string;
  };
  scopes: readonly string[];
  authMethod: AuthMethod;
  mapping: { subject: string; email: string; name: string; groups: string; roles: string };
  /** Recognizes a saved issuer as this provider's, to pre-select the template. */
  matches?: RegExp;
  /** Where to find the values, in the provider's admin console, in order. */
  steps: readonly string[];
  /** A caveat about groups or roles, if any. */
  note?: string;
};

const OIDC_DEFAULT_SCOPES = ["openid", "email", "profile"] as const;

export const OIDC_TEMPLATES: readonly OidcTemplate[] = [
  {
    id: "okta",
    name: "Okta",
    description: "Workforce Identity Cloud",
    issuer: {
      pattern: "https://{yourOktaDomain}",
      example: "https://acme.okta.com",
      fixed: false,
      hint: "Your Okta domain, e.g. https://acme.okta.com (or …/oauth2/default for a custom authorization server).",
    },
    scopes: [...OIDC_DEFAULT_SCOPES, "groups"],
    authMethod: "client_secret_basic",
    mapping: { subject: "sub", email: "email", name: "name", groups: "groups", roles: "" },
    matches: /\.(okta|oktapreview|okta-emea)\.com(\/|$)/i,
    steps: [
      "In the Okta Admin Console, open Applications › Applications and choose Create App Integration.",
      "Pick OIDC – OpenID Connect, then Web Application.",
      "Add the redirect URI above under Sign-in redirect URIs, assign the app to your people, and save.",
      "On the app's General tab, copy the Client ID and the Client secret.",
      "The issuer is your Okta domain (the admin console's address without -admin).",
      "For groups: on the Sign On tab, edit OpenID Connect ID Token and set a Groups claim filter named groups.",
    ],
  },
  {
    id: "entra",
    name: "Microsoft Entra ID",
    description: "Formerly Azure AD",
    issuer: {
      pattern: "https://login.microsoftonline.com/{tenant-id}/v2.0",
      example: "https://login.microsoftonline.com/8f2d5c1e-6b7a-4c3d-9e0f-1a2b3c4d5e6f/v2.0",
      fixed: false,
      hint: "Put your Directory (tenant) ID in the URL. Keep the /v2.0 at the end.",
    },
    scopes: OIDC_DEFAULT_SCOPES,
    authMethod: "client_secret_post",
    mapping: { subject: "sub", email: "email", name: "name", groups: "groups", roles: "roles" },
    matches: /^https:\/\/login\.microsoftonline\.com\//i,
    steps: [
      "In the Microsoft Entra admin center, open Identity › Applications › App registrations and choose New registration.",
      "Under Redirect URI, pick Web and paste the redirect URI above.",
      "On the app's Overview, copy the Application (client) ID and the Directory (tenant) ID.",
      "Under Certificates & secrets, add a client secret and copy its Value (not the Secret ID).",
      "Under Token configuration, add the optional claim email (ID token), and add a groups claim if you map roles from groups.",
      "App roles you assign to people arrive in the roles claim.",
    ],
    note: "Entra sends group object IDs (GUIDs) in the groups claim unless you configure it to emit names.",
  },
  {
    id: "google",
    name: "Google Workspace",
    description: "Your domain's Google accounts",
    issuer: {
      pattern: "https://accounts.google.com",
      example: "https://accounts.google.com",
      fixed: true,
      hint: "The same for every Google Workspace customer.",
    },
    scopes: OIDC_DEFAULT_SCOPES,
    authMethod: "client_secret_post",
    mapping: { subject: "sub", email: "email", name: "name", groups: "", roles: "" },
    matches: /^https:\/\/accounts\.google\.com\/?$/i,
    steps: [
      "In the Google Cloud console, open APIs & Services › OAuth consent screen and set the user type to Internal.",
      "Under APIs & Services › Credentials, choose Create credentials › OAuth client ID, type Web application.",
      "Add the redirect URI above under Authorized redirect URIs and create the client.",
      "Copy the Client ID and Client secret from the dialog that follows.",
      "Optional: to offer only your domain's accounts, add hd=yourdomain.com under Authorization parameters.",
    ],
    note: "Google's ID tokens carry no groups or roles: everyone gets the policy's default role.",
  },
  {
    id: "auth0",
    name: "Auth0",
    description: "An Auth0 tenant",
    issuer: {
      pattern: "https://{tenant}.auth0.com/",
      example: "https://acme.eu.auth0.com/",
      fixed: false,
      hint: "Your tenant's domain with https:// and the trailing slash, e.g. https://acme.eu.auth0.com/ (or your custom domain).",
    },
    scopes: OIDC_DEFAULT_SCOPES,
    authMethod: "client_secret_post",
    mapping: { subject: "sub", email: "email", name: "name", groups: "", roles: "" },
    matches: /\.auth0\.com\/?$/i,
    steps: [
      "In the Auth0 Dashboard, open Applications › Applications and create a Regular Web Application.",
      "On its Settings tab, copy the Domain (the issuer is https://<domain>/), the Client ID and the Client Secret.",
      "Paste the redirect URI above into Allowed Callback URLs and save.",
      "Roles and groups aren't in Auth0's ID tokens by default: add them with a post-login Action as a namespaced claim, e.g. https://example.com/roles, and enter that name under Claim mapping.",
    ],
  },
  {
    id: "keycloak",
    name: "Keycloak",
    description: "A realm on your server",
    issuer: {
      pattern: "https://{host}/realms/{realm}",
      example: "https://sso.acme.test/realms/acme",
      fixed: false,
      hint: "Your server's address and the realm's name. Older versions (before 17) have /auth before /realms.",
    },
    scopes: OIDC_DEFAULT_SCOPES,
    authMethod: "client_secret_basic",
    mapping: { subject: "sub", email: "email", name: "name", groups: "groups", roles: "realm_access.roles" },
    matches: /\/realms\/[^/]+\/?$/i,
    steps: [
      "In the Keycloak admin console, pick your realm, open Clients and choose Create client (type OpenID Connect).",
      "Turn Client authentication on and keep the Standard flow.",
      "Add the redirect URI above under Valid redirect URIs and save.",
      "On the client's Credentials tab, copy the Client secret; the Client ID is the one you chose.",
      "For groups: in the client's dedicated scope, add a Group Membership mapper with token claim name groups (Full group path off).",
    ],
  },
  {
    id: "generic",
    name: "Other provider",
    description: "Any OpenID Connect provider",
    issuer: {
      pattern: "https://idp.example.com",
      example: "https://idp.example.com",
      fixed: false,
      hint: "The issuer (iss) your provider puts in its ID tokens. Its discovery document lives at <issuer>/.well-known/openid-configuration.",
    },
    scopes: OIDC_DEFAULT_SCOPES,
    authMethod: "client_secret_basic",
    // "groups" is the most common claim name; a provider that doesn't send it simply maps no groups.
    mapping: { subject: "sub", email: "email", name: "name", groups: "groups", roles: "" },
    steps: [
      "Register a web application (a confidential client using the authorization code flow) in your identity provider.",
      "Register the redirect URI above.",
      "Copy the issuer URL, the client ID and the client secret it gives you.",
      "Groups are read from the groups claim; if yours uses another name, or sends roles, change it under Claim mapping.",
    ],
  },
];

export const TEMPLATES_BY_ID: Readonly<Record<TemplateId, OidcTemplate>> = Object.fromEntries(
  OIDC_TEMPLATES.map((template) => [template.id, template]),
) as Record<TemplateId, OidcTemplate>;

/** The template whose issuer `issuer` looks like, for a saved configuration; the generic one otherwise. */
export function detectTemplate(issuer: string): TemplateId {
  const value = issuer.trim();
  return OIDC_TEMPLATES.find((template) => template.matches?.test(value))?.id ?? "generic";
}

/**
 * The draft with the template's defaults: scopes, client authentication and
 * claim mapping. The issuer is filled only when it is the same for everyone
 * (or was another template's fixed one); the client ID, secret and advanced
 * settings stay as they are.
 */
export function applyTemplate(draft: OidcDraft, template: OidcTemplate): OidcDraft {
  const issuerFromTemplate = OIDC_TEMPLATES.some((other) => other.issuer.fixed && other.issuer.pattern === draft.issuer.trim());
  let issuer = draft.issuer;
  if (template.issuer.fixed) issuer = template.issuer.pattern;
  else if (issuerFromTemplate) issuer = "";
  return {
    ...draft,
    issuer,
    scopes: template.scopes.join(" "),
    authMethod: template.authMethod,
    subjectClaim: template.mapping.subject,
    emailClaim: template.mapping.email,
    nameClaim: template.mapping.name,
    groupsClaim: template.mapping.groups,
    rolesClaim: template.mapping.roles,
  };
}
