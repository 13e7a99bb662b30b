import { spawn } from "node:child_process";
import { constants } from "node:os";
import path from "node:path";

export const repoRoot = path.resolve(import.meta.dirname, "../..");

/** The project's own pinned tools, never whatever happens to be on PATH. */
export function bin(name: string): string {
  return path.join(repoRoot, "node_modules/.bin", name);
}

/**
 * Runs a command in the repo root with the terminal's stdio and resolves with
 * its exit code (128 + signal number if a signal ended it, as shells report).
 */
export function runCommand(command: string, args: string[], env: Record<string, string> = {}): Promise<number> {
  console.log(`$ ${[path.relative(repoRoot, command) || command, ...args].join(" ")}`);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repoRoot, env: { ...process.env, ...env }, stdio: "inherit" });
    child.once("error", (error) => reject(new Error(`Could not run ${command}: ${error.message}`)));
    child.once("exit", (code, signal) => resolve(code ?? 128 + (signal ? constants.signals[signal] : 0)));
  });
}
