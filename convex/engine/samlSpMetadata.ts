import type { Doc } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { serviceProviderUrls, spEntityId } from "./samlConfig";

/**
 * Our SAML service-provider metadata for one connection: what the IdP needs
 * to know about us (entity ID, ACS, optional signing and encryption
 * certificates). Public: it is given to IdPs before anything is set up, and
 * holds nothing secret.
 */
const escapeXml = (text: string) => text.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);

function keyDescriptor(use: "signing" | "encryption", pem: string): string {
  const body = pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, "").replace(/\s+/g, "");
  return `    <md:KeyDescriptor use="${use}"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${escapeXml(body)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>\n`;
}

export function serviceProviderMetadata(connection: Doc<"connections">): string {
  const saml = connection.saml;
  const { acsUrl } = serviceProviderUrls(connection._id);
  const signingCert = saml?.serviceProvider.signingCert;
  const encryptionCert = saml?.serviceProvider.encryptionCert;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${escapeXml(spEntityId(connection._id, saml))}">\n` +
    `  <md:SPSSODescriptor AuthnRequestsSigned="${saml?.request.signAuthnRequests ? "true" : "false"}" WantAssertionsSigned="${saml?.security.requireSignedAssertions === false ? "false" : "true"}" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">\n` +
    (signingCert ? keyDescriptor("signing", signingCert) : "") +
    (encryptionCert ? keyDescriptor("encryption", encryptionCert) : "") +
    `    <md:NameIDFormat>${escapeXml(saml?.request.nameIdFormat ?? "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress")}</md:NameIDFormat>\n` +
    `    <md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${escapeXml(acsUrl)}" index="0" isDefault="true"/>\n` +
    `  </md:SPSSODescriptor>\n` +
    `</md:EntityDescriptor>\n`
  );
}

/** By connection id as given (public callers): null for unknown and OIDC connections. */
export async function metadataFor(ctx: QueryCtx, connectionId: string): Promise<string | null> {
  const id = ctx.db.normalizeId("connections", connectionId);
  const connection = id ? await ctx.db.get(id) : null;
  return connection?.protocol === "saml" ? serviceProviderMetadata(connection) : null;
}
