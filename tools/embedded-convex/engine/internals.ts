import { AsyncLocalStorage } from "node:async_hooks";
import { readFileSync } from "node:fs";
import { createRequire, register } from "node:module";
import type { GenericSchema, SchemaDefinition } from "convex/server";

/**
 * Typed access to the parts of convex-test the embedded backend builds on.
 * They are private to convex-test, so the backend pins its exact version and
 * refuses to start on any other: the shapes below were read from that version.
 */
export const CONVEX_TEST_VERSION = "0.0.60";

export type Doc = Record<string, unknown> & { _id: string; _creationTime: number };

/** convex-test's in-memory database for one component. */
export interface DatabaseFake {
  _documents: Record<string, Doc>;
  _nextDocId: number;
  _lastCreationTime: number;
  _writes: Array<Record<string, Doc | null>>;
  _schema: unknown;
  get(table: string | undefined, id: string): Doc | null;
  patch(table: string, id: string, value: Record<string, unknown>): void;
  commit(commitTs?: bigint | null): void;
  _iterateDocs(table: string, callback: (doc: Doc) => void): void;
  _validate(table: string, doc: Doc): void;
}

export interface ConvexGlobal {
  components: Record<string, { db: DatabaseFake; modules: (path: string) => Promise<unknown> }>;
  transactionManager: { _lastCommitTs: bigint };
  scheduler: { add(p: Promise<void>): void; finish(p: Promise<void>): void };
}

export interface ExecutionContext {
  udfPath: string;
  udfType: "query" | "mutation" | "action" | "http";
  componentPath: string;
}

export interface RequestMetadata {
  scheduledFunctionId: string | null;
}

export interface ConvexTestInternals {
  convexTest: typeof import("convex-test").convexTest;
  convexGlobalStorage: AsyncLocalStorage<ConvexGlobal>;
  executionContextStorage: AsyncLocalStorage<ExecutionContext>;
  requestMetadataStorage: AsyncLocalStorage<RequestMetadata>;
  DatabaseFake: new (schema: SchemaDefinition<GenericSchema, boolean> | null, componentPath: string) => DatabaseFake;
  runScheduledFunction(job: {
    db: DatabaseFake;
    jobId: string;
    componentPath: string;
    functionPath: { componentPath: string; udfPath: string };
    args: Record<string, unknown>;
    name: string;
  }): Promise<void>;
}

let loaded: Promise<ConvexTestInternals> | undefined;

export function loadConvexTest(): Promise<ConvexTestInternals> {
  loaded ??= importWithHook();
  return loaded;
}

async function importWithHook(): Promise<ConvexTestInternals> {
  const require = createRequire(import.meta.url);
  const pkg = JSON.parse(readFileSync(require.resolve("convex-test/package.json"), "utf8")) as { version: string };
  if (pkg.version !== CONVEX_TEST_VERSION) {
    throw new Error(
      `The embedded Convex backend needs convex-test ${CONVEX_TEST_VERSION} exactly, found ${pkg.version}. ` +
        `Run "npm ci" to install the pinned version.`,
    );
  }
  register("./convex-test-hook.mjs", import.meta.url);
  const mod = (await import("convex-test")) as Record<string, unknown>;
  const pick = <T>(name: string): T => {
    const value = mod[`__embedded_${name}`];
    if (value === undefined) throw new Error(`convex-test internals: "${name}" is missing`);
    return value as T;
  };
  return {
    convexTest: mod.convexTest as ConvexTestInternals["convexTest"],
    convexGlobalStorage: pick("convexGlobalStorage"),
    executionContextStorage: pick("executionContextStorage"),
    requestMetadataStorage: pick("requestMetadataStorage"),
    DatabaseFake: pick("DatabaseFake"),
    runScheduledFunction: pick("runScheduledFunction"),
  };
}
