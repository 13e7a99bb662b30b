import { v } from "convex/values";
import { internalMutation, internalQuery, type MutationCtx } from "../../_generated/server";
import { authenticate, scimBaseUrl } from "./auth";
import { discovery } from "./discovery";
import { errorReply, ScimError, toWire, type ScimReply, type WireReply } from "./errors";
import { createGroup, deleteGroup, getGroup, listGroups, patchGroup, replaceGroup } from "./groups";
import type { ListQuery } from "./list";
import { createUser, deleteUser, getUser, listUsers, patchUser, replaceUser } from "./users";

/**
 * One SCIM request, authenticated and served in one transaction: `read`
 * (a query) for GET, `write` (a mutation) for the rest. A ScimError thrown
 * by `write` undoes its writes and reaches the route, which answers with it
 * in the SCIM error schema; anything else is a 500 in the same schema.
 */
const request = {
  connectionId: v.string(),
  token: v.union(v.string(), v.null()),
  resource: v.string(),
  id: v.optional(v.string()),
  query: v.record(v.string(), v.string()),
};

const reply = v.object({ status: v.number(), body: v.union(v.string(), v.null()), version: v.optional(v.number()), location: v.optional(v.string()) });

const DISCOVERY = new Set(["ServiceProviderConfig", "ResourceTypes", "Schemas"]);

export const read = internalQuery({
  args: request,
  returns: reply,
  handler: async (ctx, args): Promise<WireReply> =>
    await answer(async () => {
      const connection = await authenticate(ctx, args.connectionId, args.token);
      const baseUrl = scimBaseUrl(connection._id);
      const query = args.query as ListQuery;
      if (DISCOVERY.has(args.resource)) return discovery(args.resource, args.id, baseUrl, connection.scim.security.maxRequestSize);
      if (args.resource === "Users") return args.id ? await getUser(ctx, connection, args.id, baseUrl, query) : await listUsers(ctx, connection, query, baseUrl);
      if (args.resource === "Groups") return args.id ? await getGroup(ctx, connection, args.id, baseUrl, query) : await listGroups(ctx, connection, query, baseUrl);
      throw new ScimError(404, `No such endpoint: ${args.resource}.`);
    }),
});

export const write = internalMutation({
  args: { ...request, method: v.union(v.literal("POST"), v.literal("PUT"), v.literal("PATCH"), v.literal("DELETE")), body: v.string(), bodySize: v.number() },
  returns: reply,
  handler: async (ctx, args): Promise<WireReply> => toWire(await serveWrite(ctx, args)),
});

async function serveWrite(ctx: MutationCtx, args: { connectionId: string; token: string | null; resource: string; id?: string; method: "POST" | "PUT" | "PATCH" | "DELETE"; body: string; bodySize: number }): Promise<ScimReply> {
  {
    const connection = await authenticate(ctx, args.connectionId, args.token);
    if (args.bodySize > connection.scim.security.maxRequestSize) throw new ScimError(413, `The request body is larger than ${connection.scim.security.maxRequestSize} bytes.`);
    const baseUrl = scimBaseUrl(connection._id);
    const { method, id } = args;
    const body: unknown = args.body === "" ? null : JSON.parse(args.body);
    // Valid JSON is not yet a resource: `null`, a list or a string would reach readers that expect an object.
    if (method !== "DELETE" && (typeof body !== "object" || body === null || Array.isArray(body))) throw new ScimError(400, "The request body must be a JSON object.", "invalidSyntax");
    if (args.resource !== "Users" && args.resource !== "Groups") throw new ScimError(404, `No such endpoint: ${args.resource}.`);
    if ((method === "POST") === (id !== undefined)) throw new ScimError(405, `${method} ${args.resource}${id ? `/${id}` : ""} is not supported.`);
    const users = args.resource === "Users";
    // Errors are thrown (not returned) so the transaction is undone; the route turns them into the reply.
    if (method === "POST") return users ? await createUser(ctx, connection, body, baseUrl) : await createGroup(ctx, connection, body, baseUrl);
    if (method === "PUT") return users ? await replaceUser(ctx, connection, id!, body, baseUrl) : await replaceGroup(ctx, connection, id!, body, baseUrl);
    if (method === "PATCH") return users ? await patchUser(ctx, connection, id!, body, baseUrl) : await patchGroup(ctx, connection, id!, body, baseUrl);
    return users ? await deleteUser(ctx, connection, id!) : await deleteGroup(ctx, connection, id!);
  }
}

async function answer(serve: () => Promise<ScimReply>): Promise<WireReply> {
  try {
    return toWire(await serve());
  } catch (error) {
    if (error instanceof ScimError) return toWire(errorReply(error.data));
    throw error;
  }
}
