import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { runInNewContext } from "node:vm";
import { gzipSync } from "node:zlib";
import { firstLoadFiles, isPage, urlOf, type ClientReferenceManifest } from "./firstLoad";
import { kb, type Report } from "./report";

/**
 * Page weight: a production `next build` (compile step) into its own
 * directory (never `.next` or `.next-e2e`, which running dev servers use), then every page's
 * first-load JavaScript (see firstLoad.ts) gzip-compressed at level 9.
 * Budgets: /sign-in ≤ 150 kB, each console route ≤ 250 kB.
 */
export const DIST_DIR = ".next-bench";
const BUILD_TIMEOUT_MS = 6 * 60 * 1000;
const SIGN_IN_BUDGET = 150_000;
const CONSOLE_BUDGET = 250_000;

export async function pageWeightSuite(report: Report, root: string): Promise<void> {
  await build(root);
  const dist = resolve(root, DIST_DIR);
  const { rootMainFiles } = JSON.parse(readFileSync(resolve(dist, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
  const appPaths = Object.keys(JSON.parse(readFileSync(resolve(dist, "server/app-paths-manifest.json"), "utf8")) as Record<string, string>).filter(isPage);
  const gzipped = new Map<string, number>();
  const gzipSize = (file: string) => {
    if (!gzipped.has(file)) gzipped.set(file, gzipSync(readFileSync(resolve(dist, file)), { level: 9 }).length);
    return gzipped.get(file)!;
  };
  // The floor under every page: Next.js's and React's runtime.
  const runtimeBytes = rootMainFiles.reduce((sum, file) => sum + gzipSize(file), 0);
  report.page({ route: "(runtime every page loads)", files: rootMainFiles.length, gzipBytes: runtimeBytes });
  for (const appPath of appPaths.sort()) {
    const files = firstLoadFiles(rootMainFiles, clientManifest(dist, appPath));
    const route = urlOf(appPath);
    const limitBytes = route === "/sign-in" ? SIGN_IN_BUDGET : appPath.startsWith("/(console)/") ? CONSOLE_BUDGET : undefined;
    const gzipBytes = files.reduce((sum, file) => sum + gzipSize(file), 0);
    report.page({ route, files: files.length, gzipBytes, limitBytes });
    if (limitBytes !== undefined && gzipBytes > limitBytes) {
      report.notes.push(`${route}: first-load JS ${kb(gzipBytes)} is over its ${kb(limitBytes)} budget; ${kb(runtimeBytes)} of it is the Next.js and React runtime every page loads, the rest the root layout's and the page's own client code.`);
    }
  }
}

/** The route's client reference manifest: a script that sets `globalThis.__RSC_MANIFEST[<appPath>]`. */
function clientManifest(dist: string, appPath: string): ClientReferenceManifest {
  const file = resolve(dist, `server/app${appPath}_client-reference-manifest.js`);
  const sandbox: { __RSC_MANIFEST?: Record<string, ClientReferenceManifest> } = {};
  runInNewContext(readFileSync(file, "utf8"), sandbox);
  const manifest = sandbox.__RSC_MANIFEST?.[appPath];
  if (!manifest) throw new Error(`${file} has no manifest for ${appPath}.`);
  return manifest;
}

/** `next build` into DIST_DIR, bounded in time. Next.js points next-env.d.ts at the build's types: it is put back as it was. */
async function build(root: string): Promise<void> {
  const nextEnv = resolve(root, "next-env.d.ts");
  const before = existsSync(nextEnv) ? readFileSync(nextEnv, "utf8") : null;
  const output: string[] = [];
  try {
    const code = await new Promise<number | null>((resolveExit, reject) => {
      // Compile only: the client bundles are all a weight needs; type checking is `npm test`'s job and prerendering needs a backend.
      const child = spawn(resolve(root, "node_modules/.bin/next"), ["build", "--experimental-build-mode=compile"], {
        cwd: root,
        env: { ...process.env, NEXT_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      const keep = (chunk: Buffer) => output.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      child.stdout.on("data", keep);
      child.stderr.on("data", keep);
      const timer = setTimeout(() => child.kill("SIGTERM"), BUILD_TIMEOUT_MS);
      child.on("error", reject);
      child.on("exit", (exitCode) => {
        clearTimeout(timer);
        resolveExit(exitCode);
      });
    });
    if (code !== 0) throw new Error(`next build failed (exit ${code}):\n${output.slice(-30).join("\n")}`);
  } finally {
    if (before === null) rmSync(nextEnv, { force: true });
    else writeFileSync(nextEnv, before);
  }
}
