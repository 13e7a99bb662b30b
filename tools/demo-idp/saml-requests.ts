import { randomBytes } from "node:crypto";
import samlp, { type ParsedAuthnRequest } from "samlp";
import { RequestError } from "./http";

/**
 * What the SAML IdP needs from a service provider before it shows the
 * sign-in page, and where it keeps that until the user picks someone.
 * The demo IdP has no SP registry: an SP is whoever names an
 * AssertionConsumerService URL under `acsUrlPrefix` (the app's ACS URLs).
 */

/** A sign-in waiting for the user's choice; everything the Response will say about the SP. */
export interface PendingSamlSignIn {
  /** The AuthnRequest's ID; absent in an IdP-initiated sign-in, whose Response is unsolicited. */
  requestId?: string;
  /** Where the Response is posted. */
  acsUrl: string;
  /** The SP's entity ID (the AuthnRequest's Issuer): the assertion's audience. */
  audience: string;
  relayState?: string;
}

/** As long as oidc-provider keeps an interaction (see oidc-idp.ts). */
const PENDING_TTL_MS = 10 * 60 * 1000;

/**
 * Reads an AuthnRequest from either binding: samlp tells them apart by
 * whether the XML is deflated (HTTP-Redirect) or not (HTTP-POST). The
 * request's signature, if any, is not checked: the demo IdP trusts every SP
 * under the prefix, so a signature would prove nothing to it.
 * @see https://docs.oasis-open.org/security/saml/v2.0/saml-core-2.0-os.pdf §3.4.1 (AuthnRequest)
 * @throws RequestError 400 saying what is missing or wrong
 */
export async function readAuthnRequest(
  samlRequest: string | undefined,
  relayState: string | undefined,
  acsUrlPrefix: string,
): Promise<PendingSamlSignIn> {
  if (!samlRequest) throw new RequestError(400, "The request has no SAMLRequest. Start the sign-in from the app.");
  const request = await new Promise<ParsedAuthnRequest | undefined>((resolve, reject) => {
    samlp.parseRequest({ query: { SAMLRequest: samlRequest } }, (error, parsed) => (error ? reject(error) : resolve(parsed)));
  }).catch((error: unknown) => {
    throw new RequestError(
      400,
      `The SAMLRequest is not a readable AuthnRequest: ${error instanceof Error ? error.message : String(error)}`,
    );
  });
  if (!request?.id) throw new RequestError(400, "The AuthnRequest has no ID, so its Response could not name it in InResponseTo.");
  if (!request.issuer)
    throw new RequestError(400, "The AuthnRequest has no Issuer: the service provider's entity ID is the audience of the assertion.");
  if (!request.assertionConsumerServiceURL) {
    throw new RequestError(
      400,
      "The AuthnRequest has no AssertionConsumerServiceURL, and the demo IdP has no SP registry to look one up in.",
    );
  }
  return {
    requestId: request.id,
    acsUrl: checkAcsUrl(request.assertionConsumerServiceURL, acsUrlPrefix),
    audience: request.issuer,
    relayState: relayState || undefined,
  };
}

/**
 * @returns the URL, normalized, when it is under the prefix; the comparison is
 * on the normalized form, so `…/saml/../elsewhere` does not pass for `…/saml/`
 * @throws RequestError 400 otherwise: the IdP would be posting assertions to a stranger
 */
export function checkAcsUrl(acsUrl: string, acsUrlPrefix: string): string {
  const url = URL.canParse(acsUrl) ? new URL(acsUrl) : undefined;
  if (!url || !url.href.startsWith(acsUrlPrefix)) {
    throw new RequestError(
      400,
      `The AssertionConsumerService URL ${acsUrl} is not under ${acsUrlPrefix}, the only place this IdP sends assertions.`,
    );
  }
  return url.href;
}

/** In memory, keyed by a random id the sign-in page carries, so that the page cannot alter where the Response goes. */
export class PendingSamlSignIns {
  private readonly byId = new Map<string, { signIn: PendingSamlSignIn; expiresAt: number }>();

  /** @returns the id for the sign-in page's forms */
  add(signIn: PendingSamlSignIn): string {
    this.dropExpired();
    const id = randomBytes(16).toString("base64url");
    this.byId.set(id, { signIn, expiresAt: Date.now() + PENDING_TTL_MS });
    return id;
  }

  /** @throws RequestError 400 when the id is unknown or expired */
  get(id: string): PendingSamlSignIn {
    this.dropExpired();
    const entry = this.byId.get(id);
    if (!entry) {
      throw new RequestError(
        400,
        "This sign-in is no longer valid: it expired, was already used, or the demo IdP restarted. Start again from the app.",
      );
    }
    return entry.signIn;
  }

  /** Once its Response is built: a sign-in answers once. */
  delete(id: string): void {
    this.byId.delete(id);
  }

  private dropExpired(): void {
    const now = Date.now();
    for (const [id, entry] of this.byId) {
      if (entry.expiresAt <= now) this.byId.delete(id);
    }
  }
}
