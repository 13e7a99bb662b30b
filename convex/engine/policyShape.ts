import { v, type Infer } from "convex/values";
import { role } from "./validators";

/**
 * A group's SSO policy: how an identity from one of its connections becomes a
 * user and a member.
 *
 * - accountLinking: when an SSO identity meets an existing user with the same
 *   email — link if the IdP verified the email (`verifiedEmail`), never
 *   (`none`), or only to users this connection created (`sameConnection`).
 * - userCreation: who may create users — sign-in (`jit`), only SCIM (`scim`),
 *   or nobody (`none`: existing users only).
 * - profileAuthority: whose profile fields win on each sign-in (`idp` or `app`).
 * - scimReuse: SSO sign-in reuses the user SCIM provisioned for that identity.
 * - jit: add a signing-in user to the group (`on`) with `defaultRole`, or require
 *   an existing membership (`off`).
 * - roleMapping: IdP group/role values that set the member's role (first match wins).
 * - deprovision: when SCIM or the IdP removes someone — deactivate and keep data
 *   (`soft`) or remove their membership (`hard`).
 * - ssoEnforced: users on the group's verified domains must use SSO; with
 *   ownerBreakGlass, the group's owners may still use a password (audited).
 */
export const policyFields = {
  accountLinking: v.union(v.literal("verifiedEmail"), v.literal("none"), v.literal("sameConnection")),
  userCreation: v.union(v.literal("jit"), v.literal("scim"), v.literal("none")),
  profileAuthority: v.union(v.literal("idp"), v.literal("app")),
  scimReuse: v.boolean(),
  jit: v.object({ mode: v.union(v.literal("on"), v.literal("off")), defaultRole: role }),
  roleMapping: v.array(v.object({ source: v.union(v.literal("groups"), v.literal("roles")), value: v.string(), role })),
  deprovision: v.union(v.literal("soft"), v.literal("hard")),
  ssoEnforced: v.boolean(),
  ownerBreakGlass: v.boolean(),
};

export const policyValidator = v.object(policyFields);
export type Policy = Infer<typeof policyValidator>;

export const DEFAULT_POLICY: Policy = {
  accountLinking: "verifiedEmail",
  userCreation: "jit",
  profileAuthority: "idp",
  scimReuse: true,
  jit: { mode: "on", defaultRole: "member" },
  roleMapping: [],
  deprovision: "soft",
  ssoEnforced: false,
  ownerBreakGlass: true,
};
