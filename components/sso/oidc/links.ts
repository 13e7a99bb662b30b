import { connectionHref } from "@/components/sso/labels";

/** The connection's OpenID Connect settings page. */
export function oidcHref(connectionId: string): string {
  return `${connectionHref(connectionId)}/oidc`;
}
