import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from "jose";

/**
 * Starts the embedded backend as its own process (as `npm run dev` does) on
 * free ports, serving the fixture app in `fixture/convex`.
 */
const ROOT = resolve(import.meta.dirname, "../../..");
const FIXTURE = resolve(import.meta.dirname, "fixture/convex");
const CLI = join(ROOT, "tools/embedded-convex/cli.ts");

export interface FixtureKeys {
  privateKey: CryptoKey;
  jwks: string;
}

export async function fixtureKeys(): Promise<FixtureKeys> {
  const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid: "fixture", use: "sig", alg: "RS256" };
  return { privateKey, jwks: JSON.stringify({ keys: [jwk] }) };
}

export function signToken(
  keys: FixtureKeys,
  claims: { iss: string; aud: string; sub: string; email?: string },
  expiresIn = "1h",
): Promise<string> {
  return new SignJWT({ email: claims.email })
    .setProtectedHeader({ alg: "RS256", kid: "fixture" })
    .setIssuer(claims.iss)
    .setAudience(claims.aud)
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(keys.privateKey);
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * A scratch directory with a copy of the fixture app, its env file and its
 * data. It lives inside the repository (git-ignored) so the app's imports
 * resolve from the project's node_modules and its package.json makes it ESM.
 */
export function workspace(env: Record<string, string> = {}): { dir: string; convexDir: string; envFile: string; dataDir: string } {
  const parent = join(ROOT, ".convex-local", "test-workspaces");
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, "fixture-"));
  const convexDir = join(dir, "convex");
  cpSync(FIXTURE, convexDir, { recursive: true });
  const envFile = join(dir, ".env.convex.local");
  writeFileSync(envFile, Object.entries(env).map(([k, v]) => `${k}=${v}`).join("\n") + "\n");
  return { dir, convexDir, envFile, dataDir: join(dir, "data") };
}

export interface RunningFixture {
  cloudUrl: string;
  siteUrl: string;
  adminKey: string;
  output(): string;
  /** Graceful stop (SIGTERM); resolves with the exit code. */
  stop(): Promise<number | null>;
  /** Crash (SIGKILL). */
  kill(): Promise<void>;
  process: ChildProcess;
}

export async function startFixture(
  space: ReturnType<typeof workspace>,
  options: { ports?: { port: number; sitePort: number }; extraArgs?: string[] } = {},
): Promise<RunningFixture> {
  const port = options.ports?.port ?? (await freePort());
  const sitePort = options.ports?.sitePort ?? (await freePort());
  // `node --import tsx` keeps the backend in this one process (the tsx CLI
  // would fork a child), so a SIGKILL really crashes it.
  const child = spawn(
    process.execPath,
    ["--import", "tsx", CLI, "--convex-dir", space.convexDir, "--data-dir", space.dataDir, "--env-file", space.envFile,
      "--port", String(port), "--site-port", String(sitePort), ...(options.extraArgs ?? [])],
    { cwd: ROOT, env: { ...process.env, NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolveExit) => child.once("exit", (code) => resolveExit(code)));
  await new Promise<void>((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new Error(`backend did not start:\n${output}`)), 60_000);
    const check = () => {
      if (output.includes("Convex embedded backend ready")) {
        clearTimeout(timer);
        resolveReady();
      }
    };
    child.stdout!.on("data", check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`backend exited with ${code}:\n${output}`));
    });
  });
  return {
    cloudUrl: `http://127.0.0.1:${port}`,
    siteUrl: `http://127.0.0.1:${sitePort}`,
    adminKey: readFileSync(join(space.dir, "admin-key"), "utf8").trim(),
    output: () => output,
    process: child,
    stop: async () => {
      child.kill("SIGTERM");
      return exited;
    },
    kill: async () => {
      child.kill("SIGKILL");
      await exited;
    },
  };
}

/** Resolves once `predicate` holds for a value pushed by `subscribe`. */
export function waitFor<T>(subscribe: (push: (value: T) => void) => () => void, predicate: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  return new Promise((resolveValue, reject) => {
    let last: T | undefined;
    let unsubscribe = () => {};
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`timed out; last value: ${JSON.stringify(last)}`));
    }, timeoutMs);
    unsubscribe = subscribe((value) => {
      last = value;
      if (predicate(value)) {
        clearTimeout(timer);
        queueMicrotask(() => unsubscribe());
        resolveValue(value);
      }
    });
  });
}
