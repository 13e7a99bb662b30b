import { randomBytes } from "node:crypto";
import path from "node:path";
import { describeExit, type Supervisor } from "../dev/processes";
import { DEMO_IDP_ENV, READY_LINE_PREFIX } from "./cli-contract";

/**
 * How `npm run dev` (tools/dev/main.ts) runs the demo IdP next to the embedded
 * backend, with one OIDC client: the demo group's SSO connection (see seed.ts).
 * Its SAML side (under /saml/ on the same port) answers the app's ACS URLs.
 */

/** The demo group's connection is this client at the IdP. */
export const DEMO_CLIENT_ID = "group-sso-demo";
/** The app's SAML ACS URLs are `<site>/api/auth/saml/<connectionId>/acs`, on the same site as `redirectUri`. */
const SAML_ACS_PATH_PREFIX = "/api/auth/saml/";

const READY_TIMEOUT_MS = 30_000;

export interface DemoIdpChildOptions {
  port: number;
  /** Where the IdP sends users back: the app's SSO callback on the backend's site port. */
  redirectUri: string;
}

/** What the app's connection needs to know about the running IdP. */
export interface DemoIdpClient {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

/**
 * Starts the demo IdP as a supervised child and resolves once it serves
 * requests. The client secret is new on every run: it only has to match the
 * one seeded into the connection right after.
 */
export async function startDemoIdpChild(supervisor: Supervisor, repoRoot: string, options: DemoIdpChildOptions): Promise<DemoIdpClient> {
  const client = {
    issuer: `http://127.0.0.1:${options.port}`,
    clientId: DEMO_CLIENT_ID,
    clientSecret: randomBytes(32).toString("base64url"),
  };
  const child = supervisor.start({
    name: "idp",
    command: path.join(repoRoot, "node_modules/.bin/tsx"),
    args: ["tools/demo-idp/main.ts"],
    cwd: repoRoot,
    env: {
      ...process.env,
      [DEMO_IDP_ENV.port]: String(options.port),
      [DEMO_IDP_ENV.clientId]: client.clientId,
      [DEMO_IDP_ENV.clientSecret]: client.clientSecret,
      [DEMO_IDP_ENV.redirectUri]: options.redirectUri,
      [DEMO_IDP_ENV.samlAcsUrlPrefix]: new URL(SAML_ACS_PATH_PREFIX, options.redirectUri).href,
    },
  });

  await new Promise<void>((resolve, reject) => {
    const timeout = setTimeout(() => {
      reject(new Error(`The demo IdP was not ready after ${READY_TIMEOUT_MS / 1000} s; see the [idp] lines above.`));
    }, READY_TIMEOUT_MS);
    child.onStdoutLine((line) => {
      if (!line.startsWith(READY_LINE_PREFIX)) return;
      clearTimeout(timeout);
      resolve();
    });
    void child.exited.then((exit) => {
      clearTimeout(timeout);
      // Its own message (e.g. the port is taken) is on stderr, printed above with the [idp] prefix.
      const reason = child.recentStderr().at(-1) ?? "see the [idp] lines above";
      reject(new Error(`The demo IdP stopped before it was ready (${describeExit(exit)}): ${reason}`));
    });
  });
  return client;
}
