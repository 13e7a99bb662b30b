import type { RefObject } from "react";
import * as z from "zod";

export type FieldErrors<Field extends string> = Partial<Record<Field, string>>;

/** The first message for each field of a failed zod parse. */
export function fieldErrorsOf<Field extends string>(error: z.ZodError): FieldErrors<Field> {
  const { fieldErrors } = z.flattenError(error);
  const result: FieldErrors<Field> = {};
  for (const [field, messages] of Object.entries(fieldErrors) as Array<[Field, string[] | undefined]>) {
    if (messages?.[0]) result[field] = messages[0];
  }
  return result;
}

/** Moves focus to the first field, in form order, that has an error. */
export function focusFirstInvalid<Field extends string>(
  order: readonly Field[],
  errors: FieldErrors<Field>,
  refs: Record<Field, RefObject<HTMLInputElement | null>>,
): void {
  const first = order.find((field) => errors[field]);
  if (first) refs[first].current?.focus();
}
