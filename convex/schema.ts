import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  // Public guestbook: the smallest end-to-end demo of Convex's live query loop.
  messages: defineTable({
    author: v.string(),
    body: v.string(),
  }),
});
