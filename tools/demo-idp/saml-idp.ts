import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { closeServer, listen, readForm, RequestError } from "./http";
import { renderErrorPage, renderLoginPage, renderPostFormPage, type SamlHomePageSection } from "./pages";
import { generateSamlSigningCertificate, type SamlSigningCertificate } from "./saml-certificates";
import { renderSamlMetadata } from "./saml-metadata";
import { checkAcsUrl, PendingSamlSignIns, readAuthnRequest, type PendingSamlSignIn } from "./saml-requests";
import { buildAssertionResponse, buildFailureResponse, SAML_STATUS, type SamlResponseFields } from "./saml-responses";
import { findDemoUserByEmail, SAML_DEMO_USERS, type DemoUser } from "./users";

/**
 * A local SAML 2.0 IdP for development and tests, under `/saml/` on the demo
 * IdP's server (oidc-idp.ts mounts it) or on a server of its own
 * (startDemoSamlIdp). auth0's samlp builds and signs the Responses, for the
 * SAML demo users of users.ts. SP- and IdP-initiated sign-in; AuthnRequests
 * over HTTP-Redirect or HTTP-POST, Responses over HTTP-POST. No single
 * logout, no encryption, no SP registry (see saml-requests.ts).
 */
export interface DemoSamlIdpOptions {
  /**
   * Only AssertionConsumerService URLs under this get a Response; it must end
   * with "/". The app's ACS is `<CONVEX_SITE_URL>/api/auth/saml/<connectionId>/acs`.
   */
  acsUrlPrefix: string;
  users?: readonly DemoUser[];
  /** How long an assertion is valid for; default 5 minutes. */
  lifetimeSeconds?: number;
  /** Sign-ins and cancellations, one line each. */
  log?: (line: string) => void;
}

/** A Response for any user and any SP, with every field a test may want wrong; the defaults are what a sign-in sends. */
export interface BuildSamlResponseOptions extends Partial<SamlResponseFields> {
  user: DemoUser;
  /** The default recipient and destination. */
  acsUrl: string;
  audience: string;
}

export interface DemoSamlIdp {
  /** `<origin>/saml`, no trailing slash. */
  entityId: string;
  /** Both bindings' SingleSignOnService. */
  ssoUrl: string;
  metadataUrl: string;
  /** Serves the paths under `/saml/`; 404 for the rest. */
  handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Signs with a new key and certificate from now on; the metadata lists it first and keeps the old one. */
  rotateCertificate(): Promise<void>;
  /** Ends a rotation: only the newest certificate stays in the metadata. */
  retireOldCertificates(): void;
  /** The PEMs the metadata publishes, newest (the one that signs) first. */
  certificates(): string[];
  /** @returns the base64 SAMLResponse, signed with the IdP's current key */
  buildResponse(options: BuildSamlResponseOptions): Promise<string>;
  homePageSection(): SamlHomePageSection;
}

export interface StandaloneDemoSamlIdp extends DemoSamlIdp {
  port: number;
  close(): Promise<void>;
}

/** The demo IdP's SAML paths; `/saml` is also its entity ID. */
export const SAML_BASE_PATH = "/saml";
const LOOPBACK = "127.0.0.1";
/** The Response is posted seconds after it is built; five minutes leaves room for a debugger, not for replays. */
const DEFAULT_LIFETIME_SECONDS = 5 * 60;
/** A POST-binding AuthnRequest is a few kilobytes of base64; the sign-in forms post two short fields. */
const MAX_FORM_BYTES = 64 * 1024;
/** The sign-in page's hidden field: the key to the pending sign-in (saml-requests.ts). */
const SIGN_IN_FIELD = "signIn";
const CANCELLED_MESSAGE = "The user cancelled the sign-in";

/** A SAML IdP on a server of its own on 127.0.0.1, for tests. */
export async function startDemoSamlIdp(options: DemoSamlIdpOptions & { port: number }): Promise<StandaloneDemoSamlIdp> {
  const firstCertificate = await generateSamlSigningCertificate();
  const server = createServer();
  await listen(server, LOOPBACK, options.port);
  const { port } = server.address() as AddressInfo;
  const idp = createDemoSamlIdp(`http://${LOOPBACK}:${port}`, options, firstCertificate);
  server.on("request", (req: IncomingMessage, res: ServerResponse) => void idp.handleRequest(req, res));
  return { ...idp, port, close: () => closeServer(server) };
}

/**
 * The SAML IdP for a server that already listens at `origin`. Takes its first
 * certificate ready-made, so that the server can attach the handler as soon as
 * it listens (see oidc-idp.ts).
 */
