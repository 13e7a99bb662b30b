import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import { auth } from "../../auth";
import { recordEvent } from "../audit";
import type { ScimConnection } from "./auth";
import { deprovision, provisionUser, reactivate, syncProfile } from "./directory";
import { ScimError, type ScimReply } from "./errors";
import { indexedLookup, matches, parseFilter } from "./filter";
import { applyPatch, readPatch } from "./patch";
import { normalizeBooleans, project, readUser, userResource, USER_SCHEMA, type Json } from "./resources";
import { listReply, pageOf, type ListQuery } from "./list";

/**
 * /Users: create (idempotent for a retried create), read, list with
 * filters, replace, patch and delete. Every write goes through the
 * directory rules (directory.ts) and is audited as `scim.operation`.
 */
export async function userRow(ctx: QueryCtx, connection: ScimConnection, id: string): Promise<Doc<"scimUsers">> {
  const rowId = ctx.db.normalizeId("scimUsers", id);
  const row = rowId ? await ctx.db.get(rowId) : null;
  // Another connection's user is as unknown as a made-up id.
  if (!row || row.connectionId !== connection._id) throw new ScimError(404, `User ${id} not found.`);
  return row;
}

async function byUserName(ctx: QueryCtx, connectionId: Id<"connections">, userName: string) {
  return await ctx.db
    .query("scimUsers")
    .withIndex("by_connectionId_and_userName", (q) => q.eq("connectionId", connectionId).eq("userName", userName.toLowerCase()))
    .unique();
}

async function byExternalId(ctx: QueryCtx, connectionId: Id<"connections">, externalId: string) {
  return await ctx.db
    .query("scimUsers")
    .withIndex("by_connectionId_and_externalId", (q) => q.eq("connectionId", connectionId).eq("externalId", externalId))
    .first();
}

export async function getUser(ctx: QueryCtx, connection: ScimConnection, id: string, baseUrl: string, query: ListQuery): Promise<ScimReply> {
  const row = await userRow(ctx, connection, id);
  return { status: 200, body: project(userResource(row, baseUrl), query.attributes, query.excludedAttributes), version: row.version, location: `${baseUrl}/Users/${row._id}` };
}

export async function listUsers(ctx: QueryCtx, connection: ScimConnection, query: ListQuery, baseUrl: string): Promise<ScimReply> {
  const filter = query.filter ? parseFilter(query.filter) : null;
  const lookup = filter ? indexedLookup(filter, ["userName", "externalId", "id"]) : null;
  let rows: Doc<"scimUsers">[];
  if (lookup?.attribute === "userName") rows = [await byUserName(ctx, connection._id, lookup.value)].filter((row) => row !== null);
  else if (lookup?.attribute === "externalId") rows = [await byExternalId(ctx, connection._id, lookup.value)].filter((row) => row !== null);
  else if (lookup?.attribute === "id") rows = [await userRow(ctx, connection, lookup.value).catch(() => null)].filter((row) => row !== null);
  else {
    const all = await ctx.db
      .query("scimUsers")
      .withIndex("by_connectionId_and_userName", (q) => q.eq("connectionId", connection._id))
      .collect();
    rows = filter ? all.filter((row) => matches(userResource(row, baseUrl), filter)) : all;
  }
  const { page, total, startIndex } = pageOf(rows, query);
  return listReply(
    page.map((row) => project(userResource(row, baseUrl), query.attributes, query.excludedAttributes)),
    total,
    startIndex,
  );
}

