import { terminal } from "./logs";

/**
 * Terminal output in the style of `npx convex dev`: function log lines
 * prefixed with `[CONVEX M(messages:send)]`, one line per finished mutation,
 * action, HTTP action and scheduled run, failures in red.
 */
const useColor = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
const paint = (code: number, text: string) => (useColor ? `\u001b[${code}m${text}\u001b[0m` : text);

export const red = (text: string) => paint(31, text);
export const green = (text: string) => paint(32, text);
export const dim = (text: string) => paint(2, text);
export const cyan = (text: string) => paint(36, text);

function stamp(): string {
  return dim(new Date().toLocaleTimeString("en-US"));
}

export const reporter = {
  functionLog(label: string, line: string, level: string) {
    const out = level === "error" || level === "warn" ? terminal.error : terminal.log;
    out(`${stamp()} ${cyan(`[CONVEX ${label}]`)} ${line}`);
  },
  functionDone(label: string, millis: number, error?: string) {
    if (error) terminal.error(`${stamp()} ${cyan(`[CONVEX ${label}]`)} ${red(`failure (${millis} ms)`)} ${error}`);
    else terminal.log(`${stamp()} ${cyan(`[CONVEX ${label}]`)} ${green("success")} ${dim(`(${millis} ms)`)}`);
  },
  info(message: string) {
    terminal.log(`${stamp()} ${message}`);
  },
  error(message: string) {
    terminal.error(`${stamp()} ${red(message)}`);
  },
};
