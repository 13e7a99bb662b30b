import { ConvexError, v } from "convex/values";
import { MESSAGE_LIST_LIMIT, messageSchema } from "../lib/messages";
import { mutation, query } from "./_generated/server";
import { consume } from "./engine/rateLimit";

const messageDocument = v.object({
  _id: v.id("messages"),
  _creationTime: v.number(),
  author: v.string(),
  body: v.string(),
});

const GUESTBOOK_LIMIT = { max: 30, windowMs: 60 * 1000 };

export const list = query({
  args: {},
  returns: v.array(messageDocument),
  handler: async (ctx) => {
    return await ctx.db.query("messages").order("desc").take(MESSAGE_LIST_LIMIT);
  },
});

export const send = mutation({
  args: { author: v.string(), body: v.string() },
  returns: v.id("messages"),
  handler: async (ctx, args) => {
    const parsed = messageSchema.safeParse(args);
    if (!parsed.success) {
      throw new ConvexError({
        code: "INVALID_MESSAGE",
        message: parsed.error.issues[0]?.message ?? "Invalid message.",
      });
    }
    // Public and unauthenticated by design (the landing-page demo), so it is rate limited per IP.
    const { ip } = await ctx.meta.getRequestMetadata();
    if (ip) await consume(ctx, `guestbook:ip:${ip}`, GUESTBOOK_LIMIT);
    return await ctx.db.insert("messages", parsed.data);
  },
});
