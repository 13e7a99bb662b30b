/**
 * Signs in at the demo SAML IdP (tools/demo-idp/saml-idp.ts) the way a
 * browser would, for integration tests that have no browser: opens the
 * sign-in page, submits it, and reads the form the IdP would have the browser
 * post to the service provider's ACS. The IdP keeps the sign-in server-side
 * under an id in the page's forms and sets no cookies, so there is no cookie jar.
 */
export interface DemoSamlLoginOptions {
  /** Press "Cancel" instead of signing in: the Response has a Responder / AuthnFailed status. */
  cancel?: boolean;
}

/** What the browser would post to the ACS (the SAML HTTP-POST binding). */
export interface SamlPost {
  acsUrl: string;
  /** Base64, as posted. */
  SAMLResponse: string;
  RelayState?: string;
}

/**
 * @param redirectUrl the SP's AuthnRequest over HTTP-Redirect (`<sso>?SAMLRequest=…&RelayState=…`)
 * @param email which demo user signs in (ignored with `cancel`)
 */
export async function loginAtDemoSamlIdp(redirectUrl: string, email: string, options: DemoSamlLoginOptions = {}): Promise<SamlPost> {
  return signInFromPage(new URL(redirectUrl), email, options);
}

/** An IdP-initiated sign-in, as from a tile on the IdP's dashboard: the Response answers no AuthnRequest. */
export async function idpInitiatedLogin(
  idpBaseUrl: string,
  target: { acs: string; audience: string; relayState?: string },
  email: string,
): Promise<SamlPost> {
  const url = new URL("/saml/idp-initiated", idpBaseUrl);
  url.search = new URLSearchParams({
    acs: target.acs,
    audience: target.audience,
    ...(target.relayState === undefined ? {} : { relayState: target.relayState }),
  }).toString();
  return signInFromPage(url, email, {});
}

async function signInFromPage(pageUrl: URL, email: string, options: DemoSamlLoginOptions): Promise<SamlPost> {
  const page = await request(pageUrl);
  // The sign-in page's forms post to `…/login` (a user button) and `…/abort` (Cancel), each with the sign-in's id.
  const step = options.cancel ? "/abort" : "/login";
  const form = readForms(page.html).find((candidate) => candidate.action.endsWith(step));
  if (!form) throw new Error(`The demo SAML IdP's page at ${pageUrl} has no form posting to …${step}: ${summarize(page.html)}`);
  const answer = await request(
    new URL(form.action, pageUrl),
    new URLSearchParams({ ...form.fields, ...(options.cancel ? {} : { email }) }),
  );

  const post = readForms(answer.html)[0];
  const samlResponse = post?.fields.SAMLResponse;
  if (!post || !samlResponse) throw new Error(`The demo SAML IdP did not answer with a SAMLResponse form: ${summarize(answer.html)}`);
  return {
    acsUrl: post.action,
    SAMLResponse: samlResponse,
    ...(post.fields.RelayState === undefined ? {} : { RelayState: post.fields.RelayState }),
  };
}

/** GET, or POST a form; anything but 200 is an error page, reported in the thrown error. */
async function request(url: URL, form?: URLSearchParams): Promise<{ html: string }> {
  const response = await fetch(url, { method: form ? "POST" : "GET", body: form, redirect: "manual" });
  const html = await response.text();
  if (response.status !== 200) {
    throw new Error(`The demo SAML IdP answered ${form ? "POST" : "GET"} ${url} with ${response.status}: ${summarize(html)}`);
  }
  return { html };
}

interface HtmlForm {
  action: string;
  /** The hidden inputs, by name. */
  fields: Record<string, string>;
}

/** The IdP's own markup (tools/demo-idp/pages.ts): attributes in double quotes, values escaped as `&#<code>;`. */
function readForms(html: string): HtmlForm[] {
  return [...html.matchAll(/<form method="post" action="([^"]*)">([\s\S]*?)<\/form>/g)].map(([, action = "", body = ""]) => ({
    action: unescapeHtml(action),
    fields: Object.fromEntries(
      [...body.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)].map(([, name = "", value = ""]) => [
        unescapeHtml(name),
        unescapeHtml(value),
      ]),
    ),
  }));
}

function unescapeHtml(text: string): string {
  return text.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
}

/** An error page's text, without the markup, short enough for a test failure message. */
function summarize(html: string): string {
  const text = html
    .replace(/<(style|script)[\s\S]*?<\/\1>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > 300 ? `${text.slice(0, 300)}…` : text || "(empty body)";
}
