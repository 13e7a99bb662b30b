import { readFile } from "node:fs/promises";
import { parseEnv } from "node:util";

export interface EnvFile {
  /** The file's raw text ("" when it does not exist). */
  text: string;
  values: Record<string, string>;
}

/**
 * Reads a dotenv file (same syntax Next.js and the Convex CLI accept).
 * A missing file is the normal first-run case, so it reads as empty.
 */
export async function readEnvFile(filePath: string): Promise<EnvFile> {
  let text: string;
  try {
    text = await readFile(filePath, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { text: "", values: {} };
    throw error;
  }
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(parseEnv(text))) {
    if (value !== undefined) values[key] = value;
  }
  return { text, values };
}
