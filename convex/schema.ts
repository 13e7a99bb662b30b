import { authTables } from "@convex-dev/auth/server";
import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import { inviteStatus, memberStatus, projectStatus, role } from "./engine/validators";

/**
 * Tables and their lifecycles. Every hot lookup has an index, named after its
 * fields. @convex-dev/auth owns the `auth*` tables; `users` is its table,
 * extended with optional fields (its `email` and `phone` indexes keep their
 * names because the library queries them by name).
 */
export default defineSchema({
  ...authTables,

  // A person. Created by sign-up (password, after email verification) or SSO.
  // `status: "deactivated"` (deprovisioning) revokes access at once: every
  // authenticated function checks it, not only the token.
  users: defineTable({
    ...authTables.users.validator.fields,
    status: v.optional(v.union(v.literal("active"), v.literal("deactivated"))),
    // The group the console opens on; cleared when the membership goes away.
    activeGroupId: v.optional(v.id("groups")),
  })
    .index("email", ["email"])
    .index("phone", ["phone"]),

  // A tenant (organization, team). Groups nest through `parentGroupId`;
  // membership of an ancestor is inherited by its descendants.
  groups: defineTable({
    name: v.string(),
    slug: v.string(),
    type: v.optional(v.string()),
    parentGroupId: v.optional(v.id("groups")),
    tags: v.optional(v.array(v.object({ key: v.string(), value: v.string() }))),
    extend: v.optional(v.record(v.string(), v.any())),
  })
    .index("by_slug", ["slug"])
    .index("by_parentGroupId", ["parentGroupId"]),

  // A user's role in one group. One row per (group, user); deleted on removal.
  members: defineTable({
    groupId: v.id("groups"),
    userId: v.id("users"),
    role,
    status: memberStatus,
    extend: v.optional(v.record(v.string(), v.any())),
  })
    .index("by_groupId_and_userId", ["groupId", "userId"])
    .index("by_userId", ["userId"])
    .index("by_groupId_and_role", ["groupId", "role"]),

  // An invitation into a group. Only the SHA-256 of its 256-bit token is
  // stored. Pending until accepted or revoked; past `expiresTime` it reads as
  // "expired". Rows are kept as history.
  invites: defineTable({
    groupId: v.id("groups"),
    email: v.string(),
    role,
    tokenHash: v.string(),
    status: inviteStatus,
    expiresTime: v.number(),
    invitedByUserId: v.id("users"),
    acceptedByUserId: v.optional(v.id("users")),
    acceptedTime: v.optional(v.number()),
    revokedTime: v.optional(v.number()),
  })
    .index("by_tokenHash", ["tokenHash"])
    .index("by_groupId_and_status", ["groupId", "status"])
    .index("by_groupId_and_email", ["groupId", "email"]),

  // The example product area: app data that belongs to a group.
  projects: defineTable({
    groupId: v.id("groups"),
    name: v.string(),
    status: projectStatus,
    createdByUserId: v.id("users"),
    archivedTime: v.optional(v.number()),
  }).index("by_groupId_and_status", ["groupId", "status"]),

  // Fixed-window counters for abuse limits, keyed e.g. "signUp:email:a@b.c".
  // A row is reused when its window has passed.
  rateLimits: defineTable({
    key: v.string(),
    windowStart: v.number(),
    count: v.number(),
  }).index("by_key", ["key"]),

  // Outgoing mail. In development (no MAIL_PROVIDER_URL) mail stays here and
  // the developer reads it at /dev/outbox; in production a scheduled action
  // hands it to the provider and records the outcome.
  mail: defineTable({
    to: v.string(),
    subject: v.string(),
    text: v.string(),
    status: v.union(v.literal("outbox"), v.literal("queued"), v.literal("sent"), v.literal("failed")),
    error: v.optional(v.string()),
  }),

  // Email domains a group has proven it owns. Password sign-up and sign-in
  // are refused for a verified domain whose group enforces SSO.
  domains: defineTable({
    domain: v.string(),
    groupId: v.id("groups"),
    status: v.union(v.literal("pending"), v.literal("verified")),
    ssoEnforced: v.boolean(),
  })
    .index("by_domain", ["domain"])
    .index("by_groupId", ["groupId"]),

  // Public guestbook: the smallest end-to-end demo of Convex's live query loop.
  messages: defineTable({
    author: v.string(),
    body: v.string(),
  }),
});
