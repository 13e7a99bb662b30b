"use node";

import { SAML, ValidateInResponseTo } from "@node-saml/node-saml";
import type { SsoErrorCode } from "../../lib/sso-errors";
import type { SamlConfig } from "./protocolShapes";
import type { Node } from "@xmldom/xmldom";
import { child, children, elements, NS, parseXml, singleText, XmlRefused } from "./samlXml";

/**
 * Validates a SAML Response posted to our ACS. Signatures and the
 * assertion's conditions are checked by @node-saml/node-saml; everything it
 * leaves to its caller is checked here, and identity is read only from the
 * assertion it validated (the signed element), never from the raw document:
 *
 * - size, DOCTYPE (no entities), well-formedness;
 * - exactly one assertion in the whole document (signature wrapping hides copies);
 * - Response `Destination` and the bearer `Recipient` are our ACS;
 * - Response and assertion `Issuer` are the IdP's entity ID;
 * - the status is Success;
 * - the `Audience` is our entity ID (node-saml checks it too);
 * - SHA-1 signature or digest algorithms refused (or reported, per settings);
 * - no comments in the assertion, and NameID is exactly one text node (no comment or CDATA tricks);
 * - timestamps present when required.
 *
 * `InResponseTo` and assertion replay need the database: the caller checks
 * them with what this returns.
 */
