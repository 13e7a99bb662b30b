import { AsyncLocalStorage } from "node:async_hooks";
import { getDocumentSize, jsonToConvex, type JSONValue, type Value } from "convex/values";
import type { ConvexGlobal, DatabaseFake, Doc } from "../embedded-convex/engine/internals";

/**
 * The read meter: documents and bytes an operation reads and writes, counted
 * inside convex-test's engine, so the figures are the same on every machine.
 *
 * What counts, as Convex bills it:
 * - a point read (`db.get`) that finds a document: one read of its size;
 * - a query: every index row it passes over, including the rows a `.filter()`
 *   drops (convex-test filters before handing rows out, so the meter replays
 *   the scan: a `.first()` stops at the first match, `.collect()` reads the
 *   whole range);
 * - a page (`.paginate()`): the rows scanned to fill it;
 * - `insert`, `patch`, `replace`, `delete`: one write (the new document's
 *   size; 0 bytes for a delete), and a patch, replace or delete first reads
 *   the document it changes, as convex-test's own transaction metrics count it.
 * Each access counts, as in convex-test's metrics: a document read twice is
 * two reads. System tables (`_scheduled_functions`, `_storage`) don't count,
 * and neither does the work of functions the operation schedules.
 */
export interface Usage {
  documentsRead: number;
  bytesRead: number;
  documentsWritten: number;
  bytesWritten: number;
}

export function emptyUsage(): Usage {
  return { documentsRead: 0, bytesRead: 0, documentsWritten: 0, bytesWritten: 0 };
}

/** What one operation has used so far; closed when the operation returns, so late work can't add to it. */
export class Tally {
  private readonly usage = emptyUsage();
  private readonly closers: Array<() => void> = [];
  private open = true;

  read(doc: Doc): void {
    if (!this.open || isSystemDocument(doc)) return;
    this.usage.documentsRead += 1;
    this.usage.bytesRead += getDocumentSize(doc as Record<string, Value>);
  }

  write(doc: Doc | null, table: string): void {
    if (!this.open || table.startsWith("_")) return;
    this.usage.documentsWritten += 1;
    this.usage.bytesWritten += doc ? getDocumentSize(doc as Record<string, Value>) : 0;
  }

  /** Runs `closer` when the operation ends (to forget the streams it left unfinished). */
  onClose(closer: () => void): void {
    this.closers.push(closer);
  }

  close(): Usage {
    this.open = false;
    for (const closer of this.closers.splice(0)) closer();
    return { ...this.usage };
  }
}

function isSystemDocument(doc: Doc): boolean {
  return tableOf(doc._id).startsWith("_");
}

/** convex-test's ids are `<number><table>`. */
function tableOf(id: string): string {
  return id.replace(/^[0-9]+/, "");
}

/**
 * How a query stream scans its index range: the rows in order, the results
 * (rows that pass the filter, up to the limit) and, for each result, how many
 * rows had been scanned once it was found.
 */
export interface StreamPlan<T> {
  results: T[];
  /** `scannedThrough[k]`: rows scanned up to and including result k. */
  scannedThrough: number[];
  /** Rows scanned once the stream reports it is done. */
  scannedAtEnd: number;
}

export function planStream<T>(rows: readonly T[], matches: (row: T) => boolean, limit: number | null): StreamPlan<T> {
  const results: T[] = [];
  const scannedThrough: number[] = [];
  for (let index = 0; index < rows.length; index++) {
    if (limit !== null && results.length >= limit) break;
    if (!matches(rows[index]!)) continue;
    results.push(rows[index]!);
    scannedThrough.push(index + 1);
  }
  const limited = limit !== null && results.length >= limit;
  return { results, scannedThrough, scannedAtEnd: limited ? (scannedThrough.at(-1) ?? 0) : rows.length };
}

/** Charges a stream's scanned rows to a tally as the caller pulls results. */
export class StreamCharge<T> {
  private charged = 0;
  private pulled = 0;

  constructor(
    private readonly rows: readonly T[],
    private readonly plan: StreamPlan<T>,
    private readonly charge: (row: T) => void,
  ) {}

  /** The caller took the next result, or learned there is none (`done`). */
  next(done: boolean): void {
    const through = done ? this.plan.scannedAtEnd : (this.plan.scannedThrough[this.pulled++] ?? this.plan.scannedAtEnd);
    while (this.charged < through) this.charge(this.rows[this.charged++]!);
  }
}

