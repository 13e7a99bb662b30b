import path from "node:path";
import { describeExit, type Supervisor } from "./processes";
import type { DevSettings } from "./settings";

/** What tools/embedded-convex/cli.ts prints on stdout once it serves requests. */
const READY_LINE_PREFIX = "Convex embedded backend ready";
const READY_TIMEOUT_MS = 60_000;

/** Starts the embedded Convex backend and resolves once it is ready for requests. */
export async function startEmbeddedBackend(
  supervisor: Supervisor,
  repoRoot: string,
  settings: DevSettings,
): Promise<void> {
  const backend = supervisor.start({
    name: "convex",
    command: path.join(repoRoot, "node_modules/.bin/tsx"),
    args: [
      "tools/embedded-convex/cli.ts",
      ...["--port", String(settings.convexPort)],
      ...["--site-port", String(settings.convexSitePort)],
      ...["--data-dir", settings.dataDir],
      ...["--env-file", settings.envFile],
      ...["--convex-dir", "convex"],
      ...(settings.reset ? ["--reset"] : []),
    ],
    cwd: repoRoot,
  });

  await new Promise<void>((resolve, reject) => {
    const timeout = setTimeout(() => {
      const stderr = backend.recentStderr();
      reject(
        new Error(
          `The embedded Convex backend was not ready after ${READY_TIMEOUT_MS / 1000} s.\n` +
            (stderr.length > 0
              ? `Its last lines on stderr:\n${stderr.map((line) => `  ${line}`).join("\n")}`
              : "It printed nothing on stderr; see the [convex] lines above."),
        ),
      );
    }, READY_TIMEOUT_MS);
    backend.onStdoutLine((line) => {
      if (!line.startsWith(READY_LINE_PREFIX)) return;
      clearTimeout(timeout);
      resolve();
    });
    void backend.exited.then((exit) => {
      clearTimeout(timeout);
      reject(new Error(`The embedded Convex backend stopped before it was ready (${describeExit(exit)}).`));
    });
  });
}
