import { v, type Infer } from "convex/values";
import { normalizeEmail } from "./email";

/**
 * The normalized profile: what every protocol (OIDC claims, SAML attributes,
 * SCIM resources) is reduced to before policy decides what happens. Values
 * are bounded here, so one oversized claim can't bloat a user document.
 */
export const extraValue = v.union(v.string(), v.number(), v.boolean(), v.null());

export const normalizedProfile = v.object({
  subject: v.string(),
  email: v.optional(v.string()),
  emailVerified: v.boolean(),
  name: v.optional(v.string()),
  groups: v.array(v.string()),
  roles: v.array(v.string()),
  extra: v.record(v.string(), extraValue),
});

export type NormalizedProfile = Infer<typeof normalizedProfile>;

export interface ProfileMapping {
  subject?: string;
  email: string;
  name?: string;
  groups?: string;
  roles?: string;
}

const MAX_VALUES = 200;
const MAX_VALUE_LENGTH = 256;
const MAX_EXTRA_LENGTH = 1024;

export type MappingResult = { ok: true; profile: NormalizedProfile } | { ok: false; message: string };

/**
 * Reads a claim by name. An exact key wins, since namespaced claims
 * (`https://example.com/roles`) contain dots; otherwise dots walk into nested
 * objects (`realm_access.roles`).
 */
export function readClaim(claims: Record<string, unknown>, path: string): unknown {
  if (Object.hasOwn(claims, path)) return claims[path];
  let current: unknown = claims;
  for (const part of path.split(".")) {
    if (typeof current !== "object" || current === null || Array.isArray(current) || !Object.hasOwn(current, part)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

export function mapClaims(
  claims: Record<string, unknown>,
  mapping: ProfileMapping,
  extraFields: Record<string, string> = {},
): MappingResult {
  const subject = readClaim(claims, mapping.subject ?? "sub");
  if (typeof subject !== "string" || subject.length === 0 || subject.length > MAX_VALUE_LENGTH) {
    return { ok: false, message: `The "${mapping.subject ?? "sub"}" claim (the user's identifier) is missing or invalid.` };
  }
  const rawEmail = readClaim(claims, mapping.email);
  let email: string | undefined;
  if (rawEmail !== undefined) {
    if (typeof rawEmail !== "string" || !isEmail(normalizeEmail(rawEmail))) {
      return { ok: false, message: `The "${mapping.email}" claim is not an email address.` };
    }
    email = normalizeEmail(rawEmail);
  }
  const name = mapping.name ? text(readClaim(claims, mapping.name)) : undefined;
  const extra: NormalizedProfile["extra"] = {};
  for (const [field, path] of Object.entries(extraFields)) {
    const value = scalar(readClaim(claims, path));
    if (value !== undefined) extra[field] = value;
  }
  return {
    ok: true,
    profile: {
      subject,
      email,
      emailVerified: email !== undefined && isTrue(claims.email_verified),
      name,
      groups: mapping.groups ? list(readClaim(claims, mapping.groups)) : [],
      roles: mapping.roles ? list(readClaim(claims, mapping.roles)) : [],
      extra,
    },
  };
}

function isEmail(value: string): boolean {
  return value.length <= 254 && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value);
}

// Some IdPs send booleans as strings.
function isTrue(value: unknown): boolean {
  return value === true || value === "true";
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim().length > 0 ? value.trim().slice(0, MAX_VALUE_LENGTH) : undefined;
}

/** A claim that may be one value or many (IdPs differ), as a bounded list of strings. */
function list(value: unknown): string[] {
  const values = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return values
    .filter((item): item is string | number => typeof item === "string" || typeof item === "number")
    .map((item) => String(item).slice(0, MAX_VALUE_LENGTH))
    .slice(0, MAX_VALUES);
}

function scalar(value: unknown): NormalizedProfile["extra"][string] | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value))) return value;
  const serialized = typeof value === "string" ? value : JSON.stringify(value);
  return serialized.slice(0, MAX_EXTRA_LENGTH);
}
