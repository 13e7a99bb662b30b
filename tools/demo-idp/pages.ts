import { displayName, type DemoUser } from "./users";

/**
 * The demo IdP's pages: the sign-in page (pick a demo user, or cancel), an
 * error page, and the SAML IdP's self-posting form. Plain HTML with inline
 * CSS, so there are no assets to serve; the user buttons are named
 * "Sign in as <name> — <email>" so that Playwright can click them by role and name.
 */

/** Which of the IdP's two sides a page belongs to: it says so in its title. */
export type IdpProtocol = "oidc" | "saml";

export interface LoginPageOptions {
  /** Where the forms post: `<action>/login` and `<action>/abort`. */
  action: string;
  /** Who asks: the OIDC client ID, or the SAML service provider's entity ID. */
  clientId: string;
  users: readonly DemoUser[];
  /** The user the app suggested with `login_hint`: listed first, highlighted and focused. */
  hinted?: DemoUser;
  error?: string;
  /** Default "oidc". */
  protocol?: IdpProtocol;
  /** Posted with both forms: the SAML IdP's key to the sign-in it keeps server-side. */
  hiddenFields?: Readonly<Record<string, string>>;
}

export function renderLoginPage(options: LoginPageOptions): string {
  const { action, clientId, users, hinted, error, protocol = "oidc", hiddenFields = {} } = options;
  const ordered = hinted ? [hinted, ...users.filter((user) => user !== hinted)] : users;
  const hidden = renderHiddenFields(hiddenFields);
  return page(
    `
  <p><strong>${escapeHtml(clientId)}</strong> asks who you are. Pick a demo user:</p>
  ${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ""}
  ${hinted ? `<p>The app suggested <strong>${escapeHtml(hinted.email)}</strong>.</p>` : ""}
  <form method="post" action="${escapeHtml(`${action}/login`)}">${hidden}
    <ul>
      ${ordered.map((user) => renderUser(user, user === hinted)).join("\n      ")}
    </ul>
  </form>
  <form method="post" action="${escapeHtml(`${action}/abort`)}">${hidden}
    <button type="submit" class="cancel" data-testid="demo-idp-cancel">Cancel</button>
  </form>`,
    HEADINGS[protocol],
  );
}

export interface PostFormPageOptions {
  /** The service provider's AssertionConsumerService URL. */
  action: string;
  /** `SAMLResponse`, and `RelayState` when the SP sent one. */
  fields: Readonly<Record<string, string>>;
}

/**
 * The SAML HTTP-POST binding: a form the browser posts to the SP at once,
 * with a "Continue" button for when scripts are off.
 * @see https://docs.oasis-open.org/security/saml/v2.0/saml-bindings-2.0-os.pdf §3.5.4
 */
export function renderPostFormPage({ action, fields }: PostFormPageOptions): string {
  return page(
    `
  <p>Signing you in to the application…</p>
  <form method="post" action="${escapeHtml(action)}">${renderHiddenFields(fields)}
    <button type="submit" class="cancel">Continue</button>
  </form>
  <script>document.forms[0].submit()</script>`,
    HEADINGS.saml,
  );
}

export interface HomePageOptions {
  issuer: string;
  clients: ReadonlyArray<{ clientId: string; clientSecret: string; redirectUris: string[]; authMethod?: string }>;
  users: readonly DemoUser[];
  /** When the SAML IdP is mounted beside the OIDC one. */
  saml?: SamlHomePageSection;
}

export interface SamlHomePageSection {
  entityId: string;
  ssoUrl: string;
  metadataUrl: string;
  /** Newest first: during a rotation, the next certificate and the current one. */
  certificates: ReadonlyArray<{ pem: string; expiresAt: Date; sha256Fingerprint: string }>;
  users: readonly DemoUser[];
}

/**
 * The IdP's "admin console": what an IT admin would copy from their IdP into
 * the app's OIDC form (issuer, client ID and secret, registered redirect URI)
 * or SAML form (entity ID, SSO URL, signing certificate, or just the metadata URL).
 * Shows the secret: the demo IdP listens on loopback only and exists for development.
 */
export function renderHomePage({ issuer, clients, users, saml }: HomePageOptions): string {
  return page(
    `
  <h2>Issuer</h2>
  <dl>${value("Issuer URL", issuer, "demo-idp-issuer")}</dl>
  ${clients
    .map(
      (client) => `<h2>Application “${escapeHtml(client.clientId)}”</h2>
  <dl>
    ${value("Client ID", client.clientId, `demo-idp-client-id-${client.clientId}`)}
    ${value("Client secret", client.clientSecret, `demo-idp-client-secret-${client.clientId}`)}
    ${value("Token endpoint authentication", client.authMethod ?? "client_secret_basic", `demo-idp-auth-method-${client.clientId}`)}
    ${client.redirectUris.map((uri) => value("Redirect URI", uri, `demo-idp-redirect-uri-${client.clientId}`)).join("\n    ")}
  </dl>`,
    )
    .join("\n  ")}
  <h2>Users</h2>
  ${renderUserList(users)}${saml ? renderSamlSection(saml) : ""}`,
    saml ? HEADINGS.both : HEADINGS.oidc,
  );
}