export function createDemoSamlIdp(origin: string, options: DemoSamlIdpOptions, firstCertificate: SamlSigningCertificate): DemoSamlIdp {
  const acsUrlPrefix = new URL(options.acsUrlPrefix).href;
  if (!acsUrlPrefix.endsWith("/")) {
    // Otherwise `…/api/auth/saml` would also let through `…/api/auth/saml-elsewhere`.
    throw new Error(`acsUrlPrefix must end with "/", but it is "${options.acsUrlPrefix}".`);
  }
  const entityId = `${origin}${SAML_BASE_PATH}`;
  const ssoUrl = `${entityId}/sso`;
  const metadataUrl = `${entityId}/metadata`;
  const users = options.users ?? SAML_DEMO_USERS;
  // Newest first; the first one signs.
  let signing = [firstCertificate];

  const buildResponse = async ({ user, acsUrl, audience, ...overrides }: BuildSamlResponseOptions): Promise<string> => {
    const xml = await buildAssertionResponse(
      user,
      {
        issuer: entityId,
        audience,
        recipient: acsUrl,
        destination: acsUrl,
        lifetimeSeconds: options.lifetimeSeconds ?? DEFAULT_LIFETIME_SECONDS,
        signResponse: true,
        signAssertion: true,
        signatureAlgorithm: "rsa-sha256",
        digestAlgorithm: "sha256",
        statusCode: SAML_STATUS.success,
        ...withoutUndefined(overrides),
      },
      signing[0]!,
    );
    return Buffer.from(xml).toString("base64");
  };

  const context: SamlContext = {
    entityId,
    acsUrlPrefix,
    users,
    pending: new PendingSamlSignIns(),
    log: options.log,
    metadata: () => renderSamlMetadata({ entityId, ssoUrl, certificatePems: signing.map((certificate) => certificate.certificatePem) }),
    buildResponse,
    buildFailure: (signIn) =>
      buildFailureResponse(
        { issuer: entityId, destination: signIn.acsUrl, inResponseTo: signIn.requestId, message: CANCELLED_MESSAGE },
        signing[0]!,
      ),
  };

  return {
    entityId,
    ssoUrl,
    metadataUrl,
    handleRequest: (req, res) => handleSamlRequest(context, req, res),
    async rotateCertificate() {
      signing = [await generateSamlSigningCertificate(), ...signing];
    },
    retireOldCertificates() {
      signing = signing.slice(0, 1);
    },
    certificates: () => signing.map((certificate) => certificate.certificatePem),
    buildResponse,
    homePageSection: () => ({
      entityId,
      ssoUrl,
      metadataUrl,
      certificates: signing.map(({ certificatePem, expiresAt, sha256Fingerprint }) => ({
        pem: certificatePem,
        expiresAt,
        sha256Fingerprint,
      })),
      users,
    }),
  };
}

interface SamlContext {
  entityId: string;
  acsUrlPrefix: string;
  users: readonly DemoUser[];
  pending: PendingSamlSignIns;
  log?: (line: string) => void;
  metadata(): string;
  buildResponse(options: BuildSamlResponseOptions): Promise<string>;
  /** The signed XML of a cancelled sign-in's Response. */
  buildFailure(signIn: PendingSamlSignIn): string;
}

type Route = (context: SamlContext, req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;

/** Path → method → step. */
const ROUTES: Record<string, Partial<Record<"GET" | "POST", Route>>> = {
  [`${SAML_BASE_PATH}/metadata`]: { GET: serveMetadata },
  // The SingleSignOnService, HTTP-Redirect binding (query) and HTTP-POST binding (form).
  [`${SAML_BASE_PATH}/sso`]: {
    GET: async (context, _req, res, url) => startSignIn(context, res, url.searchParams),
    POST: async (context, req, res) => startSignIn(context, res, await readForm(req, MAX_FORM_BYTES)),
  },
  [`${SAML_BASE_PATH}/sso/login`]: { POST: async (context, req, res) => finishSignIn(context, res, await readForm(req, MAX_FORM_BYTES)) },
  [`${SAML_BASE_PATH}/sso/abort`]: { POST: async (context, req, res) => cancelSignIn(context, res, await readForm(req, MAX_FORM_BYTES)) },
  [`${SAML_BASE_PATH}/idp-initiated`]: { GET: async (context, _req, res, url) => startIdpInitiatedSignIn(context, res, url.searchParams) },
};

async function handleSamlRequest(context: SamlContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const url = new URL(req.url ?? "/", context.entityId);
    const methods = ROUTES[url.pathname];
    if (!methods) {
      throw new RequestError(404, `The demo SAML IdP has nothing at ${url.pathname}; its metadata is at ${context.entityId}/metadata.`);
    }
    const route = methods[req.method as "GET" | "POST"];
    if (!route) {
      res.writeHead(405, { Allow: Object.keys(methods).join(", ") }).end();
      return;
    }
    await route(context, req, res, url);
  } catch (error) {
    sendError(res, error);
  }
}

