/**
 * What each role may do. Roles nest: owner ⊇ admin ⊇ member. Every
 * authorization check names grants, never roles, so this table is the one
 * place that decides who can do what.
 */
export type Role = "owner" | "admin" | "member";

export type Grant =
  | "group.read"
  | "group.manage"
  | "member.read"
  | "member.manage"
  | "project.read"
  | "project.write"
  | "project.archive"
  | "connection.create"
  | "connection.read"
  | "connection.manage"
  | "connection.protocol.manage"
  | "connection.policy.manage"
  | "connection.domain.manage"
  | "connection.scim.manage"
  | "connection.audit.read"
  | "connection.webhook.manage";

const MEMBER: Grant[] = ["group.read", "member.read", "project.read", "project.write"];

const ADMIN: Grant[] = [
  ...MEMBER,
  "member.manage",
  "project.archive",
  "connection.create",
  "connection.read",
  "connection.manage",
  "connection.protocol.manage",
  "connection.policy.manage",
  "connection.domain.manage",
  "connection.scim.manage",
  "connection.audit.read",
  "connection.webhook.manage",
];

// Only owners rename or delete the group and make or remove other owners.
const OWNER: Grant[] = [...ADMIN, "group.manage"];

export const ROLE_GRANTS: Record<Role, ReadonlySet<Grant>> = {
  owner: new Set(OWNER),
  admin: new Set(ADMIN),
  member: new Set(MEMBER),
};

export const ROLES: Role[] = ["owner", "admin", "member"];

export function roleHasGrants(role: Role, grants: readonly Grant[]): boolean {
  return grants.every((grant) => ROLE_GRANTS[role].has(grant));
}
