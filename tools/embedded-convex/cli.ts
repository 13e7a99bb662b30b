import { parseArgs } from "node:util";
import { PortInUseError, startBackend } from "./backend";
import { reporter } from "./engine/reporter";

/**
 * `npm run backend` — the embedded Convex backend: the app's `convex/` folder
 * served over Convex's HTTP API and sync WebSocket (cloud port) and its HTTP
 * actions (site port), with a durable local database.
 */
const USAGE = `Usage: tsx tools/embedded-convex/cli.ts [options]

  --port <n>          cloud port: HTTP API and WebSocket sync (default 3210)
  --site-port <n>     site port: HTTP actions from convex/http.ts (default 3211)
  --data-dir <dir>    database directory (default .convex-local/data)
  --env-file <file>   the functions' environment variables (default .env.convex.local)
  --convex-dir <dir>  the app's Convex functions (default convex)
  --reset             wipe the database before starting
  --no-watch          do not reload on file changes
  -h, --help          show this help`;

function parsePort(value: string, flag: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`${flag} must be a port number, got "${value}"`);
    process.exit(2);
  }
  return port;
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: "string", default: "3210" },
        "site-port": { type: "string", default: "3211" },
        "data-dir": { type: "string", default: ".convex-local/data" },
        "env-file": { type: "string", default: ".env.convex.local" },
        "convex-dir": { type: "string", default: "convex" },
        reset: { type: "boolean", default: false },
        "no-watch": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  let backend;
  try {
    backend = await startBackend({
      convexDir: values["convex-dir"],
      dataDir: values["data-dir"],
      envFile: values["env-file"],
      port: parsePort(values.port, "--port"),
      sitePort: parsePort(values["site-port"], "--site-port"),
      reset: values.reset,
      watch: !values["no-watch"],
    });
  } catch (error) {
    reporter.error(error instanceof PortInUseError ? error.message : `Could not start: ${(error as Error).stack ?? error}`);
    process.exit(error instanceof PortInUseError ? 2 : 1);
  }
  console.log(`Convex embedded backend ready cloud=${backend.cloudUrl} site=${backend.siteUrl}`);

  // Signals can arrive more than once (a process-group signal plus tsx's
  // relay of it); after the first, the rest must not interrupt the flush.
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    reporter.info(`${signal}: saving data and stopping`);
    backend.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        reporter.error(`Stopping failed: ${(error as Error).stack ?? error}`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

void main();