/** The parts of convex-test 0.0.60's database the meter wraps (see internals.ts for the pinning). */
interface QuerySource {
  sortedDocs: Doc[];
  filterFn: (doc: Doc) => boolean;
  limit: number | null;
}

interface MeteredDatabase extends DatabaseFake {
  _nextQueryId: number;
  _queryResults: Record<number, Doc[]>;
  _resolveQuerySource(query: unknown): QuerySource;
  startQuery(query: unknown): number;
  queryNext(queryId: number): { value: Doc | null; done: boolean };
  paginate(args: unknown): unknown;
}

type AsyncSyscall = (op: string, jsonArgs: string) => Promise<string>;

const current = new AsyncLocalStorage<Tally>();

/**
 * Installs the meter on one convex-test instance. `isScheduled` tells
 * whether the running function was scheduled (its work is not the caller's).
 */
export function installReadMeter(global: ConvexGlobal & { asyncSyscall: AsyncSyscall }, isScheduled: () => boolean): void {
  const db = global.components[""]!.db as MeteredDatabase;
  const active = () => {
    const tally = current.getStore();
    return tally && !isScheduled() ? tally : undefined;
  };

  const streams = new Map<number, StreamCharge<Doc>>();
  const startQuery = db.startQuery.bind(db);
  db.startQuery = (query) => {
    const tally = active();
    if (!tally) return startQuery(query);
    // convex-test's startQuery, with the scan recorded (`_evaluateQuery` filters, then applies the limit).
    const { sortedDocs, filterFn, limit } = db._resolveQuerySource(query);
    const plan = planStream(sortedDocs, filterFn, limit);
    const queryId = db._nextQueryId++;
    db._queryResults[queryId] = plan.results.slice();
    streams.set(queryId, new StreamCharge(sortedDocs, plan, (doc) => tally.read(doc)));
    tally.onClose(() => streams.delete(queryId));
    return queryId;
  };
  const queryNext = db.queryNext.bind(db);
  db.queryNext = (queryId) => {
    const result = queryNext(queryId);
    streams.get(queryId)?.next(result.done);
    if (result.done) streams.delete(queryId);
    return result;
  };

  // A page scans rows until it is full; convex-test calls the filter once per scanned row.
  const paginate = db.paginate.bind(db);
  db.paginate = (args) => {
    const tally = active();
    if (!tally) return paginate(args);
    db._resolveQuerySource = (query) => {
      const source = Object.getPrototypeOf(db)._resolveQuerySource.call(db, query) as QuerySource;
      return { ...source, filterFn: (doc) => (tally.read(doc), source.filterFn(doc)) };
    };
    try {
      return paginate(args);
    } finally {
      delete (db as Partial<MeteredDatabase>)._resolveQuerySource;
    }
  };

  const asyncSyscall = global.asyncSyscall;
  global.asyncSyscall = async (op, jsonArgs) => {
    const tally = active();
    if (!tally) return await asyncSyscall(op, jsonArgs);
    const args = JSON.parse(jsonArgs) as { table?: string; id?: string };
    switch (op) {
      case "1.0/get": {
        const result = await asyncSyscall(op, jsonArgs);
        const doc = jsonToConvex(JSON.parse(result) as JSONValue) as Doc | null;
        if (doc) tally.read(doc);
        return result;
      }
      case "1.0/insert": {
        const result = await asyncSyscall(op, jsonArgs);
        const { _id } = JSON.parse(result) as { _id: string };
        tally.write(db.get(args.table, _id), tableOf(_id));
        return result;
      }
      case "1.0/shallowMerge":
      case "1.0/replace":
      case "1.0/remove": {
        const id = args.id!;
        const before = db.get(args.table, id);
        if (before) tally.read(before);
        const result = await asyncSyscall(op, jsonArgs);
        tally.write(op === "1.0/remove" ? null : db.get(args.table, id), tableOf(id));
        return result;
      }
      default:
        return await asyncSyscall(op, jsonArgs);
    }
  };
}

/** Runs `operation` with a fresh tally; everything it reads and writes, through any number of functions, is counted. */
export async function metered<T>(operation: () => Promise<T>): Promise<{ value: T; usage: Usage; ms: number }> {
  const tally = new Tally();
  const started = performance.now();
  try {
    const value = await current.run(tally, operation);
    return { value, usage: tally.close(), ms: performance.now() - started };
  } finally {
    tally.close();
  }
}
