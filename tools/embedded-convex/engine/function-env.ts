import { existsSync, readFileSync } from "node:fs";
import { parseEnv } from "node:util";

/**
 * The environment Convex functions see: the deployment's variables (from the
 * env file, the embedded analogue of `npx convex env set`) plus
 * CONVEX_CLOUD_URL and CONVEX_SITE_URL. Functions read `process.env` at call
 * time, so the backend replaces the process environment with exactly this
 * and keeps its own settings elsewhere.
 */
export function readEnvFile(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  return parseEnv(readFileSync(file, "utf8")) as Record<string, string>;
}

export function applyFunctionEnv(vars: Record<string, string>, urls: { cloudUrl: string; siteUrl: string }): void {
  for (const name of Object.keys(process.env)) delete process.env[name];
  Object.assign(process.env, vars, { CONVEX_CLOUD_URL: urls.cloudUrl, CONVEX_SITE_URL: urls.siteUrl });
}
