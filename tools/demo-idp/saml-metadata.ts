import { certificateBase64 } from "./saml-certificates";
import { EMAIL_NAME_ID_FORMAT, escapeXml } from "./saml-responses";

/**
 * The IdP's metadata document: what an SP imports instead of copying the
 * entity ID, SSO URL and certificate by hand. Our own template rather than
 * samlp's, which publishes a single certificate: during a rotation an IdP
 * publishes the next certificate beside the current one, and an SP must
 * accept a signature by either.
 * @see https://docs.oasis-open.org/security/saml/v2.0/saml-metadata-2.0-os.pdf §2.4.3 (IDPSSODescriptor), §2.4.1.1 (KeyDescriptor)
 */
export interface SamlIdpMetadata {
  entityId: string;
  /** One URL for both bindings. */
  ssoUrl: string;
  /** PEMs, newest first. */
  certificatePems: readonly string[];
}

const BINDINGS = {
  redirect: "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect",
  post: "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST",
};

export function renderSamlMetadata({ entityId, ssoUrl, certificatePems }: SamlIdpMetadata): string {
  // The schema fixes the order: KeyDescriptor, NameIDFormat, SingleSignOnService.
  const keys = certificatePems.map(
    (pem) =>
      `    <md:KeyDescriptor use="signing">
      <ds:KeyInfo><ds:X509Data><ds:X509Certificate>${certificateBase64(pem)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>
    </md:KeyDescriptor>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${escapeXml(entityId)}">
  <md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
${keys.join("\n")}
    <md:NameIDFormat>${EMAIL_NAME_ID_FORMAT}</md:NameIDFormat>
    <md:SingleSignOnService Binding="${BINDINGS.redirect}" Location="${escapeXml(ssoUrl)}"/>
    <md:SingleSignOnService Binding="${BINDINGS.post}" Location="${escapeXml(ssoUrl)}"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>
`;
}
