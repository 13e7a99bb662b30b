import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { bin, repoRoot, runCommand } from "./commands";

const GENERATED_DIR = path.join(repoRoot, "convex/_generated");

export const STALE_MESSAGE = 'convex/_generated is stale: run "npm run codegen" and commit the result';

/**
 * Regenerates convex/_generated and compares it with what is committed, then
 * puts the original files back so that `npm test` never edits the work tree.
 *
 * @returns the files that differ (empty when up to date)
 */
export async function findStaleGeneratedFiles(): Promise<string[]> {
  const before = await snapshot();
  try {
    const exitCode = await runCommand(bin("convex"), ["codegen", "--system-udfs", "--typecheck", "disable"]);
    if (exitCode !== 0) throw new Error(`convex codegen failed with exit code ${exitCode}`);
    const after = await snapshot();
    const names = new Set([...before.keys(), ...after.keys()]);
    return [...names].filter((name) => before.get(name) !== after.get(name)).sort();
  } finally {
    await restore(before);
  }
}

/** convex codegen writes a flat directory of text files. */
async function snapshot(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  let entries;
  try {
    entries = await readdir(GENERATED_DIR, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return files;
    throw error;
  }
  for (const entry of entries) {
    if (entry.isFile()) files.set(entry.name, await readFile(path.join(GENERATED_DIR, entry.name), "utf8"));
  }
  return files;
}

async function restore(original: Map<string, string>): Promise<void> {
  const current = await snapshot();
  for (const name of current.keys()) {
    if (!original.has(name)) await rm(path.join(GENERATED_DIR, name));
  }
  for (const [name, content] of original) {
    if (current.get(name) !== content) await writeFile(path.join(GENERATED_DIR, name), content);
  }
  if (original.size === 0) await rm(GENERATED_DIR, { recursive: true, force: true });
}
