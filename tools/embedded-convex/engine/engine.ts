import { AsyncLocalStorage } from "node:async_hooks";
import { makeFunctionReference } from "convex/server";
import type { FunctionReference, GenericSchema, SchemaDefinition, UserIdentity } from "convex/server";
import { convexToJson, jsonToConvex, type JSONValue, type Value } from "convex/values";
import type { CommitRecord, DataStore, JsonDoc, StoredState } from "../store/data-store";
import { loadAppModules, type AppModules } from "./app-modules";
import { describeExport, KIND_PREFIX, KIND_TITLE, parseFunctionPath, type FunctionKind } from "./function-path";
import {
  loadConvexTest,
  type ConvexGlobal,
  type ConvexTestInternals,
  type DatabaseFake,
  type Doc,
} from "./internals";
import { callStorage, installConsoleCapture, type CallContext } from "./logs";
import { reporter } from "./reporter";
import { formatFunctionError } from "./errors";

export type Identity = UserIdentity;

export interface CallRequest {
  kind: FunctionKind | "any";
  udfPath: unknown;
  /** Arguments in Convex's JSON encoding (must decode to an object). */
  args: unknown;
  identity: Identity | null;
  /** Admin callers (admin key) may call internal functions. */
  admin: boolean;
  metadata?: { ip?: string; userAgent?: string };
  /** Print a line for this call even when it is a successful query. */
  quiet?: boolean;
}

interface CallEffects {
  logLines: string[];
  tablesRead: Set<string>;
  tablesWritten: Set<string>;
  /** The commit timestamp of the call's writes, else the latest commit. */
  ts: bigint;
}

export type CallResult =
  | ({ ok: true; value: JSONValue } & CallEffects)
  | ({ ok: false; errorMessage: string; errorData?: JSONValue } & CallEffects);

export interface HttpCall {
  pathWithQuery: string;
  init: RequestInit;
  identity: Identity | null;
  metadata?: { ip?: string; userAgent?: string };
}

type CommitListener = (tables: Set<string>, ts: bigint) => void;

type TestAccessor = ReturnType<ConvexTestInternals["convexTest"]>;

/**
 * Callbacks started from inside a function (commit notifications, re-armed
 * timers) must not inherit convex-test's AsyncLocalStorage contexts: a query
 * started there would believe it is nested inside the finished mutation.
 */
const runInRootContext = AsyncLocalStorage.snapshot();

export function tableNameFromId(id: string): string {
  return id.replace(/^[0-9]+/, "");
}

/**
 * Runs the app's Convex functions on convex-test's engine, one long-lived
 * instance whose database is restored from and journaled to a `DataStore`.
 */
export class Engine {
  private readonly commitListeners = new Set<CommitListener>();
  private readonly reloadListeners = new Set<() => void>();
  private readonly db: DatabaseFake;
  private reloading: Promise<void> = Promise.resolve();
  private generations = 1;

  private constructor(
    private readonly internals: ConvexTestInternals,
    private readonly t: TestAccessor,
    private readonly global: ConvexGlobal,
    private app: AppModules,
    private readonly store: DataStore,
    private readonly convexDir: string,
  ) {
    this.db = global.components[""]!.db;
  }

  static async start(options: { convexDir: string; store: DataStore; state: StoredState }): Promise<Engine> {
    const internals = await loadConvexTest();
    installConsoleCapture(() => logSinkFor(internals));
    const app = await loadAppModules(options.convexDir, 1);
    // convex-test locates modules relative to a `_generated` path; the engine
    // replaces the module loader right away, so one marker entry suffices.
    const marker = { [`${options.convexDir}/_generated/marker.js`]: async () => ({}) };
    const schema = (app.schema ?? undefined) as SchemaDefinition<GenericSchema, boolean> | undefined;
    const t = internals.convexTest({ schema, modules: marker });
    let global: ConvexGlobal | undefined;
    await t.run(async () => {
      global = internals.convexGlobalStorage.getStore();
    });
    const engine = new Engine(internals, t, global!, app, options.store, options.convexDir);
    engine.installModuleLoader();
    engine.restore(options.state);
    engine.observeDatabase();
    engine.rearmScheduledFunctions();
    return engine;
  }

