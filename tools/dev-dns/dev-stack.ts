import path from "node:path";
import { describeExit, type Supervisor } from "../dev/processes";
import { READY_LINE_PREFIX } from "./ready-line";

/**
 * How `npm run dev` (tools/dev/main.ts) runs the dev DNS server next to the
 * embedded backend, and tells Next.js where its records file is, so that
 * /dev/dns can publish records.
 */

/** Set for `next dev` to the absolute path of the records file; /dev/dns exists only while it is set. */
export const DEV_DNS_RECORDS_ENV = "DEV_DNS_RECORDS";
/** Set for `next dev` to the server's `127.0.0.1:<port>`, which /dev/dns shows (e.g. for `dig`). */
export const DEV_DNS_SERVER_ENV = "DEV_DNS_SERVER";

const READY_TIMEOUT_MS = 30_000;

export interface DevDnsChildOptions {
  port: number;
  /** Absolute path of the records file. */
  recordsFile: string;
  /** Start with no records. */
  reset: boolean;
}

/** Starts the dev DNS server as a supervised child and resolves once it answers queries. */
export async function startDevDnsChild(supervisor: Supervisor, repoRoot: string, options: DevDnsChildOptions): Promise<void> {
  const child = supervisor.start({
    name: "dns",
    command: path.join(repoRoot, "node_modules/.bin/tsx"),
    args: [
      "tools/dev-dns/cli.ts",
      ...["--port", String(options.port)],
      ...["--records", options.recordsFile],
      ...(options.reset ? ["--reset"] : []),
    ],
    cwd: repoRoot,
  });

  await new Promise<void>((resolve, reject) => {
    const timeout = setTimeout(() => {
      reject(new Error(`The dev DNS server was not ready after ${READY_TIMEOUT_MS / 1000} s; see the [dns] lines above.`));
    }, READY_TIMEOUT_MS);
    child.onStdoutLine((line) => {
      if (!line.startsWith(READY_LINE_PREFIX)) return;
      clearTimeout(timeout);
      resolve();
    });
    void child.exited.then((exit) => {
      clearTimeout(timeout);
      // Its own message (e.g. the port is taken) is on stderr, printed above with the [dns] prefix.
      const reason = child.recentStderr().at(-1) ?? "see the [dns] lines above";
      reject(new Error(`The dev DNS server stopped before it was ready (${describeExit(exit)}): ${reason}`));
    });
  });
}

/**
 * The environment for `next dev`: `env` with DEV_DNS_RECORDS and
 * DEV_DNS_SERVER describing the running dev DNS server, or without them when
 * there is none (with a real deployment there is no dev DNS server, and
 * /dev/dns must not edit a file nobody serves, even if the shell sets one).
 */
export function withDevDns<Env extends Record<string, string | undefined>>(
  env: Env,
  devDns: { recordsFile: string; port: number } | undefined,
): Env {
  const result: Record<string, string | undefined> = { ...env };
  if (devDns) {
    result[DEV_DNS_RECORDS_ENV] = devDns.recordsFile;
    result[DEV_DNS_SERVER_ENV] = `127.0.0.1:${devDns.port}`;
  } else {
    delete result[DEV_DNS_RECORDS_ENV];
    delete result[DEV_DNS_SERVER_ENV];
  }
  return result as Env;
}
