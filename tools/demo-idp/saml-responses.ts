import { randomBytes } from "node:crypto";
import samlp, { type SamlDigestAlgorithm, type SamlProfileMap, type SamlSignatureAlgorithm } from "samlp";
import signers from "samlp/lib/signers.js";
import type { SamlSigningCertificate } from "./saml-certificates";
import { displayName, type DemoUser } from "./users";

/**
 * The SAML IdP's answers, built and signed by samlp: a Response with the
 * user's assertion, or one with a failure status and no assertion.
 * @see https://docs.oasis-open.org/security/saml/v2.0/saml-core-2.0-os.pdf §3.2.2 (StatusResponseType), §3.3.3 (Response)
 */

export const SAML_STATUS = {
  success: "urn:oasis:names:tc:SAML:2.0:status:Success",
  /** Top level: the failure is on the IdP's side, not in the request. */
  responder: "urn:oasis:names:tc:SAML:2.0:status:Responder",
  /** Second level: the IdP could not (here: did not) authenticate the user. */
  authnFailed: "urn:oasis:names:tc:SAML:2.0:status:AuthnFailed",
} as const;

export const EMAIL_NAME_ID_FORMAT = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";

/** Who the Response is for and how it is signed; every field a relying party checks. */
export interface SamlResponseFields {
  issuer: string;
  /** The SP's entity ID: the assertion's Audience. */
  audience: string;
  /** The SP's AssertionConsumerService URL, in SubjectConfirmationData. */
  recipient: string;
  /** The URL the Response is posted to, in the Response's Destination. */
  destination: string;
  /** The AuthnRequest's ID; absent in an unsolicited (IdP-initiated) Response. */
  inResponseTo?: string;
  /** Conditions' NotOnOrAfter − NotBefore; negative gives an assertion that has already expired. */
  lifetimeSeconds: number;
  signResponse: boolean;
  signAssertion: boolean;
  signatureAlgorithm: SamlSignatureAlgorithm;
  digestAlgorithm: SamlDigestAlgorithm;
  /** The top-level StatusCode: anything but Success next to an assertion is a Response an SP must refuse. */
  statusCode: string;
}

/** The assertion's attributes: plain names, as most app templates expect, rather than claim URIs. */
function samlAttributesOf(user: DemoUser): Record<string, string | string[] | undefined> {
  return {
    email: user.email,
    name: displayName(user),
    firstName: user.givenName,
    lastName: user.familyName,
    groups: user.groups,
    employeeId: user.employeeId,
  };
}

/** @returns the Response XML, signed as `fields` says */
export function buildAssertionResponse(user: DemoUser, fields: SamlResponseFields, certificate: SamlSigningCertificate): Promise<string> {
  return new Promise((resolve, reject) => {
    samlp.getSamlResponse(
      {
        issuer: fields.issuer,
        cert: certificate.certificatePem,
        key: certificate.privateKeyPem,
        audience: fields.audience,
        recipient: fields.recipient,
        destination: fields.destination,
        inResponseTo: fields.inResponseTo,
        signResponse: fields.signResponse,
        signAssertion: fields.signAssertion,
        signatureAlgorithm: fields.signatureAlgorithm,
        digestAlgorithm: fields.digestAlgorithm,
        lifetimeInSeconds: fields.lifetimeSeconds,
        profileMapper: profileOf,
        samlStatusCode: fields.statusCode,
      },
      user,
      (error, xml) => (error || !xml ? reject(error ?? new Error("samlp returned no Response")) : resolve(xml)),
    );
  });
}

function profileOf(user: DemoUser): SamlProfileMap {
  return {
    getClaims: () => samlAttributesOf(user),
    getNameIdentifier: () => ({ nameIdentifier: user.email, nameIdentifierFormat: EMAIL_NAME_ID_FORMAT }),
  };
}

export interface SamlFailure {
  issuer: string;
  destination: string;
  inResponseTo?: string;
  /** Said to the SP in StatusMessage, which SPs tend to show or log. */
  message: string;
}

/**
 * A signed Response with Responder / AuthnFailed and no assertion, as IdPs
 * answer when the user does not sign in. samlp only writes a single-level
 * StatusCode (and its StatusMessage as an attribute), so the XML is ours;
 * samlp's signer signs it, as it signs samlp's own Responses.
 */
export function buildFailureResponse(failure: SamlFailure, certificate: SamlSigningCertificate): string {
  const inResponseTo = failure.inResponseTo ? ` InResponseTo="${escapeXml(failure.inResponseTo)}"` : "";
  const xml =
    `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ` +
    `ID="_${randomBytes(20).toString("hex")}" Version="2.0" IssueInstant="${new Date().toISOString()}" ` +
    `Destination="${escapeXml(failure.destination)}"${inResponseTo}>` +
    `<saml:Issuer>${escapeXml(failure.issuer)}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="${SAML_STATUS.responder}"><samlp:StatusCode Value="${SAML_STATUS.authnFailed}"/></samlp:StatusCode>` +
    `<samlp:StatusMessage>${escapeXml(failure.message)}</samlp:StatusMessage></samlp:Status>` +
    `</samlp:Response>`;
  return signers.signXml(
    {
      key: certificate.privateKeyPem,
      cert: certificate.certificatePem,
      signatureAlgorithm: "rsa-sha256",
      digestAlgorithm: "sha256",
      reference: "//*[local-name(.)='Response' and namespace-uri(.)='urn:oasis:names:tc:SAML:2.0:protocol']",
    },
    xml,
  );
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
