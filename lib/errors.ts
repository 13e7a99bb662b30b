/**
 * Reads the stable error code the Convex functions attach to failures.
 *
 * Calls through the Convex client throw a `ConvexError` whose `data` is
 * `{ code, message }`. Sign-in goes through the Next.js proxy, which forwards
 * only the error's text; that text contains the same JSON, so both shapes
 * yield `{ code, message }`.
 */
export interface AppError {
  code: string;
  message: string;
}

const FALLBACK: AppError = { code: "UNKNOWN", message: "Something went wrong. Try again." };

export function appError(error: unknown): AppError {
  const data = (error as { data?: unknown } | null)?.data;
  if (isAppError(data)) return data;
  const text = error instanceof Error ? error.message : typeof error === "string" ? error : "";
  const json = text.match(/\{"code":"[A-Z_]+".*?\}(?=\s|$)/s)?.[0] ?? text.match(/\{[^{}]*"code"[^{}]*\}/)?.[0];
  if (json) {
    try {
      const parsed: unknown = JSON.parse(json);
      if (isAppError(parsed)) return parsed;
    } catch {
      // not JSON after all
    }
  }
  return FALLBACK;
}

function isAppError(value: unknown): value is AppError {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as AppError).code === "string" &&
    typeof (value as AppError).message === "string"
  );
}
