import type { Doc, Id } from "../../_generated/dataModel";
import type { QueryCtx } from "../../_generated/server";
import { sha256 } from "../tokens";
import { ScimError } from "./errors";

/**
 * SCIM callers authenticate with a connection's bearer token. The token is
 * compared by its SHA-256 against the connection named in the URL only, so
 * a token of connection A can never reach B's resources. A rotated-out token
 * keeps working until its overlap window ends.
 */
export async function authenticate(ctx: QueryCtx, connectionId: string, token: string | null): Promise<Doc<"connections"> & { scim: NonNullable<Doc<"connections">["scim"]> }> {
  const id = ctx.db.normalizeId("connections", connectionId);
  const connection = id ? await ctx.db.get(id) : null;
  if (!token || !connection?.scim || connection.scim.status !== "enabled") throw new ScimError(401, "Authentication failed: a valid bearer token for this connection is required.");
  const hash = await sha256(token);
  const now = Date.now();
  const valid = connection.scim.tokens.some((candidate) => candidate.hash === hash && (candidate.expiresTime === undefined || candidate.expiresTime > now));
  if (!valid) throw new ScimError(401, "Authentication failed: a valid bearer token for this connection is required.");
  return connection as Doc<"connections"> & { scim: NonNullable<Doc<"connections">["scim"]> };
}

export type ScimConnection = Awaited<ReturnType<typeof authenticate>>;

export function scimBaseUrl(connectionId: Id<"connections">): string {
  return `${(process.env.CONVEX_SITE_URL ?? "").replace(/\/$/, "")}/scim/v2/${connectionId}`;
}
