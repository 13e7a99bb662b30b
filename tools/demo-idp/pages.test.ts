import { describe, expect, it } from "vitest";
import { renderErrorPage, renderHomePage, renderLoginPage, renderPostFormPage } from "./pages";
import { DEMO_USERS, SAML_DEMO_USERS } from "./users";

const [alice, bob, carol] = DEMO_USERS;

describe("renderLoginPage", () => {
  it("offers every demo user as a named button, and Cancel", () => {
    const html = renderLoginPage({ action: "/interaction/abc", clientId: "group-sso-demo", users: DEMO_USERS });
    expect(html).toContain("<title>Acme demo IdP</title>");
    expect(html).toContain('<form method="post" action="/interaction/abc/login">');
    expect(html).toContain('<form method="post" action="/interaction/abc/abort">');
    expect(html).toContain(">Sign in as Bob Builder — bob@acme.test</button>");
    expect(html).toContain('data-testid="demo-idp-cancel">Cancel</button>');
    expect(html.indexOf(alice!.email)).toBeLessThan(html.indexOf(bob!.email));
    expect(html).not.toContain("autofocus");
  });

  it("lists the user named by login_hint first, highlighted and focused", () => {
    const html = renderLoginPage({ action: "/interaction/abc", clientId: "c", users: DEMO_USERS, hinted: carol });
    expect(html).toMatch(/<ul>\s*<li><button type="submit" name="email" value="carol@acme.test" class="user hinted" autofocus/);
    expect(html).toContain("The app suggested <strong>carol@acme.test</strong>.");
  });

  it("escapes what the request controls", () => {
    const html = renderLoginPage({ action: "/interaction/abc", clientId: '<script>"x"</script>', users: DEMO_USERS, error: "a & b" });
    expect(html).toContain("&#60;script&#62;&#34;x&#34;&#60;/script&#62;");
    expect(html).toContain('<p class="error" role="alert">a &#38; b</p>');
  });

  it("says SAML in the SAML IdP's title, and carries its hidden fields in both forms", () => {
    const html = renderLoginPage({
      action: "/saml/sso",
      clientId: "https://sp.test/saml",
      users: SAML_DEMO_USERS,
      protocol: "saml",
      hiddenFields: { signIn: 'a"b' },
    });
    expect(html).toContain("<title>Acme demo IdP (SAML)</title>");
    expect(html).toContain("A local SAML 2.0 identity provider for development.");
    expect(html).toContain(">Sign in as Grace Hopper — grace@initech.test</button>");
    expect(html.match(/<input type="hidden" name="signIn" value="a&#34;b">/g)).toHaveLength(2);
  });
});

describe("renderPostFormPage", () => {
  it("posts the fields to the ACS at once, with a Continue button for when scripts are off", () => {
    const html = renderPostFormPage({
      action: "http://127.0.0.1:3211/api/auth/saml/c1/acs?x=1&y=2",
      fields: { SAMLResponse: "PD94+/=", RelayState: "<r>" },
    });
    expect(html).toContain('<form method="post" action="http://127.0.0.1:3211/api/auth/saml/c1/acs?x=1&#38;y=2">');
    expect(html).toContain('<input type="hidden" name="SAMLResponse" value="PD94+/=">');
    expect(html).toContain('<input type="hidden" name="RelayState" value="&#60;r&#62;">');
    expect(html).toContain(">Continue</button>");
    expect(html).toContain("<script>document.forms[0].submit()</script>");
  });
});

describe("renderErrorPage", () => {
  it("titles the page after the side of the IdP that refused", () => {
    expect(renderErrorPage("error 400", "no")).toContain("<title>Acme demo IdP</title>");
    expect(renderErrorPage("error 400", "no", "saml")).toContain("<title>Acme demo IdP (SAML)</title>");
  });
});

describe("renderHomePage", () => {
  it("shows what an admin copies into the app: issuer, client ID and secret, redirect URI", () => {
    const html = renderHomePage({
      issuer: "http://127.0.0.1:4400",
      clients: [{ clientId: "group-sso-demo", clientSecret: "s3cret<", redirectUris: ["http://127.0.0.1:3211/api/auth/sso/callback"] }],
      users: DEMO_USERS,
    });
    expect(html).toContain('<code data-testid="demo-idp-issuer">http://127.0.0.1:4400</code>');
    expect(html).toContain('<code data-testid="demo-idp-client-secret-group-sso-demo">s3cret&#60;</code>');
    expect(html).toContain('<code data-testid="demo-idp-auth-method-group-sso-demo">client_secret_basic</code>');
    expect(html).toContain("http://127.0.0.1:3211/api/auth/sso/callback");
    expect(html).toContain("dana@globex.test");
    expect(html).not.toContain("SAML");
  });

  it("adds the SAML IdP's entity ID, SSO and metadata URLs, and every certificate with its expiry", () => {
    const html = renderHomePage({
      issuer: "http://127.0.0.1:4400",
      clients: [],
      users: DEMO_USERS,
      saml: {
        entityId: "http://127.0.0.1:4400/saml",
        ssoUrl: "http://127.0.0.1:4400/saml/sso",
        metadataUrl: "http://127.0.0.1:4400/saml/metadata",
        certificates: [
          {
            pem: "-----BEGIN CERTIFICATE-----\nNEXT\n-----END CERTIFICATE-----\n",
            expiresAt: new Date("2027-06-01T00:00:00Z"),
            sha256Fingerprint: "AA:BB",
          },
          {
            pem: "-----BEGIN CERTIFICATE-----\nCURRENT\n-----END CERTIFICATE-----\n",
            expiresAt: new Date("2027-01-01T00:00:00Z"),
            sha256Fingerprint: "CC:DD",
          },
        ],
        users: SAML_DEMO_USERS,
      },
    });
    expect(html).toContain("A local OpenID Connect and SAML 2.0 identity provider for development.");
    expect(html).toContain('<code data-testid="demo-idp-saml-entity-id">http://127.0.0.1:4400/saml</code>');
    expect(html).toContain('<code data-testid="demo-idp-saml-sso-url">http://127.0.0.1:4400/saml/sso</code>');
    expect(html).toContain('<code data-testid="demo-idp-saml-metadata-url">http://127.0.0.1:4400/saml/metadata</code>');
    expect(html).toContain("<h2>Signing certificate 1 of 2</h2>");
    expect(html).toContain('<code data-testid="demo-idp-saml-certificate-expiry-0">2027-06-01T00:00:00.000Z</code>');
    expect(html).toContain(
      '<pre data-testid="demo-idp-saml-certificate-1">-----BEGIN CERTIFICATE-----\nCURRENT\n-----END CERTIFICATE-----</pre>',
    );
    expect(html).toContain("peter@initech.test");
  });
});