function renderSamlSection({ entityId, ssoUrl, metadataUrl, certificates, users }: SamlHomePageSection): string {
  return `
  <h2>SAML</h2>
  <dl>
    ${value("Entity ID (issuer)", entityId, "demo-idp-saml-entity-id")}
    ${value("Single sign-on URL (HTTP-Redirect and HTTP-POST)", ssoUrl, "demo-idp-saml-sso-url")}
    ${value("Metadata URL", metadataUrl, "demo-idp-saml-metadata-url")}
  </dl>
  ${certificates
    .map(
      (certificate, index) => `<h2>Signing certificate${certificates.length > 1 ? ` ${index + 1} of ${certificates.length}` : ""}</h2>
  <dl>
    ${value("Expires", certificate.expiresAt.toISOString(), `demo-idp-saml-certificate-expiry-${index}`)}
    ${value("SHA-256 fingerprint", certificate.sha256Fingerprint, `demo-idp-saml-certificate-fingerprint-${index}`)}
  </dl>
  <pre data-testid="demo-idp-saml-certificate-${index}">${escapeHtml(certificate.pem.trim())}</pre>`,
    )
    .join("\n  ")}
  <h2>SAML users</h2>
  ${renderUserList(users)}`;
}

function value(label: string, text: string, testId: string): string {
  return `<dt>${escapeHtml(label)}</dt><dd><code data-testid="${escapeHtml(testId)}">${escapeHtml(text)}</code></dd>`;
}

function renderUserList(users: readonly DemoUser[]): string {
  return `<ul>${users.map((user) => `<li>${escapeHtml(displayName(user))} — ${escapeHtml(user.email)} <span class="details">groups: ${escapeHtml(user.groups.join(", "))}</span></li>`).join("")}</ul>`;
}

/** For requests the IdP cannot serve (an expired sign-in, a bad authorization request). */
export function renderErrorPage(title: string, message: string, protocol: IdpProtocol = "oidc"): string {
  return page(
    `
  <h2>${escapeHtml(title)}</h2>
  <p class="error" role="alert">${escapeHtml(message)}</p>`,
    HEADINGS[protocol],
  );
}

function renderUser(user: DemoUser, hinted: boolean): string {
  const details = `groups: ${user.groups.join(", ")} · email ${user.emailVerified ? "verified" : "not verified"}`;
  return (
    `<li><button type="submit" name="email" value="${escapeHtml(user.email)}" ` +
    `class="user${hinted ? " hinted" : ""}"${hinted ? " autofocus" : ""} data-testid="demo-idp-user-${escapeHtml(user.sub)}">` +
    `Sign in as ${escapeHtml(displayName(user))} — ${escapeHtml(user.email)}</button>` +
    `<span class="details">${escapeHtml(details)}</span></li>`
  );
}

function renderHiddenFields(fields: Readonly<Record<string, string>>): string {
  return Object.entries(fields)
    .map(([name, text]) => `\n    <input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(text)}">`)
    .join("");
}

interface PageHeading {
  title: string;
  tagline: string;
}

const HEADINGS: Record<IdpProtocol | "both", PageHeading> = {
  oidc: { title: "Acme demo IdP", tagline: "A local OpenID Connect identity provider for development." },
  saml: { title: "Acme demo IdP (SAML)", tagline: "A local SAML 2.0 identity provider for development." },
  both: { title: "Acme demo IdP", tagline: "A local OpenID Connect and SAML 2.0 identity provider for development." },
};

function page(body: string, { title, tagline }: PageHeading): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body { font-family: system-ui, sans-serif; background: #f4f4f5; color: #18181b; margin: 0; padding: 48px 16px; }
  main { max-width: 460px; margin: 0 auto; background: #fff; border: 1px solid #e4e4e7; border-radius: 12px; padding: 24px 28px; }
  h1 { font-size: 1.25rem; margin: 0 0 4px; }
  h2 { font-size: 1rem; }
  p { margin: 0 0 16px; color: #52525b; font-size: 0.9rem; }
  ul { list-style: none; margin: 0 0 16px; padding: 0; }
  li { margin-bottom: 10px; }
  button { font: inherit; cursor: pointer; border-radius: 8px; padding: 10px 14px; }
  .user { width: 100%; text-align: left; background: #fff; border: 1px solid #d4d4d8; }
  .user:hover, .user:focus { border-color: #2563eb; outline: none; }
  .hinted { border: 2px solid #2563eb; background: #eff6ff; }
  .details { display: block; color: #71717a; font-size: 0.8rem; margin: 2px 0 0 4px; }
  .error { background: #fef2f2; border: 1px solid #fecaca; color: #991b1b; border-radius: 8px; padding: 8px 12px; }
  .cancel { background: none; border: 1px solid #d4d4d8; color: #3f3f46; }
  dl { margin: 0 0 16px; font-size: 0.85rem; }
  dt { color: #71717a; margin-top: 8px; }
  dd { margin: 2px 0 0; word-break: break-all; }
  pre { font-size: 0.7rem; white-space: pre-wrap; word-break: break-all; background: #f4f4f5; border-radius: 8px; padding: 8px 12px; }
</style>
</head>
<body>
<main>
  <h1>${escapeHtml(title)}</h1>
  <p>${escapeHtml(tagline)}</p>${body}
</main>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