  get authConfig() {
    return this.app.authConfig;
  }

  get cronJobs() {
    return this.app.cronJobs;
  }

  currentTs(): bigint {
    return this.global.transactionManager._lastCommitTs;
  }

  onCommit(listener: CommitListener): () => void {
    this.commitListeners.add(listener);
    return () => this.commitListeners.delete(listener);
  }

  onReload(listener: () => void): () => void {
    this.reloadListeners.add(listener);
    return () => this.reloadListeners.delete(listener);
  }

  async call(request: CallRequest): Promise<CallResult> {
    const context = newCallContext("");
    const failure = (errorMessage: string, errorData?: JSONValue): CallResult => ({
      ok: false,
      errorMessage,
      ...(errorData === undefined ? {} : { errorData }),
      ...this.effects(context),
    });
    const resolved = this.resolve(request);
    if ("error" in resolved) return failure(resolved.error);
    context.label = `${KIND_PREFIX[resolved.kind]}(${resolved.canonical})`;
    let args: Value;
    try {
      args = jsonToConvex(request.args as JSONValue);
    } catch (error) {
      return failure(`Invalid arguments for ${resolved.canonical}: ${(error as Error).message}`);
    }
    if (typeof args !== "object" || args === null || Array.isArray(args) || args instanceof ArrayBuffer) {
      return failure(`Invalid arguments for ${resolved.canonical}: expected an object`);
    }
    const accessor = this.accessorFor(request.identity, request.metadata);
    const ref = <K extends FunctionKind>() =>
      makeFunctionReference(resolved.canonical) as FunctionReference<K, "public", Record<string, Value>, Value>;
    const fnArgs = args as Record<string, Value>;
    const started = Date.now();
    try {
      const value = await callStorage.run(context, () => {
        switch (resolved.kind) {
          case "query":
            return accessor.query(ref<"query">(), fnArgs);
          case "mutation":
            return accessor.mutation(ref<"mutation">(), fnArgs);
          case "action":
            return accessor.action(ref<"action">(), fnArgs);
        }
      });
      if (resolved.kind !== "query" && !request.quiet) reporter.functionDone(context.label, Date.now() - started);
      return {
        ok: true,
        value: convexToJson(value as Value),
        ...this.effects(context),
      };
    } catch (error) {
      const formatted = formatFunctionError(error, this.convexDir);
      if (!request.quiet) reporter.functionDone(context.label, Date.now() - started, formatted.errorMessage);
      return failure(formatted.errorMessage, formatted.errorData);
    }
  }

  /** Runs an HTTP action, as the deployment's site URL would. */
  async fetch(call: HttpCall): Promise<Response> {
    const method = call.init.method ?? "GET";
    const pathname = call.pathWithQuery.split("?")[0];
    const context = newCallContext(`H(${method} ${pathname})`);
    const started = Date.now();
    try {
      const response = await callStorage.run(context, () =>
        this.accessorFor(call.identity, call.metadata).fetch(call.pathWithQuery, call.init),
      );
      reporter.functionDone(`${context.label} ${response.status}`, Date.now() - started);
      return response;
    } catch (error) {
      const { errorMessage } = formatFunctionError(error, this.convexDir);
      reporter.functionDone(context.label, Date.now() - started, errorMessage);
      return new Response(errorMessage, { status: 500, headers: { "content-type": "text/plain; charset=utf-8" } });
    }
  }

  /** Re-imports `convex/`. Keeps the previous code when the new code fails to load or its schema rejects existing data. */
  reload(): Promise<boolean> {
    const next = this.reloading.then(() => this.reloadOnce());
    this.reloading = next.then(() => undefined);
    return next;
  }

