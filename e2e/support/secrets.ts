import { appendFileSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

/**
 * The secrets the journeys handle, gathered for the check at the end of the
 * run (e2e/log-scan.spec.ts) that none of them reached the stack's output:
 * client secrets and SP keys typed into forms, SCIM and webhook secrets
 * shown once, setup-link and invitation tokens, passwords and email codes,
 * OIDC codes and states, SAMLResponses, sso_codes, session JWTs and refresh
 * tokens. The fixture in fixtures.ts records them from the browser's own
 * traffic (URLs, form posts, the Convex WebSocket, cookies), so a journey
 * records what it used without saying so; `recordSecret` is for values a
 * journey sends outside the browser.
 *
 * Both files are git-ignored (test-results/), apart from test-results/e2e,
 * which Playwright empties on every run.
 */
const LOG_DIR = path.resolve(import.meta.dirname, "../../test-results/e2e-logs");
/** Where `npm run dev` writes everything it prints during the run (DEV_LOG_FILE, set in playwright.config.ts). */
export const DEV_LOG_FILE = path.join(LOG_DIR, "dev.log");
const SECRETS_FILE = path.join(LOG_DIR, "secrets.jsonl");

export interface RecordedSecret {
  label: string;
  value: string;
}

/** Object keys whose string values are credentials, in the app's RPC, its URLs and its form posts. */
const SECRET_KEYS = new Set(["secret", "signingKey", "encryptionKey", "token", "refreshToken", "password", "code", "sso_code", "state", "test", "SAMLResponse", "RelayState"]);
/** Paths that carry a token: setup links and invitations. */
const TOKEN_PATH = /^\/(?:setup|invite)\/([\w-]{20,})/;

/**
 * Whether a value can be a secret rather than a word or a placeholder: error
 * codes ("INVALID_CODE"), states ("accepted") and a deliberately wrong code
 * ("00000000", which ids contain) are not; random tokens are long, codes and
 * the tests' passwords have digits, and both have varied characters.
 */
function secretLike(value: string): boolean {
  return value.length >= 8 && (value.length >= 20 || /\d/.test(value)) && !/^[A-Z_]+$/.test(value) && new Set(value).size >= 4;
}

export function recordSecret(label: string, value: string | null | undefined): void {
  if (!value || !secretLike(value)) return;
  mkdirSync(LOG_DIR, { recursive: true });
  appendFileSync(SECRETS_FILE, `${JSON.stringify({ label, value } satisfies RecordedSecret)}\n`);
}

/** The secrets in parsed JSON (RPC arguments and results), by the keys that hold them. */
export function recordFromJson(label: string, value: unknown, key = ""): void {
  if (typeof value === "string") {
    if (SECRET_KEYS.has(key)) recordSecret(`${label} ${key}`, value);
    if (key === "url") recordFromUrl(label, value);
  } else if (Array.isArray(value)) {
    for (const item of value) recordFromJson(label, item, key);
  } else if (typeof value === "object" && value !== null) {
    for (const [name, item] of Object.entries(value)) recordFromJson(label, item, name);
  }
}

export function recordFromUrl(label: string, url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url, "http://relative.invalid");
  } catch {
    return;
  }
  for (const [key, value] of parsed.searchParams) if (SECRET_KEYS.has(key)) recordSecret(`${label} ?${key}`, value);
  recordSecret(`${label} path token`, TOKEN_PATH.exec(parsed.pathname)?.[1]);
}

/** A request body: a form post (SAMLResponse, RelayState) or JSON (the sign-in proxy's arguments). */
export function recordFromBody(label: string, body: string | null, contentType: string | undefined): void {
  if (!body) return;
  if (contentType?.includes("application/x-www-form-urlencoded")) {
    for (const [key, value] of new URLSearchParams(body)) if (SECRET_KEYS.has(key)) recordSecret(`${label} ${key}`, value);
  } else {
    recordFromJson(label, parseJson(body));
  }
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function readRecordedSecrets(): RecordedSecret[] {
  let text = "";
  try {
    text = readFileSync(SECRETS_FILE, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  return text
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as RecordedSecret);
}

/** At the start of a run (global-setup.ts): a run checks only the secrets it used. */
export function clearRecordedSecrets(): void {
  rmSync(SECRETS_FILE, { force: true });
}
