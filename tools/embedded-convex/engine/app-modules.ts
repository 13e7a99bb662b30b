import { readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { register } from "tsx/esm/api";

/**
 * One generation of the app's `convex/` folder, imported from source.
 *
 * Each generation imports into its own tsx namespace, so a reload re-evaluates
 * the whole import graph (a cache-busting query string would only reload the
 * top file). Which files count as function modules follows the Convex CLI:
 * JS/TS files outside `_generated`, no dotfiles, no `schema.ts`, no names with
 * several dots (`auth.config.ts`, `*.test.ts`) and no spaces.
 */
export interface AppModules {
  /** Function module paths, e.g. `messages`, `auth/group`. */
  modulePaths: string[];
  importModule(modulePath: string): Promise<Record<string, unknown>>;
  /** The exports of an already imported function module, or undefined. */
  exportsOf(modulePath: string): Record<string, unknown> | undefined;
  schema: unknown;
  authConfig: AuthConfig | null;
  cronJobs: Record<string, CronJob>;
  dispose(): Promise<void>;
}

export interface AuthConfig {
  providers: AuthProviderConfig[];
}

export type AuthProviderConfig =
  | { type?: undefined; domain: string; applicationID: string }
  | { type: "customJwt"; issuer: string; jwks: string; algorithm: string; applicationID?: string };

export interface CronJob {
  name: string;
  args: unknown[];
  schedule: CronSchedule;
}

export type CronSchedule =
  | { type: "interval"; seconds?: number; minutes?: number; hours?: number }
  | { type: "hourly"; minuteUTC?: number }
  | { type: "daily"; hourUTC: number; minuteUTC?: number }
  | { type: "weekly"; dayOfWeek: string; hourUTC: number; minuteUTC?: number }
  | { type: "monthly"; day: number; hourUTC: number; minuteUTC?: number }
  | { type: "cron"; cron: string };

const ENTRY_EXTENSIONS = [".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs"];

export function listFunctionModules(convexDir: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      const rel = relative(convexDir, full).split(sep).join("/");
      if (statSync(full).isDirectory()) {
        if (name !== "_generated" && name !== "node_modules" && !name.startsWith(".")) walk(full);
        continue;
      }
      const extension = ENTRY_EXTENSIONS.find((ext) => name.endsWith(ext));
      if (!extension) continue;
      if (name.startsWith(".") || name.startsWith("#") || rel.includes(" ")) continue;
      if (name === "schema.ts" || name === "schema.js") continue;
      if ((name.match(/\./g) ?? []).length > 1) continue;
      found.push(rel.slice(0, -extension.length));
    }
  };
  walk(convexDir);
  return found;
}

function findSourceFile(convexDir: string, modulePath: string): string | null {
  for (const ext of ENTRY_EXTENSIONS) {
    const candidate = join(convexDir, modulePath + ext);
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // try the next extension
    }
  }
  return null;
}

export async function loadAppModules(convexDir: string, generation: number): Promise<AppModules> {
  const api = register({ namespace: `embedded-convex-${generation}` });
  const importFile = async (file: string) =>
    (await api.import(pathToFileURL(file).href, import.meta.url)) as Record<string, unknown>;
  try {
    const modulePaths = listFunctionModules(convexDir);
    const modules = new Map<string, Record<string, unknown>>();
    // Import everything up front, as a push would: a broken module fails the
    // reload instead of the first request that happens to touch it.
    for (const modulePath of modulePaths) {
      modules.set(modulePath, await importFile(findSourceFile(convexDir, modulePath)!));
    }
    const schemaFile = findSourceFile(convexDir, "schema");
    const schema = schemaFile ? (await importFile(schemaFile)).default ?? null : null;
    const authFile = findSourceFile(convexDir, "auth.config");
    const authConfig = authFile ? ((await importFile(authFile)).default as AuthConfig) : null;
    const cronsModule = modules.get("crons")?.default as { crons?: Record<string, CronJob> } | undefined;
    return {
      modulePaths,
      async importModule(modulePath) {
        const mod = modules.get(modulePath);
        if (!mod) throw new Error(`Could not find module for: "${modulePath}"`);
        return mod;
      },
      exportsOf: (modulePath) => modules.get(modulePath),
      schema,
      authConfig,
      cronJobs: cronsModule?.crons ?? {},
      dispose: () => api.unregister(),
    };
  } catch (error) {
    await api.unregister();
    throw error;
  }
}
