/**
 * Where to send someone after they sign in. The target arrives in a
 * `redirectTo` query parameter anyone can craft, so only paths on this site
 * are followed: a value must start with exactly one `/`. `//evil.example` and
 * `/\evil.example` are protocol-relative URLs to browsers, and browsers drop
 * tabs and newlines from URLs (`/\t/evil.example` becomes `//evil.example`),
 * so those are refused too, and so is a value that turns into one of them
 * once percent-decoded (`/%2F%2Fevil.example`), in case some hop decodes twice.
 */
export const DEFAULT_AFTER_SIGN_IN = "/dashboard";

const MAX_LENGTH = 2048;
const PLACEHOLDER_ORIGIN = "http://redirect.invalid";

/** The path itself when it is safe to redirect to, otherwise `null` (also for a missing or repeated parameter). */
export function parseRedirectTo(value: string | string[] | null | undefined): string | null {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_LENGTH) return null;
  if (!isPathAbsolute(value) || !isPathAbsolute(decodedOnce(value))) return null;
  // Control characters (tab, newline, …), spaces and backslashes have no business in our own paths.
  if (/[\u0000-\u0020\u007f\\]/.test(value)) return null;
  // Belt and braces: whatever a URL parser makes of it must stay on this origin.
  try {
    if (new URL(value, PLACEHOLDER_ORIGIN).origin !== PLACEHOLDER_ORIGIN) return null;
  } catch {
    return null;
  }
  return value;
}

/** Starts with exactly one `/`, not followed by another slash or a backslash (which browsers read as a slash). */
function isPathAbsolute(value: string): boolean {
  return value.startsWith("/") && value[1] !== "/" && value[1] !== "\\";
}

/** The value percent-decoded once, as a URL parser then reads it (tabs and newlines dropped). */
function decodedOnce(value: string): string {
  try {
    return decodeURIComponent(value).replace(/[\t\n\r]/g, "");
  } catch {
    // Not valid percent-encoding: nothing will decode it, so the value stands as it is.
    return value;
  }
}

/** A safe `redirectTo`, or `fallback` (the dashboard unless told otherwise). */
export function safeRedirect(value: string | string[] | null | undefined, fallback = DEFAULT_AFTER_SIGN_IN): string {
  return parseRedirectTo(value) ?? fallback;
}

/** `path` with `?redirectTo=…` appended when there is a safe target to carry along. */
export function withRedirectTo(path: string, redirectTo: string | null | undefined): string {
  const target = parseRedirectTo(redirectTo);
  return target ? `${path}?${new URLSearchParams({ redirectTo: target })}` : path;
}
