/**
 * Function paths as clients send them: `"messages:list"`, `"dir/mod.js:fn"`,
 * or `"mod"` for a default export. Canonical form: `"dir/mod:fn"`.
 */
export interface FunctionPath {
  modulePath: string;
  exportName: string;
  canonical: string;
}

const SEGMENT = /^[A-Za-z0-9_\-.]+$/;
const EXPORT_NAME = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function parseFunctionPath(udfPath: unknown): FunctionPath | null {
  if (typeof udfPath !== "string" || udfPath.length === 0 || udfPath.length > 1024) return null;
  const colon = udfPath.indexOf(":");
  const file = colon === -1 ? udfPath : udfPath.slice(0, colon);
  const exportName = colon === -1 ? "default" : udfPath.slice(colon + 1);
  const modulePath = file.replace(/\.js$/, "");
  if (!EXPORT_NAME.test(exportName)) return null;
  if (!modulePath.split("/").every((segment) => SEGMENT.test(segment) && segment !== "." && segment !== "..")) {
    return null;
  }
  return { modulePath, exportName, canonical: `${modulePath}:${exportName}` };
}

export type FunctionKind = "query" | "mutation" | "action";

export const KIND_PREFIX: Record<FunctionKind | "http", string> = {
  query: "Q",
  mutation: "M",
  action: "A",
  http: "H",
};

export const KIND_TITLE: Record<FunctionKind, string> = {
  query: "Query",
  mutation: "Mutation",
  action: "Action",
};

interface RegisteredFunction {
  isQuery?: boolean;
  isMutation?: boolean;
  isAction?: boolean;
  isPublic?: boolean;
  isInternal?: boolean;
}

/** Describes an export, or returns null when it is not a Convex function. */
export function describeExport(value: unknown): { kind: FunctionKind; isPublic: boolean } | null {
  if ((typeof value !== "function" && typeof value !== "object") || value === null) return null;
  const fn = value as RegisteredFunction;
  const kind: FunctionKind | null = fn.isQuery ? "query" : fn.isMutation ? "mutation" : fn.isAction ? "action" : null;
  if (!kind) return null;
  return { kind, isPublic: fn.isPublic === true };
}
