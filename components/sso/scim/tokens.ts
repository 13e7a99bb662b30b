import type { ScimToken } from "./types";

/**
 * The SCIM bearer tokens as the console lists them, and the rotation choices.
 * The server lists the tokens that could authenticate when the query ran;
 * the live query doesn't re-run when an overlap window ends, so the list is
 * filtered again against the clock.
 */
const HOUR_SECONDS = 60 * 60;
const DAY_SECONDS = 24 * HOUR_SECONDS;

/** How long a rotated-out token keeps working (`setScim`'s `overlapSeconds`, at most 7 days). */
export const OVERLAP_CHOICES = [
  { value: "0", seconds: 0, label: "No", description: "It stops working at once: requests with it fail until the identity provider has the new token." },
  { value: "hour", seconds: HOUR_SECONDS, label: "For 1 hour", description: "Both tokens work meanwhile. Enough to paste the new one right away." },
  { value: "day", seconds: DAY_SECONDS, label: "For 1 day", description: "For when someone else updates the identity provider." },
  { value: "week", seconds: 7 * DAY_SECONDS, label: "For 7 days", description: "The longest overlap allowed." },
] as const;

export type OverlapChoice = (typeof OVERLAP_CHOICES)[number]["value"];

export function overlapSeconds(choice: OverlapChoice): number {
  return OVERLAP_CHOICES.find((candidate) => candidate.value === choice)!.seconds;
}

/** The prefix of the short-lived token the self-check issues itself (convex/engine/scim/selfCheck.ts). */
export const SELF_CHECK_PREFIX = "scim-self-check";

export type TokenRow = ScimToken & { key: string; kind: "current" | "outgoing" | "self-check" };

/** The tokens that still work at `now`, newest first, each marked current, outgoing (in its overlap window) or the self-check's. */
export function tokenRows(tokens: readonly ScimToken[], now: number): TokenRow[] {
  return tokens
    .filter((token) => token.expiresTime === null || token.expiresTime > now)
    .sort((a, b) => b.createdTime - a.createdTime)
    .map((token) => ({
      ...token,
      key: `${token.prefix}-${token.createdTime}`,
      kind: token.prefix === SELF_CHECK_PREFIX ? "self-check" : token.expiresTime === null ? "current" : "outgoing",
    }));
}

/** What a rotation did to the old token, for the new token's dialog. */
export function describeRotation(seconds: number): string {
  if (seconds <= 0) return "The old token no longer works: replace it in your identity provider now.";
  const choice = OVERLAP_CHOICES.find((candidate) => candidate.seconds === seconds);
  const span = choice ? choice.label.replace(/^For /, "") : `${Math.round(seconds / 60)} minutes`;
  return `The old token keeps working for ${span}. Replace it in your identity provider before then.`;
}
