/**
 * The demo IdP on its own, OIDC and SAML on one port, configured through the environment:
 *
 *   DEMO_IDP_PORT=4400 DEMO_IDP_CLIENT_ID=… DEMO_IDP_CLIENT_SECRET=… \
 *   DEMO_IDP_REDIRECT_URI=http://127.0.0.1:3211/api/auth/sso/callback \
 *   DEMO_IDP_SAML_ACS_URL_PREFIX=http://127.0.0.1:3211/api/auth/saml/ npx tsx tools/demo-idp/main.ts
 *
 * `npm run dev` starts it this way (see dev-stack.ts) with one OIDC client, the
 * demo group's connection, and the SAML IdP answering the app's ACS URLs.
 */
import { DEMO_IDP_ENV, READY_LINE_PREFIX } from "./cli-contract";
import { startDemoOidcIdp } from "./oidc-idp";
import { DEMO_USERS, SAML_DEMO_USERS, type DemoUser } from "./users";

const DEFAULT_PORT = 4400;

async function main(): Promise<void> {
  const port = readPort(process.env[DEMO_IDP_ENV.port]);
  const idp = await startDemoOidcIdp({
    port,
    clients: [
      {
        clientId: required(DEMO_IDP_ENV.clientId),
        clientSecret: required(DEMO_IDP_ENV.clientSecret),
        redirectUris: [required(DEMO_IDP_ENV.redirectUri)],
      },
    ],
    saml: { acsUrlPrefix: required(DEMO_IDP_ENV.samlAcsUrlPrefix) },
    log: (line) => console.log(line),
  });
  console.log(
    `${READY_LINE_PREFIX}${idp.issuer} (users: ${emails(DEMO_USERS)}); ` +
      `SAML metadata: ${idp.saml?.metadataUrl} (users: ${emails(SAML_DEMO_USERS)})`,
  );

  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      void idp.close().then(() => process.exit(0));
    });
  }
}

function emails(users: readonly DemoUser[]): string {
  return users.map((user) => user.email).join(", ");
}

function readPort(raw: string | undefined): number {
  if (!raw) return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${DEMO_IDP_ENV.port} must be a port number between 0 and 65535, but it is "${raw}".`);
  }
  return port;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required.`);
  return value;
}

main().catch((error: unknown) => {
  if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
    console.error(
      `Port ${process.env[DEMO_IDP_ENV.port] ?? DEFAULT_PORT} is in use. Is another "npm run dev" running? ` +
        `Choose another port: DEMO_IDP_PORT=<port> npm run dev.`,
    );
  } else {
    console.error(error instanceof Error ? error.message : String(error));
  }
  process.exit(1);
});