/** Stores `resource` as the user's state, applying what changed (link, activation) and auditing it. */
async function writeUser(ctx: MutationCtx, connection: ScimConnection, existing: Doc<"scimUsers"> | null, resource: Json, method: string): Promise<Doc<"scimUsers">> {
  const user = readUser(resource);
  const clash = await byUserName(ctx, connection._id, user.userName);
  if (clash && clash._id !== existing?._id) throw new ScimError(409, `userName ${user.userName} is already taken.`, "uniqueness");
  if (user.externalId) {
    const other = await byExternalId(ctx, connection._id, user.externalId);
    if (other && other._id !== existing?._id) throw new ScimError(409, `externalId ${user.externalId} is already taken.`, "uniqueness");
  }
  const hooks = auth.sso.hooks;
  const profile = { email: user.email, name: user.name };
  const userId = existing?.userId ?? (await provisionUser(ctx, { connection, profile, hooks }));
  if (existing) await syncProfile(ctx, { connection, userId, profile });
  const stored: Json = { ...resource, schemas: resource.schemas ?? [USER_SCHEMA] };
  delete stored.id;
  delete stored.meta;
  const fields = { userName: user.userName.toLowerCase(), externalId: user.externalId, active: user.active, resource: JSON.stringify(stored), lastModifiedTime: Date.now() };
  let rowId: Id<"scimUsers">;
  if (existing) {
    await ctx.db.patch(existing._id, { ...fields, version: existing.version + 1 });
    rowId = existing._id;
  } else {
    rowId = await ctx.db.insert("scimUsers", { ...fields, connectionId: connection._id, groupId: connection.groupId, userId, version: 1 });
  }
  const wasActive = existing ? existing.active : true;
  if (wasActive && !user.active) await deprovision(ctx, { connection, userId });
  if (!wasActive && user.active) await reactivate(ctx, { connection, userId });
  await audit(ctx, connection, { method, id: rowId, label: user.userName, change: existing ? (wasActive !== user.active ? (user.active ? "reactivated" : "deactivated") : "updated") : "created" });
  return (await ctx.db.get(rowId))!;
}

export async function createUser(ctx: MutationCtx, connection: ScimConnection, body: unknown, baseUrl: string): Promise<ScimReply> {
  const resource = normalizeBooleans(body) as Json;
  const user = readUser(resource);
  const existing = (user.externalId ? await byExternalId(ctx, connection._id, user.externalId) : null) ?? (await byUserName(ctx, connection._id, user.userName));
  // A retried create (same userName and externalId) answers with what the first one made.
  if (existing && existing.userName === user.userName.toLowerCase() && existing.externalId === user.externalId) {
    return { status: 201, body: userResource(existing, baseUrl), version: existing.version, location: `${baseUrl}/Users/${existing._id}` };
  }
  const row = await writeUser(ctx, connection, null, resource, "POST");
  return { status: 201, body: userResource(row, baseUrl), version: row.version, location: `${baseUrl}/Users/${row._id}` };
}

export async function replaceUser(ctx: MutationCtx, connection: ScimConnection, id: string, body: unknown, baseUrl: string): Promise<ScimReply> {
  const row = await writeUser(ctx, connection, await userRow(ctx, connection, id), normalizeBooleans(body) as Json, "PUT");
  return { status: 200, body: userResource(row, baseUrl), version: row.version, location: `${baseUrl}/Users/${row._id}` };
}

export async function patchUser(ctx: MutationCtx, connection: ScimConnection, id: string, body: unknown, baseUrl: string): Promise<ScimReply> {
  const existing = await userRow(ctx, connection, id);
  const current = { ...(JSON.parse(existing.resource) as Json), active: existing.active };
  const row = await writeUser(ctx, connection, existing, applyPatch(current, readPatch(body)), "PATCH");
  return { status: 200, body: userResource(row, baseUrl), version: row.version, location: `${baseUrl}/Users/${row._id}` };
}

export async function deleteUser(ctx: MutationCtx, connection: ScimConnection, id: string): Promise<ScimReply> {
  const row = await userRow(ctx, connection, id);
  for (const link of await ctx.db
    .query("scimGroupMembers")
    .withIndex("by_scimUserId", (q) => q.eq("scimUserId", row._id))
    .collect()) {
    await ctx.db.delete(link._id);
  }
  await ctx.db.delete(row._id);
  await deprovision(ctx, { connection, userId: row.userId });
  await audit(ctx, connection, { method: "DELETE", id: row._id, label: row.userName, change: "deleted" });
  return { status: 204, body: null };
}

export async function audit(ctx: MutationCtx, connection: ScimConnection, { method, id, label, change, resourceType = "User" }: { method: string; id: string; label: string; change: string; resourceType?: "User" | "Group" }) {
  await recordEvent(ctx, {
    groupId: connection.groupId,
    connectionId: connection._id,
    kind: "scim.operation",
    actor: { type: "scim", id: connection._id, label: connection.name },
    target: { type: resourceType === "User" ? "scimUser" : "scimGroup", id, label },
    metadata: { method, resourceType, change },
  });
}
