import type { Doc } from "../../_generated/dataModel";
import { normalizeEmail } from "../email";
import { ScimError } from "./errors";

/**
 * SCIM User and Group resources: how a stored row is shown (with `id` and
 * `meta`), how an incoming resource is read (with the IdPs' quirks: Entra ID
 * sends booleans as "True"/"False"), and `attributes`/`excludedAttributes`.
 */
export const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
export const GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const ENTERPRISE_SCHEMA = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
export const LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

export type Json = Record<string, unknown>;

/** "True"/"False" (any case) as booleans, deep: what Entra ID sends for `active` and `primary`. */
export function normalizeBooleans(value: unknown): unknown {
  if (typeof value === "string" && /^(true|false)$/i.test(value)) return value.toLowerCase() === "true";
  if (Array.isArray(value)) return value.map(normalizeBooleans);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, normalizeBooleans(inner)]));
  return value;
}

/** What the app needs from a User resource; refuses one without a userName. */
export function readUser(resource: Json) {
  const userName = resource.userName;
  if (typeof userName !== "string" || userName.trim().length === 0 || userName.length > 256) throw new ScimError(400, "userName is required (a string of at most 256 characters).", "invalidValue");
  const externalId = resource.externalId;
  if (externalId !== undefined && (typeof externalId !== "string" || externalId.length > 256)) throw new ScimError(400, "externalId must be a string of at most 256 characters.", "invalidValue");
  const active = resource.active === undefined ? true : resource.active;
  if (typeof active !== "boolean") throw new ScimError(400, "active must be a boolean.", "invalidValue");
  return { userName: userName.trim(), externalId: externalId as string | undefined, active, email: primaryEmail(resource, userName), name: displayNameOf(resource) };
}

function primaryEmail(resource: Json, userName: string): string | undefined {
  const emails = Array.isArray(resource.emails) ? (resource.emails as Json[]) : [];
  const chosen = emails.find((email) => email.primary === true) ?? emails.find((email) => email.type === "work") ?? emails[0];
  const value = typeof chosen?.value === "string" ? chosen.value : userName.includes("@") ? userName : undefined;
  return value ? normalizeEmail(value) : undefined;
}

function displayNameOf(resource: Json): string | undefined {
  if (typeof resource.displayName === "string" && resource.displayName.trim()) return resource.displayName.trim();
  const name = resource.name as Json | undefined;
  if (typeof name?.formatted === "string" && name.formatted.trim()) return name.formatted.trim();
  const parts = [name?.givenName, name?.familyName].filter((part): part is string => typeof part === "string" && part.trim().length > 0);
  return parts.length > 0 ? parts.join(" ") : undefined;
}

export function readGroup(resource: Json) {
  const displayName = resource.displayName;
  if (typeof displayName !== "string" || displayName.trim().length === 0 || displayName.length > 256) throw new ScimError(400, "displayName is required (a string of at most 256 characters).", "invalidValue");
  const externalId = resource.externalId;
  if (externalId !== undefined && typeof externalId !== "string") throw new ScimError(400, "externalId must be a string.", "invalidValue");
  const members = resource.members === undefined ? [] : resource.members;
  if (!Array.isArray(members) || members.some((member) => typeof (member as Json)?.value !== "string")) throw new ScimError(400, "members must be a list of { value: <user id> }.", "invalidValue");
  return { displayName: displayName.trim(), externalId: externalId as string | undefined, memberIds: (members as Json[]).map((member) => member.value as string) };
}

function meta(resourceType: "User" | "Group", row: { _creationTime: number; lastModifiedTime: number; version: number }, location: string) {
  return { resourceType, created: new Date(row._creationTime).toISOString(), lastModified: new Date(row.lastModifiedTime).toISOString(), location, version: `W/"${row.version}"` };
}

export function userResource(row: Doc<"scimUsers">, baseUrl: string): Json {
  const stored = JSON.parse(row.resource) as Json;
  return { ...stored, schemas: stored.schemas ?? [USER_SCHEMA], id: row._id, userName: stored.userName, active: row.active, meta: meta("User", row, `${baseUrl}/Users/${row._id}`) };
}

export function groupResource(row: Doc<"scimGroups">, members: Array<{ value: string; display?: string }>, baseUrl: string): Json {
  return {
    schemas: [GROUP_SCHEMA],
    id: row._id,
    displayName: row.displayName,
    ...(row.externalId ? { externalId: row.externalId } : {}),
    members: members.map((member) => ({ ...member, $ref: `${baseUrl}/Users/${member.value}` })),
    meta: meta("Group", row, `${baseUrl}/Groups/${row._id}`),
  };
}

/** RFC 7644 §3.9: `attributes` keeps only those (plus id, schemas, meta); `excludedAttributes` drops those. */
export function project(resource: Json, attributes?: string, excluded?: string): Json {
  const names = (list?: string) => (list ? list.split(",").map((name) => name.trim().split(".")[0]!.toLowerCase()).filter(Boolean) : null);
  const keep = names(attributes);
  const drop = names(excluded);
  const always = new Set(["id", "schemas", "meta"]);
  return Object.fromEntries(
    Object.entries(resource).filter(([key]) => always.has(key) || ((!keep || keep.includes(key.toLowerCase())) && !drop?.includes(key.toLowerCase()))),
  );
}
