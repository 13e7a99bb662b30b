/** Emails are compared and stored trimmed and lower-cased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The domain part of a normalized email. */
export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf("@") + 1);
}
