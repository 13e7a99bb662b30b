import type * as z from "zod";
import { fail } from "./errors";

/**
 * Validates input with a shared zod schema; the first issue becomes an
 * INVALID_INPUT error. With `nameField`, the message starts with the field's
 * path (`client.id: …`), for nested API payloads where the form isn't ours.
 */
export function parse<T extends z.ZodType>(schema: T, input: unknown, { nameField = false } = {}): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    const message = issue?.message ?? "Check the form and try again.";
    fail("INVALID_INPUT", nameField && issue && issue.path.length > 0 ? `${issue.path.join(".")}: ${message}` : message);
  }
  return result.data;
}

/** The object without its undefined fields (Convex refuses `undefined` values in documents). */
export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
