/**
 * Signs in at the demo IdP (tools/demo-idp) the way a browser would, for
 * integration tests that have no browser: follows the IdP's redirects with a
 * cookie jar, submits its sign-in page, and stops at the first redirect that
 * leaves the IdP — the client's callback.
 */
export interface DemoIdpLoginOptions {
  /** Press "Cancel" instead of signing in: the callback gets `error=access_denied`. */
  cancel?: boolean;
}

/** A sign-in takes 4 hops (authorize → page → form post → resume → callback); more means a loop. */
const MAX_HOPS = 10;

/**
 * @param authorizationUrl the client's authorization request to the demo IdP
 * @param email which demo user signs in (ignored with `cancel`)
 * @returns the callback URL the IdP redirects to: `code` and `state`, or `error`
 */
export async function loginAtDemoIdp(authorizationUrl: string, email: string, options: DemoIdpLoginOptions = {}): Promise<string> {
  const idpOrigin = new URL(authorizationUrl).origin;
  const cookies = new CookieJar();
  let request = { url: new URL(authorizationUrl), method: "GET" };
  let response = await cookies.fetch(request.url);
  let submitted = false;

  for (let hop = 0; hop < MAX_HOPS; hop++) {
    if (response.status >= 300 && response.status < 400) {
      const location = response.headers.get("location");
      if (!location) throw new Error(`The demo IdP redirected ${request.method} ${request.url} without a Location.`);
      const next = new URL(location, request.url);
      if (next.origin !== idpOrigin) return next.href;
      request = { url: next, method: "GET" };
      response = await cookies.fetch(next);
    } else if (response.status === 200 && !submitted && request.url.pathname.startsWith("/interaction/")) {
      // The sign-in page's forms post to `<page>/login` (a user button) and `<page>/abort` (Cancel).
      submitted = true;
      const form = new URL(`${request.url.pathname}/${options.cancel ? "abort" : "login"}`, request.url);
      request = { url: form, method: "POST" };
      response = await cookies.fetch(form, { method: "POST", body: new URLSearchParams(options.cancel ? {} : { email }) });
    } else {
      throw new Error(
        `The demo IdP answered ${request.method} ${request.url} with ${response.status}: ${summarize(await response.text())}`,
      );
    }
  }
  throw new Error(`The demo IdP redirected more than ${MAX_HOPS} times without reaching the client's callback.`);
}

/** Set-Cookie → Cookie per host, ignoring Path and Domain: enough for one IdP's cookies. */
class CookieJar {
  private readonly byHost = new Map<string, Map<string, string>>();

  async fetch(url: URL, init: RequestInit = {}): Promise<Response> {
    const jar = this.byHost.get(url.host) ?? new Map<string, string>();
    this.byHost.set(url.host, jar);
    const headers = new Headers(init.headers);
    if (jar.size > 0) headers.set("cookie", [...jar].map(([name, value]) => `${name}=${value}`).join("; "));
    const response = await fetch(url, { ...init, headers, redirect: "manual" });
    for (const header of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = header.split(";").map((part) => part.trim());
      const separator = pair.indexOf("=");
      const name = pair.slice(0, separator);
      const value = pair.slice(separator + 1);
      if (value === "" || attributes.some(isExpiry)) jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  }
}

/** A Max-Age or Expires attribute that deletes the cookie. */
function isExpiry(attribute: string): boolean {
  const [name = "", value = ""] = attribute.split("=");
  if (name.toLowerCase() === "max-age") return Number(value) <= 0;
  if (name.toLowerCase() === "expires") return Date.parse(value) <= Date.now();
  return false;
}

/** An error page's text, without the markup, short enough for a test failure message. */
function summarize(html: string): string {
  const text = html.replace(/<style[\s\S]*?<\/style>/g, "").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim();
  return text.length > 300 ? `${text.slice(0, 300)}…` : text || "(empty body)";
}
