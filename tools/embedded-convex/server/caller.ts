import { timingSafeEqual } from "node:crypto";
import type { Identity } from "../engine/engine";
import { AuthError, type TokenVerifier } from "./token-verifier";

/** Who is calling: a user identity from a verified JWT, an admin, or nobody. */
export interface Caller {
  identity: Identity | null;
  admin: boolean;
  expiresAt: number | null;
}

export const ANONYMOUS: Caller = { identity: null, admin: false, expiresAt: null };

export function isAdminKey(candidate: string, adminKey: string): boolean {
  const a = Buffer.from(candidate);
  const b = Buffer.from(adminKey);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Admin credentials are `<adminKey>` or `<adminKey>:<base64 JSON identity>`
 * (ConvexHttpClient.setAdminAuth's "acting as" form).
 */
export function adminCaller(value: string, adminKey: string): Caller {
  const [key = "", actingAs] = value.split(":");
  if (!isAdminKey(key, adminKey)) throw new AuthError("The admin key is invalid.");
  let identity: Identity | null = null;
  if (actingAs) {
    try {
      identity = JSON.parse(Buffer.from(actingAs, "base64").toString("utf8")) as Identity;
    } catch {
      throw new AuthError("The acting-as identity is not valid base64 JSON.");
    }
  }
  return { identity, admin: true, expiresAt: null };
}

/** Resolves an `Authorization` header (`Bearer <jwt>` or `Convex <admin key>`). */
export async function callerFromHeader(
  header: string | undefined,
  verifier: TokenVerifier,
  adminKey: string,
): Promise<Caller> {
  if (!header) return ANONYMOUS;
  const [scheme, value] = header.split(" ", 2);
  if (scheme === "Bearer" && value) {
    const { identity, expiresAt } = await verifier.verify(value);
    return { identity, admin: false, expiresAt };
  }
  if (scheme === "Convex" && value) return adminCaller(value, adminKey);
  throw new AuthError('The Authorization header must be "Bearer <token>" or "Convex <admin key>".');
}
