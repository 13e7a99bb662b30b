import type * as z from "zod";
import { fail } from "./errors";

/** Validates input with a shared zod schema; the first issue becomes an INVALID_INPUT error. */
export function parse<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) fail("INVALID_INPUT", result.error.issues[0]?.message ?? "Check the form and try again.");
  return result.data;
}
