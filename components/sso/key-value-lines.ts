/**
 * The settings forms' multi-line fields, one `key=value` per line (OIDC
 * authorization parameters, extra profile fields of either protocol): parsed
 * into records, or a message naming the offending line.
 */
import { EXTRA_FIELD_NAME } from "@/lib/validation/oidc";

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

/** A record as the lines `parseLines` reads back. */
export function formatLines(record: Record<string, string> | undefined): string {
  return Object.entries(record ?? {})
    .map(([key, value]) => `${key}=${value}`)
    .join("\n");
}

/** The lines trimmed, blank ones dropped: what counts as a change. */
export function normalizeLines(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .join("\n");
}

/**
 * Extra profile fields, `field=<source>` per line: the field is an
 * identifier (it is stored as a key); the source is a claim (OIDC) or an
 * attribute (SAML), within the protocol's limits.
 */
export function extraFieldRule({ source, max, maxLength, spaces }: { source: "claim" | "attribute"; max: number; maxLength: number; spaces: boolean }): LineRule {
  return {
    what: "field",
    max,
    shape: `field=${source}`,
    keyProblem: (key) =>
      EXTRA_FIELD_NAME.test(key) ? null : `“${key}” isn't a valid field name (a letter, then letters, digits or _).`,
    valueProblem: (value) =>
      value === ""
        ? `name the ${source} after the =.`
        : !spaces && /\s/.test(value)
          ? `a ${source} name has no spaces.`
          : value.length > maxLength
            ? `use at most ${maxLength} characters for the ${source}.`
            : null,
  };
}