async function serveMetadata(context: SamlContext, _req: IncomingMessage, res: ServerResponse): Promise<void> {
  // application/xml rather than application/samlmetadata+xml, so that a browser shows it instead of downloading it.
  res.writeHead(200, { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "no-store" }).end(context.metadata());
}

async function startSignIn(context: SamlContext, res: ServerResponse, params: URLSearchParams): Promise<void> {
  const signIn = await readAuthnRequest(
    params.get("SAMLRequest") ?? undefined,
    params.get("RelayState") ?? undefined,
    context.acsUrlPrefix,
  );
  sendSignInPage(context, res, 200, context.pending.add(signIn), signIn);
}

/**
 * `?acs=<ACS URL>&audience=<SP entity ID>&relayState=<optional>`: what an IdP's
 * app tile knows about an SP. Its Response answers no request.
 */
async function startIdpInitiatedSignIn(context: SamlContext, res: ServerResponse, params: URLSearchParams): Promise<void> {
  const acs = params.get("acs");
  const audience = params.get("audience");
  if (!acs || !audience) throw new RequestError(400, "An IdP-initiated sign-in needs acs (the SP's ACS URL) and audience (its entity ID).");
  const signIn = { acsUrl: checkAcsUrl(acs, context.acsUrlPrefix), audience, relayState: params.get("relayState") || undefined };
  sendSignInPage(context, res, 200, context.pending.add(signIn), signIn);
}

async function finishSignIn(context: SamlContext, res: ServerResponse, form: URLSearchParams): Promise<void> {
  const id = form.get(SIGN_IN_FIELD) ?? "";
  const signIn = context.pending.get(id);
  const email = form.get("email") ?? "";
  const user = findDemoUserByEmail(context.users, email);
  if (!user) {
    sendSignInPage(context, res, 400, id, signIn, `There is no demo user with the email ${email}.`);
    return;
  }
  const samlResponse = await context.buildResponse({
    user,
    acsUrl: signIn.acsUrl,
    audience: signIn.audience,
    inResponseTo: signIn.requestId,
  });
  context.pending.delete(id);
  sendToServiceProvider(res, signIn, samlResponse);
  context.log?.(`SAML: signed in ${user.email} for ${signIn.audience}${signIn.requestId ? "" : " (IdP-initiated)"}`);
}

async function cancelSignIn(context: SamlContext, res: ServerResponse, form: URLSearchParams): Promise<void> {
  const id = form.get(SIGN_IN_FIELD) ?? "";
  const signIn = context.pending.get(id);
  const samlResponse = Buffer.from(context.buildFailure(signIn)).toString("base64");
  context.pending.delete(id);
  sendToServiceProvider(res, signIn, samlResponse);
  context.log?.(`SAML: sign-in for ${signIn.audience} cancelled`);
}

function sendSignInPage(
  context: SamlContext,
  res: ServerResponse,
  status: number,
  id: string,
  signIn: PendingSamlSignIn,
  error?: string,
): void {
  const html = renderLoginPage({
    action: `${SAML_BASE_PATH}/sso`,
    clientId: signIn.audience,
    users: context.users,
    error,
    protocol: "saml",
    hiddenFields: { [SIGN_IN_FIELD]: id },
  });
  res.writeHead(status, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" }).end(html);
}

/** The HTTP-POST binding: the browser carries the Response to the SP's ACS. */
function sendToServiceProvider(res: ServerResponse, signIn: PendingSamlSignIn, samlResponse: string): void {
  const fields: Record<string, string> = { SAMLResponse: samlResponse };
  if (signIn.relayState) fields.RelayState = signIn.relayState;
  res
    .writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" })
    .end(renderPostFormPage({ action: signIn.acsUrl, fields }));
}

function sendError(res: ServerResponse, error: unknown): void {
  if (!(error instanceof RequestError)) console.error("Demo SAML IdP failed to serve a request:", error);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const status = error instanceof RequestError ? error.statusCode : 500;
  const message = error instanceof RequestError ? error.message : "Something went wrong in the demo IdP; see its output.";
  res.writeHead(status, { "Content-Type": "text/html; charset=utf-8" }).end(renderErrorPage(`error ${status}`, message, "saml"));
}

/** So that `{ inResponseTo: undefined }` from a caller does not replace a default with nothing. */
function withoutUndefined<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, field]) => field !== undefined)) as Partial<T>;
}
