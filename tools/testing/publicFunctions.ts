import { makeFunctionReference, type FunctionReference } from "convex/server";
import type { TestUser } from "./convex";

/**
 * Every public Convex function of the app, found from the registered function
 * objects themselves (Convex's `query`/`mutation`/`action` builders mark them
 * `isPublic`), not from a hand-written list: tests that must cover every
 * public function fail as soon as one is added without being covered.
 */
const modules = import.meta.glob<Record<string, unknown>>(["/convex/**/*.ts", "!/convex/**/*.test.ts", "!/convex/_generated/**"], {
  eager: true,
});

export type FunctionKind = "query" | "mutation" | "action";

/** A Convex validator as `exportArgs()` describes it (convex/values' ValidatorJSON). */
export type ValidatorJson =
  | { type: "null" | "number" | "bigint" | "boolean" | "string" | "bytes" | "any" }
  | { type: "literal"; value: unknown }
  | { type: "id"; tableName: string }
  | { type: "array"; value: ValidatorJson }
  | { type: "record"; keys: ValidatorJson; values: { fieldType: ValidatorJson } }
  | { type: "object"; value: Record<string, { fieldType: ValidatorJson; optional: boolean }> }
  | { type: "union"; value: ValidatorJson[] };

export interface PublicFunction {
  /** As clients name it: `auth/group:signIn`. */
  path: string;
  /** `auth/group` for convex/auth/group.ts. */
  module: string;
  name: string;
  kind: FunctionKind;
  args: ValidatorJson;
}

interface Registered {
  isPublic?: boolean;
  isQuery?: boolean;
  isMutation?: boolean;
  isAction?: boolean;
  exportArgs(): string;
}

export function publicFunctions(): PublicFunction[] {
  const found: PublicFunction[] = [];
  for (const [file, exports] of Object.entries(modules)) {
    const modulePath = file.replace(/^\/convex\//, "").replace(/\.ts$/, "");
    for (const [name, value] of Object.entries(exports)) {
      if (typeof value !== "function") continue;
      const fn = value as Partial<Registered>;
      if (fn.isPublic !== true) continue;
      const kind: FunctionKind | undefined = fn.isQuery ? "query" : fn.isMutation ? "mutation" : fn.isAction ? "action" : undefined;
      if (!kind) throw new Error(`${modulePath}:${name} is public but neither a query, a mutation nor an action.`);
      found.push({ path: `${modulePath}:${name}`, module: modulePath, name, kind, args: JSON.parse(fn.exportArgs!()) as ValidatorJson });
    }
  }
  return found.sort((a, b) => a.path.localeCompare(b.path));
}

/** A reference convex-test (and the Convex clients) can call by path. */
export function referenceTo(fn: PublicFunction): FunctionReference<FunctionKind, "public"> {
  return makeFunctionReference<FunctionKind>(fn.path) as FunctionReference<FunctionKind, "public">;
}

/** Calls `fn` with `args` through a convex-test client (signed in or not). */
export function callAs(client: Pick<TestUser["client"], FunctionKind>, fn: PublicFunction, args: Record<string, unknown>): Promise<unknown> {
  const call = client[fn.kind] as unknown as (ref: FunctionReference<FunctionKind, "public">, args: unknown) => Promise<unknown>;
  return call.call(client, referenceTo(fn), args);
}

/**
 * Arguments that pass `fn`'s validator: `pick(name, validator)` chooses a
 * field's value (undefined: the default for its type, or left out when optional).
 */
export function sampleArgs(fn: PublicFunction, pick: (name: string, validator: ValidatorJson) => unknown): Record<string, unknown> {
  return sampleObject(fn.args, pick);
}

function sampleObject(validator: ValidatorJson, pick: (name: string, validator: ValidatorJson) => unknown): Record<string, unknown> {
  if (validator.type !== "object") throw new Error(`Arguments must be an object validator, not ${validator.type}.`);
  const args: Record<string, unknown> = {};
  for (const [name, { fieldType, optional }] of Object.entries(validator.value)) {
    const picked = pick(name, fieldType);
    if (picked !== undefined) args[name] = picked;
    else if (!optional) args[name] = sampleValue(fieldType, pick);
  }
  return args;
}

function sampleValue(validator: ValidatorJson, pick: (name: string, validator: ValidatorJson) => unknown): unknown {
  switch (validator.type) {
    case "string":
      return "";
    case "number":
      return 0;
    case "bigint":
      return 0n;
    case "boolean":
      return false;
    case "null":
      return null;
    case "bytes":
      return new ArrayBuffer(0);
    case "any":
    case "record":
      return {};
    case "array":
      return [];
    case "literal":
      return validator.value;
    case "union":
      return sampleValue(validator.value[0]!, pick);
    case "object":
      return sampleObject(validator, pick);
    case "id":
      throw new Error(`No sample for an id of ${validator.tableName}: pick one.`);
  }
}
