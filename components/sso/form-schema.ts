import * as z from "zod";
import { MAX_URL_LENGTH } from "@/convex/engine/urlGuard";
import { parseLines, type LineRule } from "./key-value-lines";

/**
 * Pieces the protocol forms' zod schemas share (OpenID Connect, SAML): URL
 * and whole-number fields, `key=value` lines, and the step from zod issues
 * to one message per field. The server validates again and has the last word.
 */

/** Why `value` can't be an http(s) URL the server could fetch, or null. */
export function urlProblem(value: string): string | null {
  if (/[{}]/.test(value)) return "Replace the {…} parts with your own values.";
  if (value.length > MAX_URL_LENGTH) return `Use a URL of at most ${MAX_URL_LENGTH} characters.`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "Enter a full URL, like https://idp.example.com.";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "The URL must start with https://.";
  if (url.username || url.password) return "Leave user names and passwords out of the URL.";
  return null;
}

/** A URL field: empty is fine unless `required`; `problem` adds a check of its own. */
export function urlField(what: string, { required, problem }: { required: boolean; problem?: (value: string) => string | null }) {
  return z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      if (value === "") {
        if (required) ctx.addIssue({ code: "custom", message: `Enter the ${what}.` });
        return;
      }
      const message = urlProblem(value) ?? problem?.(value);
      if (message) ctx.addIssue({ code: "custom", message });
    });
}

/** `key=value` lines into a record, or an issue naming the offending line. */
export function linesField(rule: LineRule) {
  return z.string().transform((text, ctx) => {
    const parsed = parseLines(text, rule);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: parsed.message });
      return z.NEVER;
    }
    return parsed.value;
  });
}

/** A whole number typed into a text field, from `min` to `max`; `message` when it isn't one. */
export function wholeNumberField(min: number, max: number, message: string) {
  return z
    .string()
    .trim()
    .transform((value, ctx) => {
      const number = Number(value);
      if (value === "" || !Number.isInteger(number) || number < min || number > max) {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return number;
    });
}

/** The first message for each top-level field with a problem. */
export function fieldErrors<Field extends string>(issues: readonly z.core.$ZodIssue[]): Partial<Record<Field, string>> {
  const errors: Partial<Record<Field, string>> = {};
  for (const issue of issues) {
    const field = issue.path[0] as Field | undefined;
    if (field && !errors[field]) errors[field] = issue.message;
  }
  return errors;
}

/** An empty optional field is left out of the payload. */
export function optional(value: string): string | undefined {
  return value === "" ? undefined : value;
}

export function optionalRecord(record: Record<string, string>): Record<string, string> | undefined {
  return Object.keys(record).length > 0 ? record : undefined;
}
