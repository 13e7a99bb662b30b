import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { JWK } from "jose";
import type { ClientMetadata, Configuration, Provider } from "oidc-provider";
import { closeServer, listen, RequestError } from "./http";
import { handleInteraction, matchInteractionRoute } from "./interactions";
import { createMemoryStore } from "./memory-store";
import { renderErrorPage, renderHomePage, type HomePageOptions } from "./pages";
import { generateSamlSigningCertificate } from "./saml-certificates";
import { createDemoSamlIdp, SAML_BASE_PATH, type DemoSamlIdp, type DemoSamlIdpOptions } from "./saml-idp";
import { generateSigningKey, type SigningKey } from "./signing-key";
import { claimsOf, DEMO_USERS, type DemoUser } from "./users";

/**
 * A local OpenID Connect IdP for development and tests: the real
 * `oidc-provider` with the demo users of users.ts, our own sign-in page
 * (interactions.ts) and nothing persisted. Code flow with PKCE (S256) only.
 * Optionally the demo SAML IdP (saml-idp.ts) under `/saml/` on the same server.
 */
export interface DemoClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  /** How the client authenticates at the token endpoint; default client_secret_basic. */
  authMethod?: "client_secret_basic" | "client_secret_post";
}

export interface DemoOidcIdpOptions {
  /** 0 picks a free port. */
  port: number;
  /** The IdP only ever listens on the loopback interface. */
  host?: "127.0.0.1";
  clients: DemoClient[];
  users?: readonly DemoUser[];
  idTokenTtlSeconds?: number;
  /** Sign-ins and the protocol errors clients cause (bad client secret, missing PKCE…), one line each. */
  log?: (line: string) => void;
  /** Mounts the demo SAML IdP under `/saml/`; its log lines go to `log`. */
  saml?: Omit<DemoSamlIdpOptions, "log">;
}

export interface DemoOidcIdp {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  issuer: string;
  port: number;
  close(): Promise<void>;
  /** Signs from now on with a fresh key; the old one leaves the JWKS, as after an IdP's key rotation. */
  rotateSigningKey(): Promise<void>;
  /** The public keys the IdP publishes at its jwks_uri. */
  jwks(): { keys: JWK[] };
  /** When mounted (the `saml` option). */
  saml?: DemoSamlIdp;
}

const LOOPBACK = "127.0.0.1";
const DEFAULT_ID_TOKEN_TTL_SECONDS = 3600;
/** Long enough to step through a sign-in in a debugger, short enough that nothing piles up. */
const TTL_SECONDS = {
  AuthorizationCode: 60,
  Interaction: 10 * 60,
  AccessToken: 60 * 60,
  Session: 60 * 60,
  Grant: 60 * 60,
};
/** Protocol errors worth a log line: they are what a developer debugging an SSO client needs to see. */
const LOGGED_ERROR_EVENTS = ["authorization.error", "grant.error", "userinfo.error"];

export async function startDemoOidcIdp(options: DemoOidcIdpOptions): Promise<DemoOidcIdp> {
  const oidc = await importOidcProvider();
  const users = options.users ?? DEMO_USERS;
  // Shared by every provider instance, so that a key rotation keeps sessions and sign-ins in progress.
  const shared = { store: createMemoryStore(), cookieKeys: [randomBytes(32).toString("base64url")] };
  const firstKey = await generateSigningKey();
  const firstSamlCertificate = options.saml && (await generateSamlSigningCertificate());

  // The issuer names the port, which is only known once listening (port 0), so the provider comes after.
  const server = createServer();
  const host = options.host ?? LOOPBACK;
  await listen(server, host, options.port);
  const { port } = server.address() as AddressInfo;
  const issuer = `http://${host}:${port}`;
  const saml =
    options.saml && firstSamlCertificate && createDemoSamlIdp(issuer, { ...options.saml, log: options.log }, firstSamlCertificate);

  const activate = (signingKey: SigningKey): ActiveProvider => {
    const provider = new oidc.Provider(issuer, providerConfiguration(oidc, { ...options, users }, signingKey, shared, port));
    // The issuer is fixed; X-Forwarded-* headers must not change the URLs the IdP builds.
    provider.proxy = false;
    provider.on("server_error", (_ctx, error) => console.error("Demo OIDC IdP server error:", error));
    for (const event of LOGGED_ERROR_EVENTS) {
      provider.on(event, (_ctx, error) => options.log?.(`${event}: ${describeProviderError(error)}`));
    }
    return { provider, callback: provider.callback(), signingKey };
  };
  // Replaced on key rotation; a request is served to the end by the provider it started with.
  let active = activate(firstKey);
  // Attached before control returns to the event loop, so no request arrives without a handler.
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    // The SAML section is read per request: it lists the certificates, which rotate.
    const home = { issuer, clients: options.clients, users, saml: saml?.homePageSection() };
    void serve({ ...active, users, home, saml, log: options.log }, req, res);
  });

  return {
    issuer,
    port,
    close: () => closeServer(server),
    async rotateSigningKey() {
      active = activate(await generateSigningKey());
    },
    jwks: () => ({ keys: [active.signingKey.publicJwk] }),
    saml,
  };
}

interface ActiveProvider {
  provider: Provider;
  callback: ReturnType<Provider["callback"]>;
  signingKey: SigningKey;
}

