import { SITE_URL } from "../../testing/convex";

/**
 * What the SSO routes answer, read the way the browser would follow it.
 */
export const pathOf = (url: string) => `${new URL(url).pathname}${new URL(url).search}`;

/** Where a 302 sends the browser; anything else is a failure of the run. */
export function redirectOf(response: Response): string {
  const location = response.headers.get("location");
  if (response.status !== 302 || !location) throw new Error(`Expected a redirect, got ${response.status}.`);
  return location;
}

/** Where a callback or ACS sends the browser, with a check that it is the signed-in landing page. */
export function ssoLanding(response: Response) {
  const landing = new URL(redirectOf(response));
  return {
    landing,
    expectSignedIn(what: string): void {
      if (landing.origin !== new URL(SITE_URL).origin || landing.pathname !== "/sso/complete" || !landing.searchParams.get("sso_code")) {
        throw new Error(`The ${what} did not sign in: it redirected to ${landing.pathname}?sso_error=${landing.searchParams.get("sso_error")}.`);
      }
    },
  };
}
