import { createLocalJWKSet, createRemoteJWKSet, decodeJwt, jwtVerify, type JSONWebKeySet, type JWTPayload } from "jose";
import type { AuthConfig, AuthProviderConfig } from "../engine/app-modules";
import type { Identity } from "../engine/engine";

/**
 * Verifies client JWTs against the providers in `convex/auth.config.ts`, the
 * way a deployment does: OIDC providers (`domain` + `applicationID`) through
 * the issuer's openid-configuration and JWKS; `customJwt` providers through
 * their `jwks` URL (a `data:` URL included) and algorithm.
 */
export class AuthError extends Error {}

type KeySet = ReturnType<typeof createRemoteJWKSet>;

/** Standard claims and the UserIdentity fields they become. */
const IDENTITY_FIELDS: Record<string, string> = {
  name: "name",
  given_name: "givenName",
  family_name: "familyName",
  nickname: "nickname",
  preferred_username: "preferredUsername",
  profile: "profileUrl",
  picture: "pictureUrl",
  email: "email",
  email_verified: "emailVerified",
  gender: "gender",
  birthdate: "birthday",
  zoneinfo: "timezone",
  locale: "language",
  phone_number: "phoneNumber",
  phone_number_verified: "phoneNumberVerified",
  address: "address",
  updated_at: "updatedAt",
};
/** Claims about the token itself, not about the user. */
const TOKEN_CLAIMS = new Set(["iss", "sub", "aud", "exp", "iat", "nbf", "jti", "azp", "nonce", "auth_time"]);

export interface VerifiedToken {
  identity: Identity;
  /** Milliseconds since the epoch, or null for a token without `exp`. */
  expiresAt: number | null;
}

export class TokenVerifier {
  private keySets = new Map<string, Promise<KeySet>>();

  constructor(private readonly config: () => AuthConfig | null) {}

  /** Forget cached key sets, e.g. after `auth.config.ts` changed. */
  reset(): void {
    this.keySets.clear();
  }

  async verify(token: string): Promise<VerifiedToken> {
    let claims: JWTPayload;
    try {
      claims = decodeJwt(token);
    } catch {
      throw new AuthError("Could not parse the auth token: it is not a JWT.");
    }
    const provider = this.config()?.providers.find((p) => matches(p, claims));
    if (!provider) {
      throw new AuthError(
        `No auth provider found matching the given token (iss: ${JSON.stringify(claims.iss)}, aud: ${JSON.stringify(claims.aud)}). ` +
          "Check convex/auth.config.ts.",
      );
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, await this.keySetFor(provider), {
        issuer: claims.iss,
        ...(audienceOf(provider) ? { audience: audienceOf(provider) } : {}),
        ...(provider.type === "customJwt" ? { algorithms: [provider.algorithm] } : {}),
      }));
    } catch (error) {
      throw new AuthError(
        `Could not verify the auth token: ${(error as Error).message}. Check that the token signature is valid and the token hasn't expired.`,
      );
    }
    return { identity: identityFrom(payload), expiresAt: payload.exp ? payload.exp * 1000 : null };
  }

  private keySetFor(provider: AuthProviderConfig): Promise<KeySet> {
    const key = JSON.stringify(provider);
    let keySet = this.keySets.get(key);
    if (!keySet) {
      keySet = loadKeySet(provider);
      keySet.catch(() => this.keySets.delete(key));
      this.keySets.set(key, keySet);
    }
    return keySet;
  }
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

function audienceOf(provider: AuthProviderConfig): string | undefined {
  return provider.applicationID;
}

function matches(provider: AuthProviderConfig, claims: JWTPayload): boolean {
  if (typeof claims.iss !== "string") return false;
  const issuer = provider.type === "customJwt" ? provider.issuer : provider.domain;
  if (trimSlash(issuer) !== trimSlash(claims.iss)) return false;
  const audience = audienceOf(provider);
  if (!audience) return true;
  return Array.isArray(claims.aud) ? claims.aud.includes(audience) : claims.aud === audience;
}

async function loadKeySet(provider: AuthProviderConfig): Promise<KeySet> {
  if (provider.type === "customJwt") {
    if (provider.jwks.startsWith("data:")) {
      const body = await (await fetch(provider.jwks)).text();
      return createLocalJWKSet(JSON.parse(body) as JSONWebKeySet) as KeySet;
    }
    return createRemoteJWKSet(new URL(provider.jwks));
  }
  const discoveryUrl = `${trimSlash(provider.domain)}/.well-known/openid-configuration`;
  const response = await fetch(discoveryUrl);
  if (!response.ok) throw new AuthError(`Could not load ${discoveryUrl}: HTTP ${response.status}`);
  const { jwks_uri: jwksUri } = (await response.json()) as { jwks_uri?: string };
  if (!jwksUri) throw new AuthError(`${discoveryUrl} has no jwks_uri`);
  return createRemoteJWKSet(new URL(jwksUri));
}

function identityFrom(payload: JWTPayload): Identity {
  const identity: Record<string, unknown> = {
    subject: payload.sub,
    issuer: payload.iss,
    tokenIdentifier: `${payload.iss}|${payload.sub}`,
  };
  for (const [claim, value] of Object.entries(payload)) {
    if (TOKEN_CLAIMS.has(claim)) continue;
    identity[IDENTITY_FIELDS[claim] ?? claim] = value;
  }
  return identity as Identity;
}
