/**
 * `npm test`: every check CI runs, in order — typecheck, lint, codegen
 * freshness, unit tests, the load and durability test (tools/load, its
 * checks counted as tests), end-to-end tests. A failing step does not stop the
 * others, so one run shows everything that is wrong; the exit code is non-zero
 * if anything failed, and the last line is the test totals.
 *
 *   npm test                      all steps
 *   npm test -- --only unit       just the unit tests (quick local loop)
 *   npm test -- --only load       just the load test (also: npm run test:load)
 *   npm test -- --only unit,e2e   several steps
 */
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { CHROMIUM_INSTALL_HELP, findChromium } from "./chromium";
import { findStaleGeneratedFiles, STALE_MESSAGE } from "./codegen";
import { bin, repoRoot, runCommand } from "./commands";
import { readLoadCounts, readPlaywrightCounts, readVitestCounts, type TestCounts } from "./reports";

const STEP_NAMES = ["typecheck", "lint", "codegen", "unit", "load", "e2e"] as const;
type StepName = (typeof STEP_NAMES)[number];

interface StepOutcome {
  ok: boolean;
  /** Why it failed, or the test counts. */
  detail?: string;
  tests?: TestCounts;
}

interface StepResult extends StepOutcome {
  name: StepName;
  status: "passed" | "failed" | "skipped";
  seconds?: number;
}

/** Git-ignored, and apart from test-results/e2e, which Playwright empties on every run. */
const REPORTS_DIR = path.join(repoRoot, "test-results/reports");

const steps: Record<StepName, () => Promise<StepOutcome>> = {
  typecheck: async () => exitCodeOutcome("tsc", await runCommand(bin("tsc"), ["--noEmit"])),
  lint: async () => exitCodeOutcome("eslint", await runCommand(bin("eslint"), ["--max-warnings", "0", "."])),
  codegen: async () => {
    const stale = await findStaleGeneratedFiles();
    return stale.length === 0 ? { ok: true } : { ok: false, detail: `${STALE_MESSAGE} (${stale.join(", ")})` };
  },
  unit: async () => {
    const report = await freshReportPath("vitest.json");
    const exitCode = await runCommand(bin("vitest"), [
      "run",
      "--reporter=default",
      "--reporter=json",
      `--outputFile=${report}`,
    ]);
    return testRunOutcome("vitest", exitCode, await readVitestCounts(report));
  },
  load: async () => {
    const report = await freshReportPath("load.json");
    const exitCode = await runCommand(bin("tsx"), ["tools/load/main.ts", "--report", report]);
    return testRunOutcome("load test", exitCode, await readLoadCounts(report));
  },
  e2e: async () => {
    if (!(await ensureChromium())) return { ok: false, detail: CHROMIUM_INSTALL_HELP };
    const report = await freshReportPath("playwright.json");
    const exitCode = await runCommand(bin("playwright"), ["test", "--reporter=list,json"], {
      PLAYWRIGHT_JSON_OUTPUT_FILE: report,
    });
    return testRunOutcome("playwright", exitCode, await readPlaywrightCounts(report));
  },
};

function exitCodeOutcome(tool: string, exitCode: number): StepOutcome {
  return exitCode === 0 ? { ok: true } : { ok: false, detail: `${tool} exited with code ${exitCode}` };
}

function testRunOutcome(tool: string, exitCode: number, tests: TestCounts | undefined): StepOutcome {
  if (!tests) return { ok: false, detail: `${tool} exited with code ${exitCode} and wrote no JSON report` };
  const detail = `${tests.passed} passed, ${tests.failed} failed`;
  if (exitCode !== 0) return { ok: false, tests, detail: `${detail}; ${tool} exited with code ${exitCode}` };
  return { ok: tests.failed === 0, tests, detail };
}

/** Removes the previous run's report so that a crashed run cannot be mistaken for it. */
async function freshReportPath(fileName: string): Promise<string> {
  await mkdir(REPORTS_DIR, { recursive: true });
  const report = path.join(REPORTS_DIR, fileName);
  await rm(report, { force: true });
  return report;
}

async function ensureChromium(): Promise<boolean> {
  const found = findChromium();
  if (found) {
    console.log(`Using Chromium at ${found}`);
    return true;
  }
  console.log("No Chromium found; trying to download Playwright's build (needs network access)…");
  await runCommand(bin("playwright"), ["install", "chromium"]);
  return findChromium() !== undefined;
}

function parseSelectedSteps(args: string[]): Set<StepName> {
  const usage = `Usage: npm test [-- --only <step>[,<step>…]]   steps: ${STEP_NAMES.join(", ")}`;
  if (args.length === 0) return new Set(STEP_NAMES);
  const [flag, value, ...rest] = args.length === 1 ? (args[0] ?? "").split("=") : args;
  if (flag !== "--only" || !value || rest.length > 0) throw new Error(usage);
  const selected = value.split(",");
  const unknown = selected.filter((name) => !(STEP_NAMES as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`Unknown step ${unknown.join(", ")}.\n${usage}`);
  return new Set(selected as StepName[]);
}

function printSummary(results: StepResult[], totals: TestCounts): void {
  const mark = { passed: "✔", failed: "✘", skipped: "–" } as const;
  console.log("\nSummary");
  for (const result of results) {
    const seconds = result.seconds === undefined ? "" : `${result.seconds.toFixed(1)} s`;
    const columns = [`  ${mark[result.status]} ${result.name.padEnd(10)}`, result.status.padEnd(8), seconds.padStart(8)];
    console.log([...columns, result.detail ?? ""].join("  ").trimEnd());
  }
  // Alone on the last line, in the form CI reads.
  console.log(`tests: ${totals.passed} passed, ${totals.failed} failed`);
}

async function main(): Promise<number> {
  let selected: Set<StepName>;
  try {
    selected = parseSelectedSteps(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }

  // Ctrl-C reaches the running tool too (same process group); let it wind
  // down (Playwright stops its web server) and then report what ran.
  let interrupted = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => (interrupted = true));

  const results: StepResult[] = [];
  for (const name of STEP_NAMES) {
    if (!selected.has(name) || interrupted) {
      results.push({ name, ok: true, status: "skipped", detail: interrupted ? "interrupted" : "not selected" });
      continue;
    }
    console.log(`\n━━ ${name} ━━`);
    const started = performance.now();
    let outcome: StepOutcome;
    try {
      outcome = await steps[name]();
    } catch (error) {
      outcome = { ok: false, detail: error instanceof Error ? error.message : String(error) };
    }
    if (!outcome.ok && outcome.detail) console.error(`✘ ${name}: ${outcome.detail}`);
    const seconds = (performance.now() - started) / 1000;
    results.push({ ...outcome, name, status: outcome.ok ? "passed" : "failed", seconds });
  }

  const totals = { passed: 0, failed: 0 };
  for (const { tests } of results) {
    totals.passed += tests?.passed ?? 0;
    totals.failed += tests?.failed ?? 0;
  }
  printSummary(results, totals);
  if (interrupted) return 130;
  return results.some((result) => result.status === "failed") ? 1 : 0;
}

process.exitCode = await main();
