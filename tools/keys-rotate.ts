/**
 * `npm run keys:rotate` — re-seals every secret at rest (OIDC client secrets,
 * SAML SP private keys, webhook signing secrets) with the current encryption
 * key, by running the internal action `engine/secretRotation:rotate`
 * (convex/engine/secretRotation.ts) on the configured deployment.
 *
 * Rotating the key, without downtime:
 *
 *   1. Make a new key:            npm run keys:rotate -- --new-key k2
 *                                 (prints `k2:<32 random bytes, base64>`; changes nothing)
 *   2. Put it FIRST in ENCRYPTION_KEYS and keep the old one after it, e.g.
 *      ENCRYPTION_KEYS="k2:…,k1:…" — new values are sealed with k2, old ones
 *      still open with k1:
 *        Convex deployment:       npx convex env set ENCRYPTION_KEYS 'k2:…,k1:…'
 *        embedded backend:        edit .env.convex.local (the running backend reloads it)
 *   3. Re-seal everything:        npm run keys:rotate
 *      It prints what it found by key id, how many it re-sealed, and how many
 *      no listed key opens. It is idempotent: run it again until it says
 *      nothing is left under the old key.
 *   4. Drop the old key from ENCRYPTION_KEYS.
 *
 * Which deployment: the one `npm run dev` would use. A configured Convex
 * deployment (CONVEX_DEPLOYMENT, CONVEX_SELF_HOSTED_URL, or a non-local
 * NEXT_PUBLIC_CONVEX_URL) is reached through `npx convex run`, with your
 * Convex credentials; otherwise the local embedded backend (start
 * `npm run dev` first), with the admin key it keeps beside its data
 * (CONVEX_LOCAL_PORT / CONVEX_LOCAL_DATA_DIR as for `npm run dev`).
 *
 *   --batch-size <n>   documents per mutation (default 50, at most 500)
 *   --new-key <id>     print a new key entry and exit
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { parseArgs } from "node:util";
import { runWithAdminKey } from "./dev/admin-call";
import { adminKeyPath, readAdminKey } from "./dev/admin-key";
import { detectDeployment } from "./dev/deployment";
import { readEnvFile } from "./dev/env-file";
import { readDevSettings } from "./dev/settings";

const repoRoot = path.resolve(import.meta.dirname, "..");
const FUNCTION = "engine/secretRotation:rotate";
// A large deployment takes a while: each batch is its own mutation.
const TIMEOUT_MS = 10 * 60 * 1000;

interface RotationReport {
  keyId: string;
  found: Record<string, number>;
  resealed: number;
  unreadable: number;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { "batch-size": { type: "string" }, "new-key": { type: "string" } }, strict: true });
  if (values["new-key"] !== undefined) {
    if (!/^[\w-]+$/.test(values["new-key"])) throw new Error("A key id is letters, digits, - and _ (it is stored beside each sealed value).");
    console.log(`${values["new-key"]}:${randomBytes(32).toString("base64")}`);
    return 0;
  }
  const args = values["batch-size"] === undefined ? {} : { batchSize: Number(values["batch-size"]) };
  if (args.batchSize !== undefined && !(Number.isInteger(args.batchSize) && args.batchSize > 0)) throw new Error("--batch-size must be a positive whole number.");

  const deployment = detectDeployment(process.env, (await readEnvFile(path.join(repoRoot, ".env.local"))).values);
  if (deployment.kind === "real") {
    console.log(`Rotating on your Convex deployment (${deployment.reason}) with npx convex run…`);
    return await runConvexCli(["run", FUNCTION, JSON.stringify(args)]);
  }

  const settings = readDevSettings(process.env);
  const convexUrl = `http://127.0.0.1:${settings.convexPort}`;
  const adminKey = await readAdminKey(adminKeyPath(repoRoot, settings.dataDir));
  if (!adminKey) throw new Error(`No admin key beside ${settings.dataDir}: has the embedded backend (npm run dev) ever run here?`);
  console.log(`Rotating on the embedded backend at ${convexUrl}…`);
  let report: RotationReport;
  try {
    report = (await runWithAdminKey(convexUrl, adminKey, FUNCTION, args, TIMEOUT_MS)) as RotationReport;
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    if (cause?.code === "ECONNREFUSED") throw new Error(`Nothing answers at ${convexUrl}: start the embedded backend with \`npm run dev\` first.`);
    throw error;
  }
  printReport(report);
  return report.unreadable > 0 ? 1 : 0;
}

function printReport({ keyId, found, resealed, unreadable }: RotationReport): void {
  const byKey = Object.entries(found).map(([id, count]) => `${count} under "${id}"`).join(", ") || "none";
  console.log(`Current key: "${keyId}". Sealed values found before this run: ${byKey}. Re-sealed: ${resealed}.`);
  if (unreadable > 0) {
    console.log(`${unreadable} value(s) could not be opened with any key in ENCRYPTION_KEYS: they were left as they are. Put back the key they were sealed with and run again.`);
  } else {
    console.log(`Every secret is now sealed with "${keyId}": older keys can be removed from ENCRYPTION_KEYS.`);
  }
}

function runConvexCli(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(repoRoot, "node_modules/.bin/convex"), args, { cwd: repoRoot, stdio: "inherit" });
    child.once("error", reject);
    child.once("exit", (code) => resolve(code ?? 1));
  });
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
