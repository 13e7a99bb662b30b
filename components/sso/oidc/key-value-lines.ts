/**
 * The form's multi-line fields, one `key=value` per line (authorization
 * parameters, extra profile fields): parsed into records, or a message naming
 * the offending line. Limits are the server's (lib/validation/oidc.ts), so
 * they show on the field.
 */
import { EXTRA_FIELD_NAME, OIDC_LIMITS, PARAM_NAME, RESERVED_AUTHORIZATION_PARAMS } from "@/lib/validation/oidc";

export const MAX_CLAIM_LENGTH = OIDC_LIMITS.maxClaimLength;

export type LineRule = {
  /** "parameter", "field": for messages. */
  what: string;
  /** At most this many lines with an entry. */
  max: number;
  /** "key=value", "field=claim": the expected shape, for messages. */
  shape: string;
  /** Why a key is refused, or null. */
  keyProblem: (key: string) => string | null;
  valueProblem: (value: string) => string | null;
};

/**
 * `key=value` lines (blank lines ignored) into a record, or the first
 * problem, naming its line. Only the first `=` splits, so values may hold one.
 */
export function parseLines(text: string, rule: LineRule): { ok: true; value: Record<string, string> } | { ok: false; message: string } {
  const value: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === "") continue;
    const at = `Line ${index + 1}`;
    const separator = line.indexOf("=");
    if (separator <= 0) return { ok: false, message: `${at}: write it as ${rule.shape}.` };
    const key = line.slice(0, separator).trim();
    const entry = line.slice(separator + 1).trim();
    const keyProblem = rule.keyProblem(key);
    if (keyProblem) return { ok: false, message: `${at}: ${keyProblem}` };
    const valueProblem = rule.valueProblem(entry);
    if (valueProblem) return { ok: false, message: `${at}: ${valueProblem}` };
    if (Object.hasOwn(value, key)) return { ok: false, message: `${at}: the ${rule.what} ${key} is already set above.` };
    if (Object.keys(value).length === rule.max) return { ok: false, message: `Use at most ${rule.max} lines.` };
    value[key] = entry;
  }
  return { ok: true, value };
}

export const AUTHORIZATION_PARAM_RULE: LineRule = {
  what: "parameter",
  max: OIDC_LIMITS.maxAuthorizationParams,
  shape: "key=value",
  keyProblem: (key) =>
    !PARAM_NAME.test(key)
      ? `“${key}” isn't a valid parameter name (letters, digits, _ . - only).`
      : RESERVED_AUTHORIZATION_PARAMS.has(key.toLowerCase())
        ? `${key} is set by the sign-in flow itself.`
        : null,
  valueProblem: (value) =>
    value === ""
      ? "give the parameter a value after the =."
      : value.length > OIDC_LIMITS.maxParamValueLength
        ? `use at most ${OIDC_LIMITS.maxParamValueLength} characters for the value.`
        : null,
};

export const EXTRA_FIELD_RULE: LineRule = {
  what: "field",
  max: OIDC_LIMITS.maxExtraFields,
  shape: "field=claim",
  keyProblem: (key) =>
    EXTRA_FIELD_NAME.test(key) ? null : `“${key}” isn't a valid field name (a letter, then letters, digits or _).`,
  valueProblem: (value) =>
    value === ""
      ? "name the claim after the =."
      : /\s/.test(value)
        ? "a claim name has no spaces."
        : value.length > MAX_CLAIM_LENGTH
          ? `use at most ${MAX_CLAIM_LENGTH} characters for the claim.`
          : null,
};