/** Our sign-in pages at `/interaction/…`, the SAML IdP at `/saml/…`; everything else is oidc-provider's. */
async function serve(
  context: ActiveProvider & { users: readonly DemoUser[]; home: HomePageOptions; saml?: DemoSamlIdp; log?: (line: string) => void },
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  try {
    const pathname = new URL(req.url ?? "/", "http://demo-idp.invalid").pathname;
    const route = matchInteractionRoute(pathname);
    if (route) await handleInteraction(context, route, req, res);
    // It answers its own errors with pages of its own.
    else if (context.saml && pathname.startsWith(`${SAML_BASE_PATH}/`)) await context.saml.handleRequest(req, res);
    // Browsers ask every site for one; an empty answer keeps their consoles clean.
    else if (pathname === "/favicon.ico") res.writeHead(204).end();
    else if (pathname === "/" && req.method === "GET") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" }).end(renderHomePage(context.home));
    } else await context.callback(req, res);
  } catch (error) {
    sendError(res, error);
  }
}

type OidcProviderModule = typeof import("oidc-provider");

function providerConfiguration(
  oidc: OidcProviderModule,
  options: DemoOidcIdpOptions & { users: readonly DemoUser[] },
  signingKey: SigningKey,
  shared: { store: Configuration["adapter"]; cookieKeys: string[] },
  port: number,
): Configuration {
  const { Check } = oidc.interactionPolicy;
  const policy = oidc.interactionPolicy.base();
  // Every authorization request shows the sign-in page, even with an IdP session, so that
  // signing out of the app and back in can pick another demo user.
  policy.get("login")?.checks.push(
    new Check("demo_always_ask", "the demo IdP asks who is signing in every time", (ctx) =>
      ctx.oidc.result?.login ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT,
    ),
  );

  return {
    adapter: shared.store,
    clients: options.clients.map(clientMetadata),
    claims: {
      openid: ["sub"],
      email: ["email", "email_verified"],
      // `groups` under profile too, so that the usual "openid profile email" request gets it.
      profile: ["name", "given_name", "family_name", "groups"],
      groups: ["groups"],
    },
    // The claims' keys add email, profile and groups; no offline_access, so no refresh tokens.
    scopes: ["openid"],
    responseTypes: ["code"],
    // Claims in the ID token itself, so that a client needs no userinfo call (which still works).
    conformIdTokenClaims: false,
    cookies: {
      keys: shared.cookieKeys,
      // Cookies ignore ports: the port keeps two IdPs on 127.0.0.1 (dev and e2e stacks) and the app apart.
      names: { session: `demo_idp_${port}_session`, interaction: `demo_idp_${port}_interaction`, resume: `demo_idp_${port}_resume` },
    },
    features: { devInteractions: { enabled: false }, userinfo: { enabled: true } },
    findAccount: async (_ctx, sub) => {
      const user = options.users.find((candidate) => candidate.sub === sub);
      return user && { accountId: sub, claims: async () => claimsOf(user) };
    },
    interactions: { policy },
    jwks: { keys: [signingKey.privateJwk] },
    pkce: { required: () => true },
    renderError: async (ctx, out) => {
      ctx.type = "html";
      ctx.body = renderErrorPage(out.error, out.error_description ?? "The request was not understood.");
    },
    ttl: { ...TTL_SECONDS, IdToken: options.idTokenTtlSeconds ?? DEFAULT_ID_TOKEN_TTL_SECONDS },
  };
}

function clientMetadata(client: DemoClient): ClientMetadata {
  return {
    client_id: client.clientId,
    client_secret: client.clientSecret,
    redirect_uris: client.redirectUris,
    grant_types: ["authorization_code"],
    response_types: ["code"],
    token_endpoint_auth_method: client.authMethod ?? "client_secret_basic",
    id_token_signed_response_alg: "RS256",
  };
}

/**
 * oidc-provider warns on import that Node.js 20 is not a supported runtime.
 * This repo runs on Node 20 (package.json engines) and the IdP's tests pass
 * there, so that one line is noise in every `npm run dev`; other warnings pass.
 */
async function importOidcProvider(): Promise<OidcProviderModule> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (!String(args[0]).includes("Unsupported runtime")) warn(...args);
  };
  try {
    return await import("oidc-provider");
  } finally {
    console.warn = warn;
  }
}

function sendError(res: ServerResponse, error: unknown): void {
  const refusal = asRequestError(error);
  if (!refusal) console.error("Demo OIDC IdP failed to serve a request:", error);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const status = refusal?.statusCode ?? 500;
  const message = refusal?.message ?? "Something went wrong in the demo IdP; see its output.";
  res.writeHead(status, { "Content-Type": "text/html; charset=utf-8" }).end(renderErrorPage(`error ${status}`, message));
}

/** Our own refusals, and oidc-provider's client errors (`expose` is how it marks them). */
function asRequestError(error: unknown): RequestError | undefined {
  if (error instanceof RequestError) return error;
  const providerError = error as { expose?: boolean; statusCode?: number; name?: string; error_description?: string };
  if (!providerError?.expose || typeof providerError.statusCode !== "number") return undefined;
  if (providerError.name === "SessionNotFound") {
    return new RequestError(
      providerError.statusCode,
      "This sign-in is no longer valid: it expired, the demo IdP restarted, or the browser dropped its cookie. Start again from the app.",
    );
  }
  return new RequestError(providerError.statusCode, providerError.error_description ?? String(error));
}

function describeProviderError(error: Error): string {
  const { error_description: description, error_detail: detail } = error as { error_description?: string; error_detail?: string };
  return [error.message, description, detail].filter(Boolean).join(" — ");
}
