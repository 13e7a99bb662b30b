import { expect } from "vitest";
import schema from "../../convex/schema";
import type { Backend } from "./convex";
import { findLeaks, textOf, type Needle } from "./leaks";

/**
 * The checks the authorization matrices (convex/authorization.test.ts,
 * convex/auth/group.authorization.test.ts) make of every call: a refusal
 * carries a stable code and nothing else, and changes nothing.
 */
export type Outcome = { ok: true; value: unknown } | { ok: false; code: string; error: unknown };

export async function outcomeOf(promise: Promise<unknown>): Promise<Outcome> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    const data = (error as { data?: { code?: unknown } }).data;
    const code = typeof data?.code === "string" ? data.code : `untyped error: ${(error as Error).message}`;
    return { ok: false, code, error };
  }
}

/**
 * A refusal with `code` whose error holds exactly `{ code, message }`, and
 * whose message names none of `secrets` (ids, emails, secrets of tenants the
 * caller may not see).
 */
export function expectRefusal(label: string, outcome: Outcome, code: string, secrets: Needle[]): void {
  expect([label, outcome.ok ? "allowed" : outcome.code]).toEqual([label, code]);
  if (outcome.ok) return;
  const data = (outcome.error as { data?: object }).data;
  expect([label, Object.keys(data ?? {}).sort()]).toEqual([label, ["code", "message"]]);
  expect([label, findLeaks(textOf(data), secrets)]).toEqual([label, []]);
}

/** Every document of every table, and the scheduled jobs: a refused call must leave them as they were. */
export async function dbSnapshot(t: Backend): Promise<unknown> {
  // Background work (webhook deliveries) started by the set-up must not change the database mid-comparison.
  await t.finishInProgressScheduledFunctions();
  return await t.run(async (ctx) => {
    const tables: Record<string, unknown[]> = {};
    for (const table of Object.keys(schema.tables) as Array<keyof typeof schema.tables>) tables[table] = await ctx.db.query(table).collect();
    tables._scheduled_functions = await ctx.db.system.query("_scheduled_functions").collect();
    return tables;
  });
}

/**
 * `target` behind a proxy that records which of its fields a call reads:
 * the arguments a matrix entry builds from the tenant's ids, found without
 * restating them, so each can be swapped for another tenant's.
 */
export function recordingTarget<T extends object>(target: T): { proxy: T; used: Set<string> } {
  const used = new Set<string>();
  const proxy = new Proxy(target, {
    get(object, key, receiver) {
      if (typeof key === "string") used.add(key);
      return Reflect.get(object, key, receiver) as unknown;
    },
  });
  return { proxy, used };
}
