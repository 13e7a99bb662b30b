import { resolve } from "node:path";
import { loadAppModules, type AppModules } from "../embedded-convex/engine/app-modules";
import { loadConvexTest, type ConvexGlobal, type DatabaseFake } from "../embedded-convex/engine/internals";
import type { Backend } from "../testing/convex";
import { installReadMeter } from "./readMeter";

/**
 * The benchmarks' Convex backend: the app's `convex/` on convex-test's engine
 * in this process, as `newBackend()` makes it for the tests, but loaded
 * without vite (the benchmarks run under tsx) and with the read meter
 * installed. `loadConvexTest` must run before anything imports convex-test:
 * it adds the exports the meter needs (see tools/embedded-convex/engine/internals.ts).
 */
const CONVEX_DIR = resolve(import.meta.dirname, "../../convex");

let app: Promise<AppModules> | undefined;

export interface BenchBackend {
  t: Backend;
  /** The database, for bulk seeding and snapshots. */
  db: DatabaseFake;
  /** The latest commit's timestamp, which a snapshot's clock continues from. */
  lastCommitTs(): bigint;
}

export async function benchBackend(): Promise<BenchBackend> {
  const internals = await loadConvexTest();
  // One import of the app serves every backend: each only needs the loader.
  const modules = await (app ??= loadAppModules(CONVEX_DIR, 1));
  // convex-test finds the modules root by a `_generated` path; the loader below replaces its own.
  const marker = { [`${CONVEX_DIR}/_generated/marker.js`]: async () => ({}) };
  const t = internals.convexTest({ schema: modules.schema as never, modules: marker });
  let global: ConvexGlobal | undefined;
  await t.run(async () => {
    global = internals.convexGlobalStorage.getStore();
  });
  global!.components[""]!.modules = (modulePath) => modules.importModule(modulePath);
  installReadMeter(global as Parameters<typeof installReadMeter>[0], () => Boolean(internals.requestMetadataStorage.getStore()?.scheduledFunctionId));
  return { t: t as unknown as Backend, db: global!.components[""]!.db, lastCommitTs: () => global!.transactionManager._lastCommitTs };
}
