"use node";

import { X509Certificate } from "node:crypto";
import type { ParsedIdpMetadata } from "./samlConfig";
import { child, children, elements, NS, parseXml, singleText, XmlRefused } from "./samlXml";

/**
 * Reads an IdP's SAML metadata: its entity ID, its SSO endpoints per
 * binding and every signing certificate (several during a rotation), each
 * with its expiry. Node runtime: certificates are parsed with node:crypto.
 */
const BINDINGS = {
  redirect: "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect",
  post: "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST",
} as const;

export class MetadataRefused extends Error {}

export function parseIdpMetadata(xml: string, maxSize: number): ParsedIdpMetadata {
  if (Buffer.byteLength(xml) > maxSize) throw new MetadataRefused(`The metadata is larger than ${Math.round(maxSize / 1024)} KB.`);
  let document;
  try {
    document = parseXml(xml);
  } catch (error) {
    throw new MetadataRefused(error instanceof XmlRefused ? error.message : String(error));
  }
  const entity = elements(document, NS.metadata, "EntityDescriptor").find((candidate) => child(candidate, NS.metadata, "IDPSSODescriptor"));
  if (!entity) throw new MetadataRefused("The metadata describes no identity provider (no IDPSSODescriptor).");
  const entityId = entity.getAttribute("entityID")?.trim();
  if (!entityId) throw new MetadataRefused("The metadata has no entityID.");
  const idp = child(entity, NS.metadata, "IDPSSODescriptor")!;

  const ssoUrls: ParsedIdpMetadata["ssoUrls"] = {};
  for (const service of children(idp, NS.metadata, "SingleSignOnService")) {
    const location = service.getAttribute("Location")?.trim();
    if (!location) continue;
    if (service.getAttribute("Binding") === BINDINGS.redirect) ssoUrls.redirect ??= location;
    if (service.getAttribute("Binding") === BINDINGS.post) ssoUrls.post ??= location;
  }
  if (!ssoUrls.redirect && !ssoUrls.post) throw new MetadataRefused("The metadata names no SingleSignOnService for HTTP-Redirect or HTTP-POST.");

  const certificates: ParsedIdpMetadata["certificates"] = [];
  for (const key of children(idp, NS.metadata, "KeyDescriptor")) {
    const use = key.getAttribute("use");
    if (use && use !== "signing") continue;
    for (const data of elements(key, NS.dsig, "X509Certificate")) {
      const certificate = toCertificate(singleText(data) ?? "");
      if (!certificates.some((known) => known.fingerprint === certificate.fingerprint)) certificates.push(certificate);
    }
  }
  if (certificates.length === 0) throw new MetadataRefused("The metadata has no signing certificate.");
  return { entityId, ssoUrls, certificates };
}

export function toCertificate(base64: string): ParsedIdpMetadata["certificates"][number] {
  const body = base64.replace(/-----(BEGIN|END) CERTIFICATE-----/g, "").replace(/\s+/g, "");
  const pem = `-----BEGIN CERTIFICATE-----\n${body.match(/.{1,64}/g)?.join("\n") ?? ""}\n-----END CERTIFICATE-----`;
  let parsed: X509Certificate;
  try {
    parsed = new X509Certificate(pem);
  } catch {
    throw new MetadataRefused("A signing certificate in the metadata can't be read.");
  }
  return { pem, fingerprint: parsed.fingerprint256, notAfter: Date.parse(parsed.validTo) };
}
