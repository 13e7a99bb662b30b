/**
 * The part of auth0's samlp 8.x that the demo SAML IdP uses. The package
 * ships no types; this is read from its source (lib/samlp.js, lib/signers.js)
 * and from saml 4.x (lib/saml20.js), which builds the assertion.
 */
declare module "samlp" {
  export type SamlSignatureAlgorithm = "rsa-sha256" | "rsa-sha1";
  export type SamlDigestAlgorithm = "sha256" | "sha1";

  /** What samlp asks a profile mapper for: the attributes by name, and the NameID. */
  export interface SamlProfileMap {
    /** Attribute name → value; an array is one attribute with several values, undefined leaves it out. */
    getClaims(options: object): Record<string, string | string[] | undefined>;
    getNameIdentifier(options: object): { nameIdentifier: string; nameIdentifierFormat?: string };
  }

  export interface SamlResponseOptions<User> {
    issuer: string;
    /** PEM certificate, put in each signature's KeyInfo. */
    cert: string;
    /** PEM private key that signs. */
    key: string;
    /** The assertion's AudienceRestriction. */
    audience: string;
    /** SubjectConfirmationData's Recipient. */
    recipient: string;
    /** The Response's Destination. */
    destination: string;
    /** Both the Response's and SubjectConfirmationData's InResponseTo; left out when undefined. */
    inResponseTo?: string;
    /** Default false. */
    signResponse?: boolean;
    /** Default true. */
    signAssertion?: boolean;
    signatureAlgorithm: SamlSignatureAlgorithm;
    digestAlgorithm: SamlDigestAlgorithm;
    /** Conditions run from now to now + this; 0 means samlp's default, 3600. */
    lifetimeInSeconds?: number;
    profileMapper: (user: User) => SamlProfileMap;
    /** The Response's top-level StatusCode; default Success. */
    samlStatusCode?: string;
  }

  /** Calls back with the Response XML (not base64). */
  export function getSamlResponse<User>(
    options: SamlResponseOptions<User>,
    user: User,
    callback: (error: Error | null, samlResponse?: string) => void,
  ): void;

  /** What parseRequest reads from an AuthnRequest; each field only when present. */
  export interface ParsedAuthnRequest {
    id?: string;
    issuer?: string;
    assertionConsumerServiceURL?: string;
    destination?: string;
    forceAuthn?: string;
  }

  /**
   * Reads `SAMLRequest` from the query (HTTP-Redirect, deflated) or the body
   * (HTTP-POST, not deflated); calls back with no data when there is none.
   * Checks no signature unless told which certificate to trust (we don't).
   */
  export function parseRequest(
    req: { query: Record<string, string | undefined>; body?: Record<string, string | undefined> },
    callback: (error: Error | null | undefined, request?: ParsedAuthnRequest) => void,
  ): void;

  const samlp: { getSamlResponse: typeof getSamlResponse; parseRequest: typeof parseRequest };
  export default samlp;
}

declare module "samlp/lib/signers.js" {
  import type { SamlDigestAlgorithm, SamlSignatureAlgorithm } from "samlp";

  /**
   * Signs the element `reference` selects with an enveloped signature placed
   * right after the document's first Issuer (samlp signs LogoutRequests this way).
   */
  export function signXml(
    options: {
      key: string;
      cert: string;
      signatureAlgorithm: SamlSignatureAlgorithm;
      digestAlgorithm: SamlDigestAlgorithm;
      reference: string;
    },
    xml: string,
  ): string;

  const signers: { signXml: typeof signXml };
  export default signers;
}
