import { ScimError, type ScimReply } from "./errors";
import { LIST_SCHEMA, type Json } from "./resources";

/** List responses (RFC 7644 §3.4.2): 1-based `startIndex`, `count` capped at MAX_COUNT. */
export const DEFAULT_COUNT = 100;
export const MAX_COUNT = 200;

export interface ListQuery {
  filter?: string;
  startIndex?: string;
  count?: string;
  attributes?: string;
  excludedAttributes?: string;
}

function integer(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed)) throw new ScimError(400, `${name} must be an integer.`, "invalidValue");
  return parsed;
}

export function pageOf<T>(rows: T[], query: ListQuery): { page: T[]; total: number; startIndex: number } {
  // Out-of-range values are clamped, as the RFC asks, rather than refused.
  const startIndex = Math.max(1, integer("startIndex", query.startIndex, 1));
  const count = Math.min(MAX_COUNT, Math.max(0, integer("count", query.count, DEFAULT_COUNT)));
  return { page: rows.slice(startIndex - 1, startIndex - 1 + count), total: rows.length, startIndex };
}

export function listReply(resources: Json[], total: number, startIndex: number): ScimReply {
  return { status: 200, body: { schemas: [LIST_SCHEMA], totalResults: total, startIndex, itemsPerPage: resources.length, Resources: resources } };
}
