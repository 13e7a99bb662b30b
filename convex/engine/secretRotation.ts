import type { GenericDatabaseWriter, GenericDataModel } from "convex/server";
import { v, type Value } from "convex/values";
import { internal } from "../_generated/api";
import type { TableNames } from "../_generated/dataModel";
import { internalAction, internalMutation } from "../_generated/server";
import schema from "../schema";
import { currentKeyId, needsReseal, open, seal, type Sealed } from "./secret";

/**
 * Re-sealing secrets at rest after a new key is put in front of
 * ENCRYPTION_KEYS (see secret.ts): every sealed value whose key id isn't the
 * current key's is opened and sealed again with the current key, table by
 * table, in batches. Idempotent: a value already under the current key is
 * left alone, so a run cut short is simply run again. A value no listed key
 * opens is counted as unreadable and left as it is. `npm run keys:rotate`
 * (tools/keys-rotate.ts) runs it against a deployment.
 */
export interface RotationReport {
  keyId: string;
  /** Sealed values found, by the id of the key they were sealed with before this run. */
  found: Record<string, number>;
  resealed: number;
  unreadable: number;
}

const DEFAULT_BATCH_SIZE = 50;
const MAX_BATCH_SIZE = 500;

/** The tables whose documents hold a sealed value somewhere, read from the schema so a new one isn't missed. */
export function sealedTables(): TableNames[] {
  return Object.entries(schema.tables)
    .filter(([, table]) => containsSealed(table.validator))
    .map(([name]) => name as TableNames);
}

/** The parts of a convex/values validator that nest others. */
interface ValidatorNode {
  kind?: string;
  fields?: Record<string, ValidatorNode>;
  members?: ValidatorNode[];
  element?: ValidatorNode;
  value?: ValidatorNode;
}

function containsSealed(validator: object): boolean {
  const node = validator as ValidatorNode;
  if (node.kind === "object" && Object.keys(node.fields ?? {}).sort().join(",") === "ciphertext,iv,keyId") return true;
  const children = [...Object.values(node.fields ?? {}), ...(node.members ?? []), ...(node.element ? [node.element] : []), ...(node.kind === "record" && node.value ? [node.value] : [])];
  return children.some(containsSealed);
}

function isSealed(value: unknown): value is Sealed {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value).sort().join(",");
  return keys === "ciphertext,iv,keyId" && Object.values(value).every((field) => typeof field === "string");
}

interface Tally {
  found: Record<string, number>;
  resealed: number;
  unreadable: number;
}

/** `value` with every sealed value in it re-sealed under the current key (the same object when nothing changed). */
async function reseal(value: unknown, tally: Tally): Promise<unknown> {
  if (isSealed(value)) {
    tally.found[value.keyId] = (tally.found[value.keyId] ?? 0) + 1;
    if (!needsReseal(value)) return value;
    let plaintext: string;
    try {
      plaintext = await open(value);
    } catch {
      tally.unreadable += 1;
      return value;
    }
    tally.resealed += 1;
    return await seal(plaintext);
  }
  if (Array.isArray(value)) {
    const items = await Promise.all(value.map((item) => reseal(item, tally)));
    return items.some((item, index) => item !== value[index]) ? items : value;
  }
  if (typeof value === "object" && value !== null && !(value instanceof ArrayBuffer)) {
    const entries = await Promise.all(Object.entries(value).map(async ([key, item]) => [key, item, await reseal(item, tally)] as const));
    if (entries.every(([, before, after]) => before === after)) return value;
    return Object.fromEntries(entries.map(([key, , after]) => [key, after]));
  }
  return value;
}

export const rotateBatch = internalMutation({
  args: { table: v.string(), cursor: v.union(v.string(), v.null()), batchSize: v.number() },
  returns: v.object({
    found: v.record(v.string(), v.number()),
    resealed: v.number(),
    unreadable: v.number(),
    isDone: v.boolean(),
    continueCursor: v.string(),
  }),
  handler: async (ctx, args) => {
    const table = sealedTables().find((name) => name === args.table);
    if (!table) throw new Error(`${args.table} holds no sealed values.`);
    const page = await ctx.db.query(table).paginate({ cursor: args.cursor, numItems: args.batchSize });
    const tally: Tally = { found: {}, resealed: 0, unreadable: 0 };
    // The table is only known at run time: write through the untyped view of the same database.
    const db = ctx.db as unknown as GenericDatabaseWriter<GenericDataModel>;
    for (const doc of page.page) {
      const updated = await reseal(doc, tally);
      // `replace` takes the system fields back unchanged.
      if (updated !== doc) await db.replace(doc._id, updated as Record<string, Value>);
    }
    return { ...tally, isDone: page.isDone, continueCursor: page.continueCursor };
  },
});

/** Re-seals every table's secrets under the current key; returns what it found and did. */
export const rotate = internalAction({
  args: { batchSize: v.optional(v.number()) },
  returns: v.object({ keyId: v.string(), found: v.record(v.string(), v.number()), resealed: v.number(), unreadable: v.number() }),
  handler: async (ctx, args): Promise<RotationReport> => {
    const batchSize = Math.min(Math.max(Math.floor(args.batchSize ?? DEFAULT_BATCH_SIZE), 1), MAX_BATCH_SIZE);
    const report: RotationReport = { keyId: currentKeyId(), found: {}, resealed: 0, unreadable: 0 };
    for (const table of sealedTables()) {
      let cursor: string | null = null;
      for (;;) {
        const batch: { found: Record<string, number>; resealed: number; unreadable: number; isDone: boolean; continueCursor: string } =
          await ctx.runMutation(internal.engine.secretRotation.rotateBatch, { table, cursor, batchSize });
        for (const [keyId, count] of Object.entries(batch.found)) report.found[keyId] = (report.found[keyId] ?? 0) + count;
        report.resealed += batch.resealed;
        report.unreadable += batch.unreadable;
        if (batch.isDone) break;
        cursor = batch.continueCursor;
      }
    }
    // The deployment's log keeps a record of each run (counts and key ids only).
    console.log(`Key rotation to "${report.keyId}": re-sealed ${report.resealed}, unreadable ${report.unreadable}, found ${JSON.stringify(report.found)}`);
    return report;
  },
});
