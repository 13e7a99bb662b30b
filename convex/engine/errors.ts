import { ConvexError } from "convex/values";

/**
 * Every failure a caller should handle has a stable code. Functions throw
 * `ConvexError({ code, message })`; the UI switches on `code` (see
 * lib/errors.ts) and shows `message` to people.
 */
export type ErrorCode =
  /** No session, an ended session, or a deactivated user. */
  | "NOT_SIGNED_IN"
  /** Signed in, but not allowed; says nothing about whether the resource exists. */
  | "FORBIDDEN"
  /** Input failed validation; nothing was changed. */
  | "INVALID_INPUT"
  /** Too many attempts; retry later. */
  | "RATE_LIMITED"
  /** The email's domain signs in with SSO, not a password. */
  | "SSO_REQUIRED"
  /** Wrong email or password (deliberately not saying which). */
  | "INVALID_CREDENTIALS"
  /** A verification code that is wrong, used or expired. */
  | "INVALID_CODE"
  /** The invitation link is unknown, expired, revoked or already used. */
  | "INVITE_INVALID"
  /** The invitation was sent to another email address. */
  | "INVITE_EMAIL_MISMATCH"
  /** The user is already a member of that group. */
  | "DUPLICATE_MEMBERSHIP"
  /** A pending invitation for that email already exists. */
  | "DUPLICATE_INVITE"
  /** The change would leave a group without an owner. */
  | "LAST_OWNER"
  /** A group slug that is taken. */
  | "SLUG_TAKEN"
  /** The record does not exist (only where existence is not a secret). */
  | "NOT_FOUND"
  /** The domain belongs to another connection (possibly of another group). */
  | "DOMAIN_TAKEN"
  /** The connection cannot be activated yet; the status lists what is missing. */
  | "NOT_READY"
  /** The feature exists in the API but is not set up in this version yet. */
  | "NOT_AVAILABLE"
  /** A URL the server would fetch or post to is not allowed (scheme, host, private address). */
  | "INVALID_URL"
  /** A setup link's token is unknown (mistyped, cut short, or its connection is gone). */
  | "SETUP_LINK_INVALID"
  /** A setup link past its expiry: the group's admin can create a new one. */
  | "SETUP_LINK_EXPIRED"
  /** A setup link the group's admin revoked. */
  | "SETUP_LINK_REVOKED";

export type ErrorData = {
  code: ErrorCode;
  message: string;
};

export function fail(code: ErrorCode, message: string): never {
  throw new ConvexError<ErrorData>({ code, message });
}
