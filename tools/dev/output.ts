import { mkdirSync, openSync, writeSync } from "node:fs";
import path from "node:path";

/**
 * Every line `npm run dev` prints carries the name of the process it comes
 * from, padded so that the interleaved output of the children lines up.
 *
 * With DEV_LOG_FILE set, every line also goes to that file (emptied at
 * start-up): the end-to-end run keeps the whole stack's output — the
 * functions' logs included — to check it for secrets (e2e/log-scan.spec.ts).
 */
const PREFIX_WIDTH = "[convex]".length;

const logFile = process.env.DEV_LOG_FILE ? openLogFile(process.env.DEV_LOG_FILE) : undefined;

function openLogFile(file: string): number {
  mkdirSync(path.dirname(file), { recursive: true });
  return openSync(file, "w");
}

export function printLine(source: string, line: string, stream: NodeJS.WriteStream = process.stdout): void {
  const text = `${`[${source}]`.padEnd(PREFIX_WIDTH)} ${line}\n`;
  stream.write(text);
  // Written at once, so a run that is killed still leaves every line before it.
  if (logFile !== undefined) writeSync(logFile, text);
}

/** Messages of the orchestrator itself. */
export function say(message: string): void {
  for (const line of message.split("\n")) printLine("dev", line);
}

export function sayError(message: string): void {
  for (const line of message.split("\n")) printLine("dev", line, process.stderr);
}
