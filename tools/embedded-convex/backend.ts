import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, watch, writeFileSync, type FSWatcher } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { dirname, resolve } from "node:path";
import { WebSocketServer } from "ws";
import { startCrons } from "./engine/crons";
import { Engine } from "./engine/engine";
import { applyFunctionEnv, readEnvFile } from "./engine/function-env";
import { reporter } from "./engine/reporter";
import { handleHttpApi, isHttpApiPath } from "./server/http-api";
import { sendJson } from "./server/http-io";
import { handleSiteRequest } from "./server/site";
import { SyncSession } from "./server/sync";
import { TokenVerifier } from "./server/token-verifier";
import { DataStore } from "./store/data-store";

export interface BackendOptions {
  /** The app's `convex/` folder. */
  convexDir: string;
  /** Where the database lives (snapshot + journal). */
  dataDir: string;
  /** The functions' environment variables (dotenv format). */
  envFile: string;
  port: number;
  sitePort: number;
  /** Wipe the data directory first. */
  reset?: boolean;
  /** Defaults to the key in `<dataDir>/../admin-key`, created when missing. */
  adminKey?: string;
  /** Reload on changes under `convexDir` and to `envFile` (default true). */
  watch?: boolean;
}

export interface RunningBackend {
  cloudUrl: string;
  siteUrl: string;
  adminKey: string;
  stop(): Promise<void>;
}

export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(`Port ${port} is already in use (is another backend or "npm run dev" running?)`);
  }
}

const HOST = "127.0.0.1";
const SYNC_PATH = /^\/api\/[^/]+\/sync$/;

export async function startBackend(options: BackendOptions): Promise<RunningBackend> {
  const convexDir = resolve(options.convexDir);
  const cloudUrl = `http://${HOST}:${options.port}`;
  const siteUrl = `http://${HOST}:${options.sitePort}`;
  const adminKey = options.adminKey ?? readOrCreateAdminKey(resolve(options.dataDir, "..", "admin-key"));

  // Claim both ports before anything else, so a clash fails fast and clearly.
  let handleCloud: (req: IncomingMessage, res: ServerResponse) => Promise<void> = async (_req, res) =>
    void sendJson(res, 503, { code: "Starting", message: "The backend is starting" });
  let handleSite = handleCloud;
  const cloudServer = await listen(options.port, (req, res) => guard(res, () => handleCloud(req, res)));
  const siteServer = await listen(options.sitePort, (req, res) => guard(res, () => handleSite(req, res))).catch(
    async (error: unknown) => {
      await close(cloudServer);
      throw error;
    },
  );

  const envFile = resolve(options.envFile);
  applyFunctionEnv(readEnvFile(envFile), { cloudUrl, siteUrl });
  const { store, state } = DataStore.open(resolve(options.dataDir), { reset: options.reset });
  const engine = await Engine.start({ convexDir, store, state }).catch((error: unknown) => {
    store.close();
    throw error;
  });
  const verifier = new TokenVerifier(() => engine.authConfig);
  const deps = { engine, verifier, adminKey };

  const sessions = new Set<SyncSession>();
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 20 * 1024 * 1024 });
  cloudServer.on("upgrade", (request, socket, head) => {
    if (!SYNC_PATH.test(new URL(request.url ?? "/", cloudUrl).pathname)) {
      socket.end("HTTP/1.1 404 Not Found\r\n\r\n");
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      const session = new SyncSession(ws, {
        ...deps,
        metadata: { ip: request.socket.remoteAddress, userAgent: request.headers["user-agent"] },
      });
      sessions.add(session);
      ws.on("close", () => sessions.delete(session));
    });
  });

  handleCloud = async (req, res) => {
    setCorsHeaders(req, res);
    const pathname = new URL(req.url ?? "/", cloudUrl).pathname;
    if (req.method === "OPTIONS") return void res.writeHead(204).end();
    if (isHttpApiPath(pathname)) return handleHttpApi(req, res, deps);
    if (SYNC_PATH.test(pathname)) return sendJson(res, 426, { code: "UpgradeRequired", message: "Connect with a WebSocket" });
    sendJson(res, 404, { code: "NotFound", message: `No route for ${req.method} ${pathname}` });
  };
  handleSite = (req, res) => handleSiteRequest(req, res, deps);

  engine.onCommit((tables, ts) => {
    for (const session of sessions) session.refresh(tables, ts);
  });
  const runCron = async (job: { name: string; args: unknown[] }) => {
    await engine.call({ kind: "any", udfPath: job.name, args: job.args[0] ?? {}, identity: null, admin: true });
  };
  let stopCrons = startCrons(engine.cronJobs, runCron);
  engine.onReload(() => {
    verifier.reset();
    stopCrons();
    stopCrons = startCrons(engine.cronJobs, runCron);
    for (const session of sessions) session.refresh("all");
  });

  const watchers: FSWatcher[] = [];
  if (options.watch !== false) {
    watchers.push(watchConvexDir(convexDir, () => void engine.reload()));
    watchers.push(
      watchFile(envFile, () => {
        applyFunctionEnv(readEnvFile(envFile), { cloudUrl, siteUrl });
        reporter.info(`✔ Environment reloaded from ${envFile}`);
        for (const session of sessions) session.refresh("all");
      }),
    );
  }

  let stopping: Promise<void> | undefined;
  return {
    cloudUrl,
    siteUrl,
    adminKey,
    stop() {
      stopping ??= (async () => {
        for (const watcher of watchers) watcher.close();
        stopCrons();
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        await Promise.all([close(cloudServer), close(siteServer)]);
        engine.compact();
        store.close();
      })();
      return stopping;
    },
  };
}

