import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";

/**
 * The embedded backend's database on disk: a snapshot plus a journal.
 *
 * - `snapshot.json`: every document (Convex JSON encoding) and the counters
 *   that ids and creation times continue from. Replaced atomically
 *   (write to a temp file, fsync, rename), so a crash leaves the old one.
 * - `journal.jsonl`: one line per committed transaction, appended before the
 *   caller learns the commit happened. Replaying the journal over the snapshot
 *   is idempotent (each line sets documents to their committed values), so a
 *   crash between renaming a new snapshot and truncating the journal is safe.
 *   A torn last line (crash mid-append) is dropped on recovery.
 */
export type JsonDoc = Record<string, unknown> & { _id: string };

export interface Counters {
  nextDocId: number;
  lastCreationTime: number;
  lastCommitTs: string;
}

export interface StoredState extends Counters {
  documents: Map<string, JsonDoc>;
}

export interface CommitRecord extends Counters {
  writes: Array<[id: string, doc: JsonDoc | null]>;
}

const FORMAT = 1;
/** Compact once the journal grows past this, so start-up replay stays short. */
const COMPACT_AFTER_BYTES = 8 * 1024 * 1024;

export class DataStore {
  private journalFd: number;
  private journalBytes: number;

  private constructor(
    readonly dir: string,
    private readonly lockFile: string,
  ) {
    const journal = join(dir, "journal.jsonl");
    this.journalFd = openSync(journal, "a");
    this.journalBytes = statSync(journal).size;
  }

  static open(dir: string, options: { reset?: boolean } = {}): { store: DataStore; state: StoredState } {
    if (options.reset) rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const lockFile = join(dir, "LOCK");
    claimLock(lockFile);
    const state = recover(dir);
    return { store: new DataStore(dir, lockFile), state };
  }

  append(record: CommitRecord): void {
    const line = JSON.stringify(record) + "\n";
    this.journalBytes += writeSync(this.journalFd, line);
  }

  needsCompaction(): boolean {
    return this.journalBytes > COMPACT_AFTER_BYTES;
  }

  /** Writes a new snapshot of `state` and empties the journal. */
  compact(documents: Iterable<JsonDoc>, counters: Counters): void {
    const snapshot = join(this.dir, "snapshot.json");
    const temp = `${snapshot}.tmp`;
    const fd = openSync(temp, "w");
    try {
      writeSync(fd, JSON.stringify({ format: FORMAT, ...counters, documents: [...documents] }));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, snapshot);
    fsyncDir(this.dir);
    closeSync(this.journalFd);
    this.journalFd = openSync(join(this.dir, "journal.jsonl"), "w");
    this.journalBytes = 0;
  }

  close(): void {
    fsyncSync(this.journalFd);
    closeSync(this.journalFd);
    rmSync(this.lockFile, { force: true });
  }
}

function recover(dir: string): StoredState {
  const state: StoredState = { documents: new Map(), nextDocId: 10000, lastCreationTime: 0, lastCommitTs: "0" };
  const snapshotFile = join(dir, "snapshot.json");
  if (existsSync(snapshotFile)) {
    const snapshot = JSON.parse(readFileSync(snapshotFile, "utf8")) as Counters & {
      format: number;
      documents: JsonDoc[];
    };
    if (snapshot.format !== FORMAT) {
      throw new Error(`${snapshotFile} has format ${snapshot.format}; this backend reads format ${FORMAT}`);
    }
    for (const doc of snapshot.documents) state.documents.set(doc._id, doc);
    applyCounters(state, snapshot);
  }
  const journalFile = join(dir, "journal.jsonl");
  if (!existsSync(journalFile)) return state;
  const lines = readFileSync(journalFile, "utf8").split("\n");
  let validBytes = 0;
  for (const line of lines) {
    if (line === "") continue;
    let record: CommitRecord;
    try {
      record = JSON.parse(line) as CommitRecord;
    } catch {
      break; // a torn write from a crash: everything after it is unreliable
    }
    for (const [id, doc] of record.writes) {
      if (doc === null) state.documents.delete(id);
      else state.documents.set(id, doc);
    }
    applyCounters(state, record);
    validBytes += Buffer.byteLength(line) + 1;
  }
  const raw = readFileSync(journalFile);
  if (validBytes < raw.length) writeFileSync(journalFile, raw.subarray(0, validBytes));
  return state;
}

function applyCounters(state: StoredState, counters: Counters): void {
  state.nextDocId = Math.max(state.nextDocId, counters.nextDocId);
  state.lastCreationTime = Math.max(state.lastCreationTime, counters.lastCreationTime);
  if (BigInt(counters.lastCommitTs) > BigInt(state.lastCommitTs)) state.lastCommitTs = counters.lastCommitTs;
}

function claimLock(lockFile: string): void {
  if (existsSync(lockFile)) {
    const pid = Number(readFileSync(lockFile, "utf8"));
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(`The data directory is in use by another embedded backend (pid ${pid}).`);
    }
  }
  writeFileSync(lockFile, String(process.pid));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  return !isZombie(pid);
}

/** A killed backend not yet reaped by its parent still answers signal 0, but holds nothing any more. */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z");
  } catch {
    return false;
  }
}

function fsyncDir(dir: string): void {
  const fd = openSync(dir, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
