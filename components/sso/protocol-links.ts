import { oidcHref } from "./oidc/links";
import { samlHref } from "./saml/links";
import type { Protocol } from "./types";

/** The settings page of the connection's protocol (where its test sign-in card is too). */
export function protocolHref(connectionId: string, protocol: Protocol): string {
  return protocol === "saml" ? samlHref(connectionId) : oidcHref(connectionId);
}

/** The protocol page's test sign-in card. */
export function testSignInCardHref(connectionId: string, protocol: Protocol): string {
  return `${protocolHref(connectionId, protocol)}#test-sign-in`;
}
