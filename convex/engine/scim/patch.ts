import { scimPatch, type ScimPatchOperation } from "scim-patch";
import { ScimError, type ScimType } from "./errors";
import { normalizeBooleans, type Json } from "./resources";

/**
 * PATCH (RFC 7644 §3.5.2) with the `scim-patch` library, after bringing the
 * IdPs' variants into the RFC's shape: capitalised ops (`Replace`),
 * "True"/"False" strings, and path-less operations whose value holds paths as
 * keys (`{ "name.givenName": "Ada", "urn:…:enterprise:2.0:User:department": "R&D" }`),
 * which become one operation per key.
 */
export const PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const MAX_OPERATIONS = 1000;
// scim-patch walks paths and merges values with plain property writes, so these names would reach
// Object.prototype (every object in the process) instead of the resource.
const PROTOTYPE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

export function readPatch(body: unknown): ScimPatchOperation[] {
  const request = body as { schemas?: unknown; Operations?: unknown };
  if (!Array.isArray(request?.schemas) || !request.schemas.includes(PATCH_SCHEMA)) throw new ScimError(400, `A PATCH body names the schema ${PATCH_SCHEMA}.`, "invalidSyntax");
  if (!Array.isArray(request.Operations) || request.Operations.length === 0) throw new ScimError(400, "A PATCH body has a non-empty Operations list.", "invalidSyntax");
  if (request.Operations.length > MAX_OPERATIONS) throw new ScimError(413, `At most ${MAX_OPERATIONS} operations per request.`);
  return request.Operations.flatMap(normalizeOperation);
}

function normalizeOperation(raw: unknown): ScimPatchOperation[] {
  const operation = raw as { op?: unknown; path?: unknown; value?: unknown };
  const op = typeof operation?.op === "string" ? operation.op.toLowerCase() : "";
  if (op !== "add" && op !== "replace" && op !== "remove") throw new ScimError(400, `Unknown PATCH op "${String(operation?.op)}" (add, replace or remove).`, "invalidSyntax");
  if (operation.path !== undefined && typeof operation.path !== "string") throw new ScimError(400, "A PATCH path is a string.", "invalidPath");
  if (operation.path !== undefined && operation.path.split(/[^\w$]+/).some((segment) => PROTOTYPE_KEYS.has(segment))) {
    throw new ScimError(400, "A PATCH path can't name __proto__, constructor or prototype.", "invalidPath");
  }
  if (hasPrototypeKey(operation.value)) throw new ScimError(400, "A PATCH value can't have __proto__, constructor or prototype keys.", "invalidValue");
  const value = normalizeBooleans(operation.value);
  if (op === "remove") {
    if (!operation.path) throw new ScimError(400, "A remove operation needs a path.", "noTarget");
    return [{ op, path: operation.path, ...(value === undefined ? {} : { value }) }];
  }
  if (operation.path === undefined && value && typeof value === "object" && !Array.isArray(value)) {
    return Object.entries(value as Json).map(([path, inner]) => ({ op, path, value: inner }));
  }
  return [{ op, ...(operation.path === undefined ? {} : { path: operation.path }), value }];
}

function hasPrototypeKey(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasPrototypeKey);
  if (!value || typeof value !== "object") return false;
  // Path-less operations carry paths as keys ("name.givenName"): each key is checked like a path.
  return Object.entries(value).some(([key, inner]) => key.split(/[^\w$]+/).some((segment) => PROTOTYPE_KEYS.has(segment)) || hasPrototypeKey(inner));
}

export function applyPatch<T extends Json>(resource: T, operations: ScimPatchOperation[]): T {
  const withMeta = { ...resource, meta: { created: new Date(0), lastModified: new Date(0) }, schemas: (resource.schemas as string[] | undefined) ?? [] };
  try {
    const patched = scimPatch(withMeta, operations, { mutateDocument: false, treatMissingAsAdd: true }) as Json;
    delete patched.meta;
    return patched as T;
  } catch (error) {
    const scimType = (error as { scimCode?: string }).scimCode;
    throw new ScimError(400, `The PATCH can't be applied: ${error instanceof Error ? error.message : String(error)}`, (scimType as ScimType | undefined) ?? "invalidValue");
  }
}
