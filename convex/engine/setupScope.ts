import { v, type Infer } from "convex/values";

/**
 * What a setup link lets its holder set up on its one connection, in the
 * order the wizard takes them:
 *
 * - `sso`: the connection's OIDC or SAML settings, validating them, test
 *   sign-ins, and reading the values to give the identity provider;
 * - `scim`: issuing the SCIM bearer token and reading SCIM's status;
 * - `domains`: adding the connection's email domains and verifying them by DNS.
 *
 * Nothing else: no other connection, no members, policy, audit or webhooks.
 */
export const SETUP_SCOPES = ["sso", "domains", "scim"] as const;

export const setupScope = v.union(v.literal("sso"), v.literal("scim"), v.literal("domains"));

export type SetupScope = Infer<typeof setupScope>;

/** How long a link works: 7 days unless the admin picks otherwise, from 1 hour to 30 days. */
export const SETUP_LINK_TTL_HOURS = { default: 7 * 24, min: 1, max: 30 * 24 } as const;
