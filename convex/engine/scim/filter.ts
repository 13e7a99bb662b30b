import { parse, Tester, type Filter } from "scim2-parse-filter";
import { ScimError } from "./errors";
import type { Json } from "./resources";

/**
 * SCIM filters (RFC 7644 §3.4.2.2): parsed by scim2-parse-filter, evaluated
 * on resources with its tester — case-insensitively, as the core schema
 * says for userName, emails, displayName and the rest, except the case-exact
 * `id` and `externalId`. The existence checks IdPs send before every create
 * (`userName eq`, `externalId eq`, `displayName eq`) are answered from an
 * index instead of a scan.
 */
const MAX_FILTER_LENGTH = 1000;
const CASE_EXACT = new Set(["id", "externalid"]);

export type IndexedLookup = { attribute: "userName" | "externalId" | "displayName" | "id"; value: string };

export function parseFilter(text: string): Filter {
  if (text.length > MAX_FILTER_LENGTH) throw new ScimError(400, `The filter is longer than ${MAX_FILTER_LENGTH} characters.`, "invalidFilter");
  try {
    return parse(text);
  } catch (error) {
    throw new ScimError(400, `The filter can't be parsed: ${error instanceof Error ? error.message : String(error)}`, "invalidFilter");
  }
}

/** An `<indexed attribute> eq "<string>"` filter, or null. */
export function indexedLookup(filter: Filter, attributes: ReadonlyArray<IndexedLookup["attribute"]>): IndexedLookup | null {
  if (filter.op !== "eq" || !("attrPath" in filter) || typeof filter.compValue !== "string") return null;
  const attribute = attributes.find((name) => name.toLowerCase() === filter.attrPath.toLowerCase());
  return attribute ? { attribute, value: filter.compValue } : null;
}

class CaseInsensitiveTester extends Tester {
  override test(resource: unknown, filter: Filter): boolean {
    if ("compValue" in filter && typeof filter.compValue === "string" && !CASE_EXACT.has(filter.attrPath.toLowerCase())) {
      return super.test(lowerStrings(resource), { ...filter, compValue: filter.compValue.toLowerCase() });
    }
    return super.test(resource, filter);
  }
}

function lowerStrings(value: unknown): unknown {
  if (typeof value === "string") return value.toLowerCase();
  if (Array.isArray(value)) return value.map(lowerStrings);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, lowerStrings(inner)]));
  return value;
}

const tester = new CaseInsensitiveTester();

export function matches(resource: Json, filter: Filter): boolean {
  return tester.test(resource, filter);
}
