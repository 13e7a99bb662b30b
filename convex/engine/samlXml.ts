import { DOMParser, type Document, type Element, type Node } from "@xmldom/xmldom";

/**
 * Safe XML for SAML: documents with a DOCTYPE are refused before parsing (no
 * entities, so no XXE or entity expansion), any parser warning or error
 * refuses the document, and elements are found by namespace and local name,
 * never by prefix.
 */
export const NS = {
  metadata: "urn:oasis:names:tc:SAML:2.0:metadata",
  protocol: "urn:oasis:names:tc:SAML:2.0:protocol",
  assertion: "urn:oasis:names:tc:SAML:2.0:assertion",
  dsig: "http://www.w3.org/2000/09/xmldsig#",
} as const;

export class XmlRefused extends Error {}

export function parseXml(xml: string): Document {
  if (/<!DOCTYPE/i.test(xml)) throw new XmlRefused("The document has a DOCTYPE (refused: it could define entities).");
  const problems: string[] = [];
  const parser = new DOMParser({ onError: (level, message) => problems.push(`${level}: ${message}`) });
  let document: Document;
  try {
    document = parser.parseFromString(xml, "text/xml");
  } catch (error) {
    throw new XmlRefused(`The document is not well-formed XML: ${(error as Error).message}`);
  }
  if (problems.length > 0 || !document.documentElement) throw new XmlRefused(`The document is not well-formed XML: ${problems[0] ?? "no root element"}`);
  return document;
}

/** Descendant elements (or the element itself) with this namespace and local name, in document order. */
export function elements(root: Document | Element, namespace: string, localName: string): Element[] {
  return Array.from(root.getElementsByTagNameNS(namespace, localName));
}

/** Direct children only: where the schema fixes the position, looking deeper would accept injected copies. */
export function children(parent: Element, namespace: string, localName: string): Element[] {
  return Array.from(parent.childNodes).filter(
    (node): node is Element => node.nodeType === 1 && (node as Element).namespaceURI === namespace && (node as Element).localName === localName,
  );
}

export function child(parent: Element, namespace: string, localName: string): Element | null {
  return children(parent, namespace, localName)[0] ?? null;
}

/**
 * An element's text when it is exactly one text node. Comments, CDATA or
 * several text nodes inside are refused: canonicalization drops comments, so
 * `user@evil.test<!---->.example.com` keeps a valid signature while naive
 * readers see `user@evil.test`.
 */
export function singleText(element: Element): string | null {
  const nodes: Node[] = Array.from(element.childNodes);
  if (nodes.length !== 1 || nodes[0]!.nodeType !== 3) return null;
  return nodes[0]!.nodeValue;
}
