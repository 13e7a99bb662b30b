import { connectionHref } from "@/components/sso/labels";

/** The connection's SAML settings page. */
export function samlHref(connectionId: string): string {
  return `${connectionHref(connectionId)}/saml`;
}
