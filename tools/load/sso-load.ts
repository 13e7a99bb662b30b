import { ConvexHttpClient } from "convex/browser";
import { api } from "../../convex/_generated/api";
import { loginAtDemoIdp } from "../testing/idp-login";
import { convexUrl, siteUrl } from "./stack";
import { isOutage, Outage, send, traffic, untilAnswered } from "./traffic";

/**
 * One SSO sign-in over HTTP, as a browser and the app would make it: the
 * start route, the demo IdP's login, the callback, then the sso_code
 * exchanged through `auth:signIn` with the "sso" provider. A sign-in cut off
 * by the backend being down starts over; only one that ended with session
 * tokens is acknowledged.
 */
export interface SignInAck {
  email: string;
  token: string;
}

function location(response: Response, step: string): string {
  const target = response.headers.get("location");
  if (response.status !== 302 || !target) throw new Error(`${step}: HTTP ${response.status} without a redirect`);
  const error = new URL(target).searchParams.get("sso_error");
  if (error) throw new Error(`${step}: redirected with sso_error=${error}`);
  return target;
}

async function signInOnce(connectionId: string, email: string): Promise<SignInAck> {
  const start = await send(`${siteUrl}/api/auth/sso/${connectionId}/start?login_hint=${encodeURIComponent(email)}`);
  const callbackUrl = await loginAtDemoIdp(location(start, "start"), email);
  const landing = new URL(location(await send(callbackUrl), "callback"));
  const code = landing.searchParams.get("sso_code");
  if (!code) throw new Error(`callback: landed on ${landing.pathname} without an sso_code`);
  traffic.requests += 1;
  let tokens: { token: string } | null | undefined;
  try {
    ({ tokens } = (await new ConvexHttpClient(convexUrl, { logger: false }).action(api.auth.signIn, { provider: "sso", params: { code } })) as { tokens?: { token: string } | null });
  } catch (error) {
    // The code was consumed or not when the backend went down: start over either way.
    if (isOutage(error)) throw new Outage("the sso_code exchange got no answer");
    throw error;
  }
  if (!tokens?.token) throw new Error("exchange: the sso_code gave no session");
  return { email, token: tokens.token };
}

export async function ssoSignIn(connectionId: string, email: string, deadline: number): Promise<SignInAck> {
  return await untilAnswered(deadline, () => signInOnce(connectionId, email));
}

/** Whether the session behind `token` still exists: `users:sessions` refuses a token whose session is gone. */
export async function sessionExists(token: string): Promise<boolean> {
  const client = new ConvexHttpClient(convexUrl, { logger: false });
  client.setAuth(token);
  try {
    return (await client.query(api.users.sessions, {})).length > 0;
  } catch {
    return false;
  }
}
