import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DEMO_CLIENT_ID } from "../demo-idp/dev-stack";
import { DEMO_IDP_ENV, READY_LINE_PREFIX as IDP_READY_LINE } from "../demo-idp/cli-contract";
import { generateSessionKeys } from "../dev/secrets";
import { LoadChild } from "./processes";

/**
 * The load test's own stack, on ports no other stack uses: the embedded
 * Convex backend (3610 API, 3611 HTTP actions) with its data in
 * .convex-local/load-data, and the demo IdP (4610). No Next.js: SSO is
 * driven over HTTP. Everything is started fresh and stopped at the end.
 */
export const LOAD_PORTS = { convex: 3610, site: 3611, idp: 4610 } as const;

const HOST = "127.0.0.1";
const BACKEND_READY_LINE = "Convex embedded backend ready";

export interface LoadStackPaths {
  repoRoot: string;
  dataDir: string;
  envFile: string;
  logDir: string;
}

export function loadStackPaths(repoRoot: string): LoadStackPaths {
  const local = path.join(repoRoot, ".convex-local");
  return { repoRoot, dataDir: path.join(local, "load-data"), envFile: path.join(local, "load.env"), logDir: path.join(repoRoot, "test-results/load") };
}

export const convexUrl = `http://${HOST}:${LOAD_PORTS.convex}`;
export const siteUrl = `http://${HOST}:${LOAD_PORTS.site}`;
export const idpUrl = `http://${HOST}:${LOAD_PORTS.idp}`;
/** Where SSO lands (an app that isn't running): only the redirect's sso_code is read. */
export const appUrl = `http://${HOST}:3612`;

/** A fresh AES key entry for ENCRYPTION_KEYS. */
export function encryptionKey(id: string): string {
  return `${id}:${randomBytes(32).toString("base64")}`;
}

export class LoadStack {
  private backend: LoadChild | undefined;
  private idp: LoadChild | undefined;
  readonly idpClientSecret = randomBytes(32).toString("base64url");
  private baseEnv: Record<string, string> = {};

  constructor(readonly paths: LoadStackPaths) {}

  get adminKeyFile(): string {
    return path.resolve(this.paths.dataDir, "..", "admin-key");
  }

  /** Writes the functions' environment: fresh session keys, the given ENCRYPTION_KEYS, local IdPs allowed. */
  async writeEnv(encryptionKeys: string): Promise<void> {
    if (Object.keys(this.baseEnv).length === 0) {
      this.baseEnv = {
        ...(await generateSessionKeys()),
        SITE_URL: appUrl,
        ALLOW_PRIVATE_IDP_URLS: "true",
        ALLOW_PRIVATE_WEBHOOK_URLS: "true",
        // Nothing listens there: no domain lookup leaves the machine.
        DNS_SERVERS: `${HOST}:9`,
      };
    }
    const lines = Object.entries({ ...this.baseEnv, ENCRYPTION_KEYS: encryptionKeys }).map(([name, value]) => `${name}='${value}'`);
    writeFileSync(this.paths.envFile, `${lines.join("\n")}\n`, { mode: 0o600 });
  }

  async start(encryptionKeys: string): Promise<void> {
    mkdirSync(this.paths.logDir, { recursive: true });
    rmSync(this.paths.dataDir, { recursive: true, force: true });
    await this.writeEnv(encryptionKeys);
    this.idp = await LoadChild.start({
      name: "demo IdP",
      command: path.join(this.paths.repoRoot, "node_modules/.bin/tsx"),
      args: ["tools/demo-idp/main.ts"],
      cwd: this.paths.repoRoot,
      env: {
        ...process.env,
        [DEMO_IDP_ENV.port]: String(LOAD_PORTS.idp),
        [DEMO_IDP_ENV.clientId]: DEMO_CLIENT_ID,
        [DEMO_IDP_ENV.clientSecret]: this.idpClientSecret,
        [DEMO_IDP_ENV.redirectUri]: `${siteUrl}/api/auth/sso/callback`,
        [DEMO_IDP_ENV.samlAcsUrlPrefix]: `${siteUrl}/api/auth/saml/`,
      },
      logFile: path.join(this.paths.logDir, "idp.log"),
      readyLine: IDP_READY_LINE,
      readyTimeoutMs: 30_000,
    });
    await this.startBackend();
  }

  /** Starts the backend on the data directory as it is (after a crash too: the journal is replayed). */
  async startBackend(): Promise<void> {
    this.backend = await LoadChild.start({
      name: "embedded backend",
      command: path.join(this.paths.repoRoot, "node_modules/.bin/tsx"),
      args: [
        "tools/embedded-convex/cli.ts",
        ...["--port", String(LOAD_PORTS.convex), "--site-port", String(LOAD_PORTS.site)],
        ...["--data-dir", this.paths.dataDir, "--env-file", this.paths.envFile, "--convex-dir", "convex"],
        // Other work in the checkout must not reload the functions mid-run.
        "--no-watch",
      ],
      cwd: this.paths.repoRoot,
      env: { ...process.env, NO_COLOR: "1" },
      logFile: path.join(this.paths.logDir, "backend.log"),
      readyLine: BACKEND_READY_LINE,
      readyTimeoutMs: 90_000,
    });
  }

  /** SIGKILL: the backend dies mid-write, as in a crash. */
  async crashBackend(): Promise<void> {
    await this.backend?.kill();
    this.backend = undefined;
  }

  async stopBackend(): Promise<void> {
    await this.backend?.stop();
    this.backend = undefined;
  }

  /** Synchronous, for process exit: SIGKILL to every child still running. */
  killNow(): void {
    this.backend?.killNow();
    this.idp?.killNow();
  }

  /** Stops everything; safe to call more than once and after a failed start. */
  async stop(): Promise<void> {
    await Promise.all([this.backend?.stop(), this.idp?.stop()]);
    this.backend = undefined;
    this.idp = undefined;
  }
}
