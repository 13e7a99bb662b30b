import { ConvexError } from "convex/values";

/**
 * SCIM errors (RFC 7644 §3.12): every failure is a JSON body in the error
 * schema, `status` as a string, with a `scimType` where the RFC defines one.
 */
export const ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

export type ScimType = "invalidFilter" | "tooMany" | "uniqueness" | "mutability" | "invalidSyntax" | "invalidPath" | "noTarget" | "invalidValue" | "invalidVers" | "sensitive";

export type ScimStatus = 400 | 401 | 403 | 404 | 405 | 409 | 412 | 413 | 429 | 500 | 501;

/**
 * A ConvexError, so that its data survives `runMutation`: thrown out of a
 * mutation it undoes the writes, and the route still answers with it.
 */
export class ScimError extends ConvexError<{ scim: true; status: ScimStatus; scimType?: ScimType; detail: string }> {
  constructor(status: ScimStatus, detail: string, scimType?: ScimType) {
    super({ scim: true, status, detail, ...(scimType ? { scimType } : {}) });
  }
}

/** The SCIM error carried by an error that crossed `runMutation`/`runQuery`, if any. */
export function scimErrorData(error: unknown): ScimError["data"] | null {
  const data = (error as { data?: unknown })?.data;
  return data && typeof data === "object" && (data as { scim?: unknown }).scim === true ? (data as ScimError["data"]) : null;
}

export interface ScimReply {
  status: number;
  body: unknown;
  /** Only for replies that name a resource (ETag). */
  version?: number;
  location?: string;
  /** Seconds, for a 429. */
  retryAfter?: number;
}

export function errorReply({ status, scimType, detail }: ScimError["data"]): ScimReply {
  return { status, body: { schemas: [ERROR_SCHEMA], status: String(status), ...(scimType ? { scimType } : {}), detail } };
}

/** A reply as it crosses `runQuery`/`runMutation`: JSON text, since SCIM uses keys Convex values can't hold (`$ref`). */
export type WireReply = Omit<ScimReply, "body"> & { body: string | null };

export function toWire(reply: ScimReply): WireReply {
  return { ...reply, body: reply.body === null ? null : JSON.stringify(reply.body) };
}
