import { describe, expect, it } from "vitest";
import { renderHomePage, renderLoginPage } from "./pages";
import { DEMO_USERS } from "./users";

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
  });
});
