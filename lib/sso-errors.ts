/**
 * Why an SSO sign-in failed. The callback records the code in the audit log
 * (`login.failed`, reason) and sends the browser to `/sign-in?sso_error=<code>`,
 * where people read the message. Codes are stable; messages are for people
 * and never contain IdP data.
 */
export const SSO_ERRORS = {
  state_missing: "This sign-in link isn't valid. Start again from the sign-in page.",
  state_expired: "The sign-in took too long and expired. Please try again.",
  state_reused: "This sign-in was already used. Start again from the sign-in page.",
  connection_unavailable: "Single sign-on for your organization isn't available right now. Ask your administrator.",
  idp_error: "Your identity provider didn't complete the sign-in (it was cancelled or refused).",
  idp_unreachable: "We couldn't reach your identity provider. Please try again in a moment.",
  token_exchange_failed: "Your identity provider refused to finish the sign-in. Please try again.",
  id_token_invalid: "Your identity provider's answer failed our security checks. Ask your administrator to check the connection.",
  id_token_expired: "Your identity provider's answer had expired. Check your device's clock and try again.",
  response_too_large: "Your identity provider's answer was too large to accept. Ask your administrator to check the connection.",
  assertion_invalid: "Your identity provider's answer failed our security checks. Ask your administrator to check the connection.",
  assertion_expired: "Your identity provider's answer had expired or wasn't valid yet. Check your device's clock and try again.",
  assertion_replayed: "This sign-in was already used. Start again from the sign-in page.",
  idp_initiated_disabled: "Signing in from your identity provider's dashboard isn't turned on for this app. Start from the sign-in page instead.",
  profile_incomplete: "Your identity provider didn't send the details we need (such as your email address).",
  email_unverified: "Your identity provider hasn't verified your email address, so we can't match it to your account.",
  email_domain_not_allowed: "Your email address isn't on a domain your organization has verified for this sign-in.",
  link_refused: "An account with your email address already exists and your organization doesn't allow linking it to single sign-on.",
  user_creation_disabled: "You don't have an account yet, and your organization creates accounts through its directory. Ask your administrator.",
  user_deactivated: "Your account is deactivated. Ask your administrator.",
  member_suspended: "Your access to this organization is suspended. Ask your administrator.",
  not_a_member: "You're not a member of this organization yet. Ask your administrator for an invitation.",
  hook_refused: "Your sign-in was refused by your organization's rules.",
  internal_error: "Something went wrong on our side while signing you in. Please try again.",
  code_invalid: "This sign-in link was already used or has expired. Please sign in again.",
  rate_limited: "Too many sign-in attempts came from your network. Wait a few minutes, then try again.",
} as const;

export type SsoErrorCode = keyof typeof SSO_ERRORS;

export function isSsoErrorCode(value: unknown): value is SsoErrorCode {
  return typeof value === "string" && Object.hasOwn(SSO_ERRORS, value);
}

/** The message for a `sso_error` query parameter, or null when it is missing or unknown. */
export function ssoErrorMessage(value: string | string[] | null | undefined): string | null {
  return isSsoErrorCode(value) ? SSO_ERRORS[value] : null;
}