export class SamlFailure extends Error {
  constructor(
    readonly code: SsoErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface SamlExpectations {
  config: SamlConfig;
  spEntityId: string;
  acsUrl: string;
  decryptionKey?: string;
}

export interface ValidatedAssertion {
  assertionId: string;
  /** Until when the assertion ID must be remembered to refuse replays. */
  notOnOrAfter: number;
  /** Absent for an IdP-initiated (unsolicited) response. */
  inResponseTo?: string;
  nameId: string;
  attributes: Record<string, unknown>;
  weakAlgorithms: string[];
}

const SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";
/** What node-saml's profile carries besides the attributes. */
const PROFILE_FIELDS = new Set(["issuer", "nameID", "nameIDFormat", "nameQualifier", "spNameQualifier", "sessionIndex", "inResponseTo", "ID", "attributes"]);
const BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer";
const WEAK = /#(rsa-)?sha1$|#dsa-sha1$/;

const fail = (code: SsoErrorCode, message: string): never => {
  throw new SamlFailure(code, message);
};

function containsComment(node: Node): boolean {
  return Array.from(node.childNodes).some((childNode) => childNode.nodeType === 8 || containsComment(childNode));
}

export async function validateSamlResponse(samlResponse: string, expect: SamlExpectations): Promise<ValidatedAssertion> {
  const { config, acsUrl, spEntityId } = expect;
  const idpEntityId = config.metadata.entityId;
  // Checked on the encoded form first, so an oversized body is never decoded.
  if (samlResponse.length > Math.ceil((config.security.maxResponseSize * 4) / 3) + 4) {
    fail("response_too_large", `The response is larger than ${Math.round(config.security.maxResponseSize / 1024)} KB.`);
  }
  const xml = Buffer.from(samlResponse, "base64").toString("utf8");
  let document;
  try {
    document = parseXml(xml);
  } catch (error) {
    return fail("assertion_invalid", error instanceof XmlRefused ? error.message : "The response is not XML.");
  }
  const response = document.documentElement!;
  if (response.namespaceURI !== NS.protocol || response.localName !== "Response") fail("assertion_invalid", "The document is not a SAML Response.");

  const issuer = child(response, NS.assertion, "Issuer");
  if (issuer && singleText(issuer)?.trim() !== idpEntityId) fail("assertion_invalid", `The response's Issuer is not the IdP (${idpEntityId}).`);
  const status = child(child(response, NS.protocol, "Status") ?? response, NS.protocol, "StatusCode")?.getAttribute("Value");
  if (status !== SUCCESS) fail("idp_error", `The IdP answered with status ${status ?? "(none)"}.`);
  if (response.getAttribute("Destination") !== acsUrl) fail("assertion_invalid", `The response's Destination is not our ACS (${acsUrl}).`);

  const assertions = elements(document, NS.assertion, "Assertion").length + elements(document, NS.assertion, "EncryptedAssertion").length;
  const topLevel = children(response, NS.assertion, "Assertion").length + children(response, NS.assertion, "EncryptedAssertion").length;
  if (assertions !== 1 || topLevel !== 1) fail("assertion_invalid", `The response must carry exactly one assertion (found ${assertions}).`);
  if (children(response, NS.assertion, "EncryptedAssertion").length === 1 && !expect.decryptionKey) {
    fail("assertion_invalid", "The assertion is encrypted and this connection has no encryption key to decrypt it.");
  }

  // Canonicalization drops comments, so a comment can split a signed value without breaking its
  // signature (`frank@initech<!---->.test`): readers that stop at the first text node are fooled.
  const rawAssertion = children(response, NS.assertion, "Assertion")[0];
  if (rawAssertion && containsComment(rawAssertion)) fail("assertion_invalid", "The assertion contains XML comments (refused: they can split a signed NameID or attribute).");

  const weakAlgorithms = [...elements(document, NS.dsig, "SignatureMethod"), ...elements(document, NS.dsig, "DigestMethod")]
    .map((element) => element.getAttribute("Algorithm") ?? "")
    .filter((algorithm) => WEAK.test(algorithm));
  if (weakAlgorithms.length > 0 && config.security.weakAlgorithmHandling === "reject") {
    fail("assertion_invalid", `The response is signed with a weak algorithm (${weakAlgorithms[0]}).`);
  }

  const saml = new SAML({
    idpCert: config.metadata.certificates.map((cert) => cert.pem),
    issuer: spEntityId,
    audience: spEntityId,
    callbackUrl: acsUrl,
    idpIssuer: idpEntityId,
    wantAssertionsSigned: config.security.requireSignedAssertions,
    // At least the response is signed when assertions needn't be.
    wantAuthnResponseSigned: !config.security.requireSignedAssertions,
    acceptedClockSkewMs: config.security.clockSkewSeconds * 1000,
    validateInResponseTo: ValidateInResponseTo.never,
    ...(expect.decryptionKey ? { decryptionPvk: expect.decryptionKey } : {}),
  });
  let profile;
  try {
    ({ profile } = await saml.validatePostResponseAsync({ SAMLResponse: samlResponse }));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return fail(/expired|NotBefore|NotOnOrAfter|not yet valid/i.test(message) ? "assertion_expired" : "assertion_invalid", `SAML validation failed: ${message}.`);
  }
  if (!profile?.getAssertionXml) return fail("assertion_invalid", "The response carries no assertion.");

  // From here on, only the assertion node-saml validated (the signed element) is read.
  const assertion = parseXml(profile.getAssertionXml()).documentElement!;
  const assertionId = assertion.getAttribute("ID");
  if (!assertionId) fail("assertion_invalid", "The assertion has no ID.");
  const assertionIssuer = child(assertion, NS.assertion, "Issuer");
  if (!assertionIssuer || singleText(assertionIssuer)?.trim() !== idpEntityId) fail("assertion_invalid", `The assertion's Issuer is not the IdP (${idpEntityId}).`);

  const subject = child(assertion, NS.assertion, "Subject");
  const nameIdElement = subject ? child(subject, NS.assertion, "NameID") : null;
  const nameId = nameIdElement ? singleText(nameIdElement)?.trim() : undefined;
  if (!nameId) return fail("assertion_invalid", "The assertion's NameID is missing or isn't plain text (comments and CDATA are refused).");

  const bearer = subject ? children(subject, NS.assertion, "SubjectConfirmation").find((confirmation) => confirmation.getAttribute("Method") === BEARER) : undefined;
  const confirmationData = bearer ? child(bearer, NS.assertion, "SubjectConfirmationData") : null;
  if (!confirmationData) return fail("assertion_invalid", "The assertion has no bearer SubjectConfirmationData.");
  if (confirmationData.getAttribute("Recipient") !== acsUrl) fail("assertion_invalid", `The assertion's Recipient is not our ACS (${acsUrl}).`);

  const conditions = child(assertion, NS.assertion, "Conditions");
  const audiences = conditions ? elements(conditions, NS.assertion, "Audience").map((element) => singleText(element)?.trim()) : [];
  if (!audiences.includes(spEntityId)) fail("assertion_invalid", `The assertion's Audience is not us (${spEntityId}).`);
  const notOnOrAfter = conditions?.getAttribute("NotOnOrAfter") || confirmationData.getAttribute("NotOnOrAfter");
  if (config.security.requireTimestamps && (!conditions?.getAttribute("NotBefore") || !conditions.getAttribute("NotOnOrAfter"))) {
    fail("assertion_invalid", "The assertion's Conditions have no NotBefore/NotOnOrAfter, which this connection requires.");
  }

  const inResponseTo = confirmationData.getAttribute("InResponseTo") || response.getAttribute("InResponseTo") || undefined;
  if (response.getAttribute("InResponseTo") && confirmationData.getAttribute("InResponseTo") && response.getAttribute("InResponseTo") !== confirmationData.getAttribute("InResponseTo")) {
    fail("assertion_invalid", "The response and the assertion answer different requests.");
  }

  const attributes = Object.fromEntries(Object.entries(profile).filter(([key, value]) => !PROFILE_FIELDS.has(key) && typeof value !== "function"));
  return {
    assertionId: assertionId!,
    // Remembered at least a day when the IdP sets no expiry, so a replay can't outlive the record.
    notOnOrAfter: notOnOrAfter ? Date.parse(notOnOrAfter) : Date.now() + 24 * 60 * 60 * 1000,
    ...(inResponseTo ? { inResponseTo } : {}),
    nameId,
    attributes,
    weakAlgorithms,
  };
}
