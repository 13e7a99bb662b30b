import type { SetupScope } from "@/convex/engine/setupScope";

/**
 * How the console and the setup wizard name a setup link's scopes
 * (convex/engine/setupScope.ts; a type-only import keeps the engine on the server).
 */
export const SCOPE_ORDER: readonly SetupScope[] = ["sso", "domains", "scim"];

export const SCOPE_LABELS: Record<SetupScope, string> = {
  sso: "Single sign-on",
  domains: "Domains",
  scim: "Provisioning (SCIM)",
};

/** What the link's holder can do in that step. */
export const SCOPE_DESCRIPTIONS: Record<SetupScope, string> = {
  sso: "Configure the identity provider (SAML or OIDC), validate it and run a test sign-in.",
  domains: "Add the organization's email domains and verify them with a DNS TXT record.",
  scim: "Issue the SCIM token that lets the directory provision people.",
};
