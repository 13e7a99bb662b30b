import { randomUUID } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import * as z from "zod";
import { dnsRecordSchema, recordsFileSchema, sameRecord, type DnsRecord } from "./record-schema";

/**
 * The dev DNS server's zone: a JSON file that the server re-reads when it
 * changes, and that /dev/dns and the CLI edit. Every write replaces the file
 * in one rename, so the server never reads half a file.
 */
export type { DnsRecord } from "./record-schema";

/** The records in `file`; a file that does not exist yet holds none. */
export async function readRecords(file: string): Promise<DnsRecord[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  return parseRecordsFile(file, text);
}

export function parseRecordsFile(file: string, text: string): DnsRecord[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = recordsFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? issue.path.join(".") : "the file";
    throw new Error(
      `${file} is not a records file (${where}: ${issue.message}). Expected {"records": [{"name": "_x.example.com", "type": "TXT", "value": "…"}]}.`,
    );
  }
  return parsed.data.records;
}

/** A record as given: the name is normalized and the value trimmed on the way in. */
export type RecordInput = z.input<typeof dnsRecordSchema>;

function validRecord(record: RecordInput): DnsRecord {
  const parsed = dnsRecordSchema.safeParse(record);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new Error(`Invalid DNS record (${issue.path.join(".")}): ${issue.message}`);
}

/** Replaces the file's records. */
export function writeRecords(file: string, records: DnsRecord[]): Promise<void> {
  return serialized(file, () => replaceFile(file, records));
}

/** Publishes a record; `added` is false when the very same record was already there. */
export async function addRecord(file: string, record: RecordInput): Promise<{ added: boolean; records: DnsRecord[] }> {
  const toAdd = validRecord(record);
  return serialized(file, async () => {
    const records = await readRecords(file);
    if (records.some((existing) => sameRecord(existing, toAdd))) return { added: false, records };
    const updated = [...records, toAdd];
    await replaceFile(file, updated);
    return { added: true, records: updated };
  });
}

/** Withdraws a record; `removed` is false when it was not there. */
export async function removeRecord(file: string, record: RecordInput): Promise<{ removed: boolean; records: DnsRecord[] }> {
  const toRemove = validRecord(record);
  return serialized(file, async () => {
    const records = await readRecords(file);
    const updated = records.filter((existing) => !sameRecord(existing, toRemove));
    if (updated.length === records.length) return { removed: false, records };
    await replaceFile(file, updated);
    return { removed: true, records: updated };
  });
}

async function replaceFile(file: string, records: DnsRecord[]): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  // Same directory, so the rename stays on one filesystem and is atomic.
  const temporary = `${file}.${process.pid}.${randomUUID()}.tmp`;
  try {
    await writeFile(temporary, `${JSON.stringify({ records }, null, 2)}\n`);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Read-modify-write cycles on one file run one after another within this
 * process (e.g. two clicks on /dev/dns), so none loses another's change.
 * Separate processes writing at the same moment could still race; in
 * development there is one page and one developer.
 */
const pending = new Map<string, Promise<unknown>>();

function serialized<T>(file: string, task: () => Promise<T>): Promise<T> {
  const key = path.resolve(file);
  const previous = pending.get(key) ?? Promise.resolve();
  const result = previous.catch(() => undefined).then(task);
  const settled = result.catch(() => undefined);
  pending.set(key, settled);
  void settled.then(() => {
    if (pending.get(key) === settled) pending.delete(key);
  });
  return result;
}
