import { readFile } from "node:fs/promises";
import path from "node:path";

/**
 * The embedded backend's admin key lets its holder call internal functions
 * (the dev outbox at /dev/outbox reads mail that way). The backend creates it
 * in `<dataDir>/../admin-key` (see tools/embedded-convex/backend.ts) before it
 * reports ready, and `npm run dev` passes it to `next dev` as CONVEX_ADMIN_KEY.
 */
export const ADMIN_KEY_ENV = "CONVEX_ADMIN_KEY";

export function adminKeyPath(repoRoot: string, dataDir: string): string {
  return path.resolve(repoRoot, dataDir, "..", "admin-key");
}

/** The key in `file`, or undefined when the file is missing or empty. */
export async function readAdminKey(file: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  return text.trim() || undefined;
}

/**
 * The environment for `next dev`: `env` with CONVEX_ADMIN_KEY set to `adminKey`,
 * or removed when there is none (so a key left in the shell never reaches a
 * real deployment's dev server by accident).
 */
export function withAdminKey<Env extends Record<string, string | undefined>>(env: Env, adminKey: string | undefined): Env {
  const result: Record<string, string | undefined> = { ...env };
  if (adminKey) result[ADMIN_KEY_ENV] = adminKey;
  else delete result[ADMIN_KEY_ENV];
  return result as Env;
}