function listen(port: number, handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Server> {
  return new Promise((resolvePromise, reject) => {
    const server = createServer(handler);
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "EADDRINUSE" ? new PortInUseError(port) : error),
    );
    server.listen(port, HOST, () => resolvePromise(server));
  });
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolvePromise) => server.close(() => resolvePromise()));
}

/** A bug in a handler answers 500 and is logged; the server keeps serving. */
async function guard(res: ServerResponse, handle: () => Promise<void>): Promise<void> {
  try {
    await handle();
  } catch (error) {
    reporter.error(`Internal error: ${(error as Error).stack ?? String(error)}`);
    if (!res.headersSent) sendJson(res, 500, { code: "InternalServerError", message: "Internal server error" });
    else res.destroy();
  }
}

/** Browsers call the API from the app's origin; credentials travel in headers, not cookies. */
function setCorsHeaders(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader("access-control-allow-origin", "*");
  res.setHeader("access-control-allow-methods", "GET, POST, OPTIONS");
  res.setHeader("access-control-allow-headers", req.headers["access-control-request-headers"] ?? "content-type, authorization, convex-client");
  res.setHeader("access-control-max-age", "3600");
}

function readOrCreateAdminKey(file: string): string {
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const key = `embedded|${randomBytes(32).toString("hex")}`;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}

const IGNORED_CHANGE = /(^|\/)(\.|#)|\.test\.[cm]?[jt]sx?$|~$/;

function watchConvexDir(dir: string, onChange: () => void): FSWatcher {
  let timer: NodeJS.Timeout | undefined;
  return watch(dir, { recursive: true }, (_event, filename) => {
    if (filename && IGNORED_CHANGE.test(filename.toString())) return;
    clearTimeout(timer);
    timer = setTimeout(onChange, 200);
  });
}

/** Watches a file that may not exist yet, through its directory. */
function watchFile(file: string, onChange: () => void): FSWatcher {
  let timer: NodeJS.Timeout | undefined;
  return watch(dirname(file), (_event, filename) => {
    if (filename?.toString() !== file.split("/").pop()) return;
    clearTimeout(timer);
    timer = setTimeout(onChange, 200);
  });
}
