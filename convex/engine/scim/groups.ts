import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { ScimConnection } from "./auth";
import { applyGroupRoles } from "./directory";
import { applyMemberChanges, memberChanges } from "./groupMembers";
import { ScimError, type ScimReply } from "./errors";
import { indexedLookup, matches, parseFilter } from "./filter";
import { listReply, pageOf, type ListQuery } from "./list";
import { applyPatch, readPatch } from "./patch";
import { groupResource, normalizeBooleans, project, readGroup, type Json } from "./resources";
import { audit, userRow } from "./users";

/**
 * /Groups: directory groups and their members. A membership change
 * re-derives the member's role from the policy's role mapping.
 */
async function groupRow(ctx: QueryCtx, connection: ScimConnection, id: string): Promise<Doc<"scimGroups">> {
  const rowId = ctx.db.normalizeId("scimGroups", id);
  const row = rowId ? await ctx.db.get(rowId) : null;
  if (!row || row.connectionId !== connection._id) throw new ScimError(404, `Group ${id} not found.`);
  return row;
}

async function membersOf(ctx: QueryCtx, scimGroupId: Id<"scimGroups">) {
  const links = await ctx.db
    .query("scimGroupMembers")
    .withIndex("by_scimGroupId_and_scimUserId", (q) => q.eq("scimGroupId", scimGroupId))
    .collect();
  const members = [];
  for (const link of links) {
    const user = await ctx.db.get(link.scimUserId);
    if (user) members.push({ value: user._id as string, display: user.userName });
  }
  return members;
}

async function resourceOf(ctx: QueryCtx, row: Doc<"scimGroups">, baseUrl: string, query: ListQuery = {}): Promise<Json> {
  // Members are the expensive part of a group: skipped when the caller excludes them.
  const wantsMembers = !query.excludedAttributes?.toLowerCase().includes("members") && (!query.attributes || query.attributes.toLowerCase().includes("members"));
  return project(groupResource(row, wantsMembers ? await membersOf(ctx, row._id) : [], baseUrl), query.attributes, query.excludedAttributes);
}

export async function getGroup(ctx: QueryCtx, connection: ScimConnection, id: string, baseUrl: string, query: ListQuery): Promise<ScimReply> {
  const row = await groupRow(ctx, connection, id);
  return { status: 200, body: await resourceOf(ctx, row, baseUrl, query), version: row.version, location: `${baseUrl}/Groups/${row._id}` };
}

export async function listGroups(ctx: QueryCtx, connection: ScimConnection, query: ListQuery, baseUrl: string): Promise<ScimReply> {
  const filter = query.filter ? parseFilter(query.filter) : null;
  const lookup = filter ? indexedLookup(filter, ["displayName", "externalId"]) : null;
  let rows: Doc<"scimGroups">[];
  if (lookup) {
    const index = lookup.attribute === "displayName" ? "by_connectionId_and_displayName" : "by_connectionId_and_externalId";
    rows = await ctx.db
      .query("scimGroups")
      .withIndex(index, (q) => q.eq("connectionId", connection._id).eq(lookup.attribute === "displayName" ? "displayName" : "externalId", lookup.value))
      .collect();
  } else {
    const all = await ctx.db
      .query("scimGroups")
      .withIndex("by_connectionId_and_displayName", (q) => q.eq("connectionId", connection._id))
      .collect();
    rows = [];
    for (const row of all) if (!filter || matches(groupResource(row, await membersOf(ctx, row._id), baseUrl), filter)) rows.push(row);
  }
  const { page, total, startIndex } = pageOf(rows, query);
  const resources = [];
  for (const row of page) resources.push(await resourceOf(ctx, row, baseUrl, query));
  return listReply(resources, total, startIndex);
}

/** Makes the group's members exactly `memberIds`, re-deriving the roles of everyone who joined or left. */
async function setMembers(ctx: MutationCtx, connection: ScimConnection, scimGroupId: Id<"scimGroups">, memberIds: string[]) {
  const wanted = new Set<Id<"scimUsers">>();
  for (const id of memberIds) wanted.add((await userRow(ctx, connection, id).catch(() => {
    throw new ScimError(400, `Member ${id} is not a user of this directory.`, "invalidValue");
  }))._id);
  const links = await ctx.db
    .query("scimGroupMembers")
    .withIndex("by_scimGroupId_and_scimUserId", (q) => q.eq("scimGroupId", scimGroupId))
    .collect();
  const changed: Id<"scimUsers">[] = [];
  for (const link of links) {
    if (wanted.delete(link.scimUserId)) continue;
    await ctx.db.delete(link._id);
    changed.push(link.scimUserId);
  }
  for (const scimUserId of wanted) {
    await ctx.db.insert("scimGroupMembers", { scimGroupId, scimUserId });
    changed.push(scimUserId);
  }
  for (const scimUserId of changed) await applyGroupRoles(ctx, { connection, scimUserId });
}