  private async reloadOnce(): Promise<boolean> {
    let next: AppModules;
    try {
      // A fresh namespace every attempt: Node caches a failed import by URL.
      next = await loadAppModules(this.convexDir, ++this.generations);
    } catch (error) {
      reporter.error(`✖ Reload failed, still serving the previous code:\n${(error as Error).stack ?? error}`);
      return false;
    }
    let schema: unknown;
    try {
      schema = this.schemaFor(next);
    } catch (error) {
      await next.dispose();
      reporter.error(`✖ Schema rejected, still serving the previous code: ${(error as Error).message}`);
      return false;
    }
    const previous = this.app;
    this.app = next;
    this.db._schema = schema;
    await previous.dispose();
    reporter.info(`✔ Convex functions reloaded (${next.modulePaths.length} modules)`);
    for (const listener of this.reloadListeners) listener();
    return true;
  }

  /** Writes a snapshot of the whole database and empties the journal. */
  compact(): void {
    this.store.compact(this.encodedDocuments(), this.counters());
  }

  private effects(context: CallContext): CallEffects {
    const { logLines, tablesRead, tablesWritten, commitTs } = context;
    return { logLines, tablesRead, tablesWritten, ts: commitTs ?? this.currentTs() };
  }

  private resolve(request: CallRequest) {
    const path = parseFunctionPath(request.udfPath);
    const notFound = () => ({
      error: `Could not find public function for '${path?.canonical ?? String(request.udfPath)}'. Did you forget to run \`npx convex dev\` or \`npx convex deploy\`?`,
    });
    if (!path || !this.app.modulePaths.includes(path.modulePath)) return notFound();
    const description = describeExport(this.app.exportsOf(path.modulePath)?.[path.exportName]);
    if (!description || (!description.isPublic && !request.admin)) return notFound();
    if (request.kind !== "any" && request.kind !== description.kind) {
      return {
        error: `Trying to execute ${path.canonical} as ${KIND_TITLE[request.kind]}, but it is defined as ${KIND_TITLE[description.kind]}.`,
      };
    }
    return { kind: description.kind, canonical: path.canonical };
  }

  private accessorFor(identity: Identity | null, metadata: HttpCall["metadata"]) {
    const withAuth = identity ? this.t.withIdentity(identity) : this.t;
    return withAuth.withRequestMetadata({ ip: metadata?.ip, userAgent: metadata?.userAgent });
  }

  private installModuleLoader(): void {
    this.global.components[""]!.modules = (modulePath: string) => this.app.importModule(modulePath);
  }

  private schemaFor(app: AppModules): unknown {
    const probe = new this.internals.DatabaseFake(app.schema as never, "");
    for (const doc of Object.values(this.db._documents)) {
      const table = tableNameFromId(doc._id);
      if (table.startsWith("_")) continue;
      try {
        probe._validate(table, withoutSystemFields(doc));
      } catch (error) {
        throw new Error(`document ${doc._id} in table "${table}" does not match: ${(error as Error).message}`);
      }
    }
    return probe._schema;
  }

  private restore(state: StoredState): void {
    for (const [id, doc] of state.documents) this.db._documents[id] = jsonToConvex(doc as JSONValue) as Doc;
    this.db._nextDocId = state.nextDocId;
    this.db._lastCreationTime = state.lastCreationTime;
    this.global.transactionManager._lastCommitTs = BigInt(state.lastCommitTs);
  }

  private counters() {
    return {
      nextDocId: this.db._nextDocId,
      lastCreationTime: this.db._lastCreationTime,
      lastCommitTs: String(this.currentTs()),
    };
  }

  private encodedDocuments(): JsonDoc[] {
    return Object.values(this.db._documents).map((doc) => convexToJson(doc as Value) as JsonDoc);
  }

