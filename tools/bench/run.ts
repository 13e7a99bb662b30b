import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { availableParallelism, cpus } from "node:os";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { pageWeightSuite } from "./pageWeight";
import { Report } from "./report";
import { auditGrowthBudgets, auditSuite } from "./scenarios/audit";
import { connectionSuite } from "./scenarios/connections";
import { devBackendSuite } from "./scenarios/devBackend";
import { startOidcIdp } from "./scenarios/oidc";
import { startSamlIdp } from "./scenarios/saml";
import { scimSuite } from "./scenarios/scim";
import { benchEnv } from "./tenants";

/**
 * Runs every suite at every scale, prints the report and writes
 * bench/results.json. The exit code is 1 when a read budget fails or a suite
 * could not finish; never because of a time.
 * `--only <suite,…>` runs some suites (while working on one) and writes no results.
 *
 * - sign-in: signIn resolution, listConnections, getConnectionStatus, OIDC
 *   callback and SAML ACS (ratios against their bare libraries) — scenarios/connections.ts
 * - scim: SCIM over HTTP, and create via HTTP vs a direct mutation — scenarios/scim.ts
 * - audit: listAudit pages, first and filtered — scenarios/audit.ts
 * - page-weight: first-load JS per page from `next build` — pageWeight.ts
 * - dev-backend: the embedded backend's SCIM rate and live updates — scenarios/devBackend.ts
 */
const ROOT = resolve(import.meta.dirname, "../..");
const RESULTS = resolve(ROOT, "bench/results.json");

export const SCALES = {
  connections: [10, 1_000, 10_000],
  scimUsers: [100, 10_000],
  auditEvents: [1_000, 100_000],
};

const SUITES = ["sign-in", "scim", "audit", "page-weight", "dev-backend"] as const;
type Suite = (typeof SUITES)[number];

export async function runBench(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { only: { type: "string" } } });
  const only = values.only ? (values.only.split(",") as Suite[]) : [...SUITES];
  const unknown = only.filter((suite) => !SUITES.includes(suite));
  if (unknown.length > 0) throw new Error(`Unknown suite ${unknown.join(", ")}; the suites are ${SUITES.join(", ")}.`);
  const started = Date.now();
  const report = new Report();
  await benchEnv();
  const log = (line: string) => console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

  // A suite that can't run (a port taken, a build broken) is reported, and the others still run.
  const failures: string[] = [];
  const suite = async (name: Suite, run: () => Promise<void>) => {
    if (!only.includes(name)) return;
    try {
      await run();
    } catch (error) {
      failures.push(name);
      report.notes.push(`The ${name} suite could not finish: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  await suite("sign-in", async () => {
    const [oidcIdp, samlIdp] = await Promise.all([startOidcIdp(), startSamlIdp()]);
    try {
      for (const [index, tenants] of SCALES.connections.entries()) {
        log(`sign-in at ${tenants} connections`);
        await connectionSuite(report, { tenants, samples: 7, ssoSamples: index === 0 ? 15 : 3, floors: index === 0, oidcIdp, samlIdp });
      }
    } finally {
      await Promise.all([oidcIdp.close(), samlIdp.close()]);
    }
  });
  await suite("scim", async () => {
    for (const users of SCALES.scimUsers) {
      log(`SCIM at ${users} users`);
      await scimSuite(report, { users, samples: 5 });
    }
  });
  await suite("audit", async () => {
    const rowsByScale = [];
    for (const events of SCALES.auditEvents) {
      log(`audit at ${events} events`);
      rowsByScale.push(await auditSuite(report, { events, samples: 5 }));
    }
    auditGrowthBudgets(report, rowsByScale[0]!, rowsByScale.at(-1)!);
  });
  await suite("page-weight", async () => {
    log("page weight: next build");
    await pageWeightSuite(report, ROOT);
  });
  await suite("dev-backend", () => devBackendSuite(report, ROOT, log));

  console.log(report.render());
  const failed = report.failedReadBudgets();
  if (only.length === SUITES.length) {
    const commit = execFileSync("git", ["rev-parse", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { cwd: ROOT, encoding: "utf8" }).trim() !== "";
    // Uncommitted changes to tracked files were measured too.
    const revision = dirty ? `${commit}+uncommitted` : commit;
    const machine = { node: process.version, platform: process.platform, cpus: availableParallelism(), cpuModel: cpus()[0]?.model };
    writeFileSync(RESULTS, `${JSON.stringify(report.toJson({ revision, timestamp: new Date().toISOString(), scales: SCALES, machine }), null, 2)}\n`);
    console.log(`\nWrote ${RESULTS} (${((Date.now() - started) / 1000).toFixed(0)} s).`);
  } else {
    console.log(`\nOnly ${only.join(", ")}: bench/results.json is written by full runs.`);
  }
  if (failed.length > 0) console.log(`${failed.length} read budget(s) failed: ${failed.map((budget) => budget.name).join("; ")}`);
  if (failures.length > 0) console.log(`Suites that could not finish (see the notes): ${failures.join(", ")}`);
  return failed.length > 0 || failures.length > 0 ? 1 : 0;
}
