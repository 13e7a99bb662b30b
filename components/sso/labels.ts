import type { ConnectionStatus, DomainStatus, Protocol } from "./types";

export const PROTOCOL_SHORT: Record<Protocol, string> = { oidc: "OIDC", saml: "SAML" };
export const PROTOCOL_LABELS: Record<Protocol, string> = { oidc: "OpenID Connect", saml: "SAML" };
/** The full name with its abbreviation, where they differ: "OpenID Connect (OIDC)", "SAML". */
export const PROTOCOL_NAMES: Record<Protocol, string> = { oidc: "OpenID Connect (OIDC)", saml: "SAML 2.0" };

export const CONNECTION_STATUS_LABELS: Record<ConnectionStatus, string> = {
  draft: "Draft",
  active: "Active",
  disabled: "Disabled",
};

export const DOMAIN_STATUS_LABELS: Record<DomainStatus, string> = {
  pending: "Pending",
  verified: "Verified",
  expired: "Expired",
  failed: "Failed",
};

/** The console's URLs for a connection and its tabs. */
export function connectionHref(connectionId: string, tab?: "domains" | "webhooks"): string {
  const base = `/settings/connections/${encodeURIComponent(connectionId)}`;
  return tab ? `${base}/${tab}` : base;
}