  /** Journals every top-level commit and tells listeners which tables changed; records what queries read. */
  private observeDatabase(): void {
    const db = this.db;
    const commit = db.commit.bind(db);
    db.commit = (commitTs) => {
      const topLevelWrites = db._writes.length === 1 ? db._writes[0] : undefined;
      commit(commitTs);
      const ids = Object.keys(topLevelWrites ?? {});
      if (ids.length === 0 || commitTs === undefined || commitTs === null) return;
      const record: CommitRecord = {
        writes: ids.map((id) => [id, db._documents[id] ? (convexToJson(db._documents[id] as Value) as JsonDoc) : null]),
        ...this.counters(),
      };
      this.store.append(record);
      if (this.store.needsCompaction()) this.compact();
      const tables = new Set(ids.map(tableNameFromId));
      const context = callStorage.getStore();
      if (context) {
        context.commitTs = commitTs;
        for (const table of tables) context.tablesWritten.add(table);
      }
      runInRootContext(() =>
        setImmediate(() => {
          for (const listener of this.commitListeners) listener(tables, commitTs);
        }),
      );
    };
    const get = db.get.bind(db);
    db.get = (table, id) => {
      if (typeof id === "string") callStorage.getStore()?.tablesRead.add(tableNameFromId(id));
      return get(table, id);
    };
    const iterate = db._iterateDocs.bind(db);
    db._iterateDocs = (table, callback) => {
      callStorage.getStore()?.tablesRead.add(table);
      iterate(table, callback);
    };
  }

  /**
   * convex-test arms a timer per scheduled function when it is scheduled;
   * after a restart those timers are gone, so arm them again. A job that was
   * running when the process stopped is retried if it is a mutation (it never
   * committed) and marked failed if it is an action (actions run at most once).
   */
  private rearmScheduledFunctions(): void {
    for (const job of Object.values(this.db._documents)) {
      if (tableNameFromId(job._id) !== "_scheduled_functions") continue;
      const state = (job.state as { kind: string }).kind;
      if (state !== "pending" && state !== "inProgress") continue;
      const name = job.name as string;
      if (state === "inProgress") {
        if (this.kindOf(name) === "action") {
          this.db._documents[job._id] = { ...job, state: { kind: "failed" }, completedTime: Date.now() };
          continue;
        }
        this.db._documents[job._id] = { ...job, state: { kind: "pending" } };
      }
      const delay = Math.max(0, (job.scheduledTime as number) - Date.now());
      runInRootContext(() =>
        setTimeout(() => {
          void this.internals.convexGlobalStorage.run(this.global, () =>
            this.internals.runScheduledFunction({
              db: this.db,
              jobId: job._id,
              componentPath: "",
              functionPath: { componentPath: "", udfPath: name },
              args: (job.args as Record<string, unknown>[])[0] ?? {},
              name,
            }),
          );
        }, delay),
      );
    }
  }

  private kindOf(udfPath: string): FunctionKind | null {
    const path = parseFunctionPath(udfPath);
    return path ? (describeExport(this.app.exportsOf(path.modulePath)?.[path.exportName])?.kind ?? null) : null;
  }
}

function withoutSystemFields(doc: Doc): Doc {
  const fields: Record<string, unknown> = { ...doc };
  delete fields._id;
  delete fields._creationTime;
  return fields as Doc;
}

function newCallContext(label: string): CallContext {
  return { logLines: [], tablesRead: new Set(), tablesWritten: new Set(), commitTs: null, label };
}

function logSinkFor(internals: ConvexTestInternals) {
  const execution = internals.executionContextStorage.getStore();
  if (!execution) return undefined;
  // Scheduled functions inherit the async context of whoever scheduled them;
  // their output belongs to the terminal, not to that earlier caller.
  const scheduled = internals.requestMetadataStorage.getStore()?.scheduledFunctionId;
  const call = scheduled ? undefined : callStorage.getStore();
  const label =
    execution.udfType === "http" && call
      ? call.label
      : `${KIND_PREFIX[execution.udfType]}(${execution.udfPath})`;
  return (level: string, line: string) => {
    call?.logLines.push(line);
    reporter.functionLog(label, line, level);
  };
}