async function writeGroup(ctx: MutationCtx, connection: ScimConnection, existing: Doc<"scimGroups"> | null, resource: Json, method: string) {
  const group = readGroup(resource);
  const clash = await ctx.db
    .query("scimGroups")
    .withIndex("by_connectionId_and_displayName", (q) => q.eq("connectionId", connection._id).eq("displayName", group.displayName))
    .first();
  if (clash && clash._id !== existing?._id) throw new ScimError(409, `A group named ${group.displayName} exists.`, "uniqueness");
  const fields = { displayName: group.displayName, externalId: group.externalId, lastModifiedTime: Date.now() };
  let rowId: Id<"scimGroups">;
  if (existing) {
    await ctx.db.patch(existing._id, { ...fields, version: existing.version + 1 });
    rowId = existing._id;
  } else {
    rowId = await ctx.db.insert("scimGroups", { ...fields, connectionId: connection._id, groupId: connection.groupId, version: 1 });
  }
  await setMembers(ctx, connection, rowId, group.memberIds);
  // A renamed group may match other role mappings.
  if (existing && existing.displayName !== group.displayName) {
    for (const member of await membersOf(ctx, rowId)) await applyGroupRoles(ctx, { connection, scimUserId: member.value as Id<"scimUsers"> });
  }
  await audit(ctx, connection, { method, id: rowId, label: group.displayName, change: existing ? "updated" : "created", resourceType: "Group" });
  return (await ctx.db.get(rowId))!;
}

export async function createGroup(ctx: MutationCtx, connection: ScimConnection, body: unknown, baseUrl: string): Promise<ScimReply> {
  const row = await writeGroup(ctx, connection, null, normalizeBooleans(body) as Json, "POST");
  return { status: 201, body: await resourceOf(ctx, row, baseUrl), version: row.version, location: `${baseUrl}/Groups/${row._id}` };
}

export async function replaceGroup(ctx: MutationCtx, connection: ScimConnection, id: string, body: unknown, baseUrl: string): Promise<ScimReply> {
  const row = await writeGroup(ctx, connection, await groupRow(ctx, connection, id), normalizeBooleans(body) as Json, "PUT");
  return { status: 200, body: await resourceOf(ctx, row, baseUrl), version: row.version, location: `${baseUrl}/Groups/${row._id}` };
}

export async function patchGroup(ctx: MutationCtx, connection: ScimConnection, id: string, body: unknown, baseUrl: string): Promise<ScimReply> {
  const existing = await groupRow(ctx, connection, id);
  const operations = readPatch(body);
  const changes = memberChanges(operations);
  if (changes && (await applyMemberChanges(ctx, connection, existing, changes))) return await memberPatchReply(ctx, existing._id, baseUrl);
  const current: Json = { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], displayName: existing.displayName, ...(existing.externalId ? { externalId: existing.externalId } : {}), members: (await membersOf(ctx, existing._id)).map(({ value }) => ({ value })) };
  const row = await writeGroup(ctx, connection, existing, applyPatch(current, operations), "PATCH");
  // Okta and Entra expect 204 or the resource; the resource tells them more.
  return { status: 200, body: await resourceOf(ctx, row, baseUrl), version: row.version, location: `${baseUrl}/Groups/${row._id}` };
}

/** Members listed in the answer to a membership PATCH; a bigger group gets 204, so the answer costs no more than the change. */
const MEMBERS_IN_PATCH_REPLY = 100;

/** The group, as after any PATCH, while it is small; past that 204 No Content, which RFC 7644 §3.5.2 allows as well. */
async function memberPatchReply(ctx: QueryCtx, groupId: Id<"scimGroups">, baseUrl: string): Promise<ScimReply> {
  const row = (await ctx.db.get(groupId))!;
  const links = await ctx.db
    .query("scimGroupMembers")
    .withIndex("by_scimGroupId_and_scimUserId", (q) => q.eq("scimGroupId", groupId))
    .take(MEMBERS_IN_PATCH_REPLY + 1);
  if (links.length > MEMBERS_IN_PATCH_REPLY) return { status: 204, body: null, version: row.version };
  return { status: 200, body: await resourceOf(ctx, row, baseUrl), version: row.version, location: `${baseUrl}/Groups/${row._id}` };
}

export async function deleteGroup(ctx: MutationCtx, connection: ScimConnection, id: string): Promise<ScimReply> {
  const row = await groupRow(ctx, connection, id);
  await setMembers(ctx, connection, row._id, []);
  await ctx.db.delete(row._id);
  await audit(ctx, connection, { method: "DELETE", id: row._id, label: row.displayName, change: "deleted", resourceType: "Group" });
  return { status: 204, body: null };
}
