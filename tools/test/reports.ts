import { readFile } from "node:fs/promises";

export interface TestCounts {
  passed: number;
  failed: number;
}

/** Vitest's JSON reporter writes Jest's format. */
interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
}

interface PlaywrightReport {
  stats: { expected: number; unexpected: number; flaky: number };
}

/**
 * Counts from a JSON report, or undefined when the runner wrote none (it
 * crashed, or never got to run a test): the caller must treat that as failure.
 */
export async function readVitestCounts(reportPath: string): Promise<TestCounts | undefined> {
  const report = await readJson<VitestReport>(reportPath);
  if (typeof report?.numPassedTests !== "number" || typeof report.numFailedTests !== "number") return undefined;
  return { passed: report.numPassedTests, failed: report.numFailedTests };
}

export async function readPlaywrightCounts(reportPath: string): Promise<TestCounts | undefined> {
  const stats = (await readJson<PlaywrightReport>(reportPath))?.stats;
  if (typeof stats?.expected !== "number") return undefined;
  // A flaky test failed first and passed on a retry.
  return { passed: stats.expected + stats.flaky, failed: stats.unexpected };
}

/** The load test's report (tools/load/main.ts): one count per check. */
export async function readLoadCounts(reportPath: string): Promise<TestCounts | undefined> {
  const report = await readJson<TestCounts>(reportPath);
  if (typeof report?.passed !== "number" || typeof report.failed !== "number") return undefined;
  return { passed: report.passed, failed: report.failed };
}

async function readJson<T>(filePath: string): Promise<Partial<T> | undefined> {
  try {
    return JSON.parse(await readFile(filePath, "utf8")) as Partial<T>;
  } catch {
    return undefined;
  }
}
