import { v } from "convex/values";
import { internalQuery } from "../_generated/server";
import { auth } from "../auth";
import { fail } from "../engine/errors";
import type { Grant } from "../engine/grants";

/** For actions in group.ts, which cannot read the database: the same grant check the queries make. */
export const assertConnection = internalQuery({
  args: { userId: v.id("users"), connectionId: v.string(), grant: v.string() },
  returns: v.id("connections"),
  handler: async (ctx, args) => {
    const connectionId = ctx.db.normalizeId("connections", args.connectionId);
    const connection = connectionId ? await auth.connection.get(ctx, connectionId) : null;
    if (!connection) fail("FORBIDDEN", "You don't have access to this.");
    await auth.member.assert(ctx, { userId: args.userId, groupId: connection.groupId, grants: [args.grant as Grant] });
    return connection._id;
  },
});
