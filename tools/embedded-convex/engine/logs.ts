import { AsyncLocalStorage } from "node:async_hooks";
import { inspect } from "node:util";

/**
 * Console capture for Convex functions. Real deployments return a function's
 * console output to the caller as `logLines` (`"[LOG] 'text'"`) and stream it
 * to `npx convex dev`; convex-test does neither, so the backend installs one
 * console that routes each call by the context it runs in.
 */
export type LogLevel = "log" | "info" | "warn" | "error" | "debug";

const LEVELS: LogLevel[] = ["log", "info", "warn", "error", "debug"];

/** Where the current function's log lines go, or undefined outside functions. */
export type LogSink = (level: LogLevel, line: string) => void;

export const terminal: Console = globalThis.console;

export function formatLogLine(level: LogLevel, args: unknown[]): string {
  const text = args.map((arg) => inspect(arg, { depth: 4, breakLength: Infinity })).join(" ");
  return `[${level.toUpperCase()}] ${text}`;
}

export function installConsoleCapture(currentSink: () => LogSink | undefined): void {
  const capture = Object.create(terminal) as Console;
  for (const level of LEVELS) {
    capture[level] = (...args: unknown[]) => {
      const sink = currentSink();
      if (sink) sink(level, formatLogLine(level, args));
      else terminal[level](...args);
    };
  }
  globalThis.console = capture;
}

/** Per-request state the engine attaches to a function call. */
export interface CallContext {
  logLines: string[];
  tablesRead: Set<string>;
  tablesWritten: Set<string>;
  commitTs: bigint | null;
  /** How the terminal names the call, e.g. `M(messages:send)`. */
  label: string;
}

export const callStorage = new AsyncLocalStorage<CallContext>();
