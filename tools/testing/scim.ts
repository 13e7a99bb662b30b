/**
 * SCIM request bodies as the identity providers send them, shared by the
 * SCIM tests (convex/engine/scim/) and the benchmarks.
 */
export const ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

/** The resource Microsoft Entra ID POSTs to /Users. */
export const entraUser = (userName: string, externalId: string) => ({
  schemas: ["urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE_USER],
  externalId,
  userName,
  active: true,
  displayName: "Ada Lovelace",
  emails: [{ primary: true, type: "work", value: userName }],
  name: { givenName: "Ada", familyName: "Lovelace", formatted: "Ada Lovelace" },
  [ENTERPRISE_USER]: { employeeNumber: "701", department: "Engineering" },
});
