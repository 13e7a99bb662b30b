import { authTables } from "@convex-dev/auth/server";
import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import { policyFields } from "./engine/policyShape";
import { oidcConfig, samlConfig, scimConfig, sealed } from "./engine/protocolShapes";
import { planResult } from "./engine/provision";
import { setupScope } from "./engine/setupScope";
import { extraValue, normalizedProfile } from "./engine/ssoProfile";
import { actorType, connectionStatus, domainStatus, inviteStatus, memberStatus, projectStatus, role } from "./engine/validators";

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
    // The SSO connection that created this user (policy "sameConnection" links only to these).
    provisionedByConnectionId: v.optional(v.id("connections")),
    // Extension fields filled from IdP claims by a connection's `profile.extraFields`.
    extend: v.optional(v.record(v.string(), extraValue)),
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

  // Fixed-window counters for abuse limits, keyed e.g. "signUp:email:a@b.c"
  // (see engine/rateLimit.ts), and "lockout:…" markers that a lockout was
  // audited in a window. A row is reused when its window has passed; rows
  // older than the longest window are purged hourly.
  rateLimits: defineTable({
    key: v.string(),
    windowStart: v.number(),
    count: v.number(),
  })
    .index("by_key", ["key"])
    .index("by_windowStart", ["windowStart"]),

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

  // An SSO connection of a group: one IdP, over OIDC or SAML, optionally with
  // SCIM. `draft` until set up; only `active` connections route sign-in.
  connections: defineTable({
    groupId: v.id("groups"),
    name: v.string(),
    protocol: v.union(v.literal("oidc"), v.literal("saml")),
    status: connectionStatus,
    oidc: v.optional(oidcConfig),
    saml: v.optional(samlConfig),
    scim: v.optional(scimConfig),
    createdByUserId: v.optional(v.id("users")),
    // The latest admin test sign-in; activation requires a successful one (or an audited override).
    lastTest: v.optional(v.object({ testId: v.id("ssoTests"), ok: v.boolean(), time: v.number() })),
  })
    .index("by_groupId", ["groupId"])
    .index("by_protocol", ["protocol"]),

  // An external identity (IdP subject) of a user, per connection.
  ssoIdentities: defineTable({
    connectionId: v.id("connections"),
    subject: v.string(),
    userId: v.id("users"),
    email: v.optional(v.string()),
    lastLoginTime: v.optional(v.number()),
  })
    .index("by_connectionId_and_subject", ["connectionId", "subject"])
    .index("by_userId", ["userId"]),

  // An SSO sign-in in flight, between the start route and the IdP's callback.
  // Looked up by the SHA-256 of the `state` parameter; single use (consumed
  // rows stay until they expire, so a replay is told apart from a forgery).
  ssoStates: defineTable({
    stateHash: v.string(),
    connectionId: v.id("connections"),
    mode: v.union(v.literal("signIn"), v.literal("test")),
    testId: v.optional(v.id("ssoTests")),
    // OIDC: PKCE verifier and nonce. SAML: the AuthnRequest's ID (the response's InResponseTo).
    codeVerifier: v.optional(v.string()),
    nonce: v.optional(v.string()),
    requestId: v.optional(v.string()),
    redirectTo: v.optional(v.string()),
    expiresTime: v.number(),
    consumedTime: v.optional(v.number()),
  })
    .index("by_stateHash", ["stateHash"])
    .index("by_requestId", ["requestId"])
    .index("by_expiresTime", ["expiresTime"]),

  // SAML assertion IDs already accepted, kept until the assertion expires: a replay is refused.
  samlAssertions: defineTable({
    connectionId: v.id("connections"),
    assertionId: v.string(),
    expiresTime: v.number(),
  })
    .index("by_connectionId_and_assertionId", ["connectionId", "assertionId"])
    .index("by_expiresTime", ["expiresTime"]),

  // A user as the connection's directory (SCIM) sees it: the resource it last
  // wrote (JSON: SCIM attribute names aren't Convex field names), with the
  // fields that filters look up indexed. `userName` is stored lower-case
  // (it is case-insensitive in SCIM). Linked to the app user it provisioned.
  scimUsers: defineTable({
    connectionId: v.id("connections"),
    groupId: v.id("groups"),
    userId: v.id("users"),
    userName: v.string(),
    externalId: v.optional(v.string()),
    active: v.boolean(),
    resource: v.string(),
    version: v.number(),
    lastModifiedTime: v.number(),
  })
    .index("by_connectionId_and_userName", ["connectionId", "userName"])
    .index("by_connectionId_and_externalId", ["connectionId", "externalId"])
    .index("by_userId", ["userId"]),

  // A directory group; its members are scimGroupMembers rows (groups can be large).
  scimGroups: defineTable({
    connectionId: v.id("connections"),
    groupId: v.id("groups"),
    displayName: v.string(),
    externalId: v.optional(v.string()),
    version: v.number(),
    lastModifiedTime: v.number(),
  })
    .index("by_connectionId_and_displayName", ["connectionId", "displayName"])
    .index("by_connectionId_and_externalId", ["connectionId", "externalId"]),

  scimGroupMembers: defineTable({
    scimGroupId: v.id("scimGroups"),
    scimUserId: v.id("scimUsers"),
  })
    .index("by_scimGroupId_and_scimUserId", ["scimGroupId", "scimUserId"])
    .index("by_scimUserId", ["scimUserId"]),

  // The one-time hand-off from a finished SSO callback to a session: the app
  // exchanges `sso_code` through the "sso" sign-in provider. Only the hash is stored.
  ssoCodes: defineTable({
    codeHash: v.string(),
    userId: v.id("users"),
    connectionId: v.id("connections"),
    expiresTime: v.number(),
  })
    .index("by_codeHash", ["codeHash"])
    .index("by_expiresTime", ["expiresTime"]),

  // An admin's test sign-in against a connection's current settings: what the
  // IdP sent and what the policy would do, without a session or any provisioning.
  ssoTests: defineTable({
    connectionId: v.id("connections"),
    groupId: v.id("groups"),
    // Who asked: an admin, or (without an account) someone holding a setup link.
    requestedByUserId: v.optional(v.id("users")),
    setupLinkId: v.optional(v.id("setupLinks")),
    tokenHash: v.string(),
    status: v.union(v.literal("pending"), v.literal("succeeded"), v.literal("failed")),
    expiresTime: v.number(),
    finishedTime: v.optional(v.number()),
    failure: v.optional(v.object({ code: v.string(), message: v.string() })),
    // JSON text: the raw claims are arbitrary IdP data.
    claims: v.optional(v.string()),
    profile: v.optional(normalizedProfile),
    plan: v.optional(planResult),
  })
    .index("by_tokenHash", ["tokenHash"])
    .index("by_connectionId", ["connectionId"]),

  // A link that lets someone without an account (the customer's IT admin)
  // set up one connection's SSO, SCIM and/or domains (`scopes`). Only the
  // SHA-256 of its 256-bit token is stored. Usable until `expiresTime` (1 hour
  // to 30 days, 7 by default) or until revoked; rows are kept as history and
  // read as invalid once their connection is deleted. `completedTime`: when
  // every scoped step was first seen done (audited once).
  setupLinks: defineTable({
    groupId: v.id("groups"),
    connectionId: v.id("connections"),
    tokenHash: v.string(),
    scopes: v.array(setupScope),
    // Who it is for, as the admin described it (shown in the audit log as the actor).
    note: v.optional(v.string()),
    expiresTime: v.number(),
    createdByUserId: v.id("users"),
    revokedTime: v.optional(v.number()),
    revokedByUserId: v.optional(v.id("users")),
    firstOpenedTime: v.optional(v.number()),
    lastOpenedTime: v.optional(v.number()),
    completedTime: v.optional(v.number()),
  })
    .index("by_tokenHash", ["tokenHash"])
    .index("by_connectionId", ["connectionId"]),

  // An email domain claimed by a connection. `domain` is unique across all
  // groups (one owner). A DNS TXT challenge proves ownership; only verified
  // domains route sign-in. A challenge expires; requesting again renews it.
  domains: defineTable({
    domain: v.string(),
    groupId: v.id("groups"),
    connectionId: v.id("connections"),
    isPrimary: v.boolean(),
    status: domainStatus,
    challenge: v.optional(v.object({ token: v.string(), expiresTime: v.number() })),
    verifiedTime: v.optional(v.number()),
    lastCheckedTime: v.optional(v.number()),
    failureReason: v.optional(v.string()),
  })
    .index("by_domain", ["domain"])
    .index("by_connectionId", ["connectionId"])
    .index("by_groupId", ["groupId"]),

  // How SSO identities become users and members of a group (one per group;
  // defaults apply until the first update).
  policies: defineTable({ groupId: v.id("groups"), ...policyFields }).index("by_groupId", ["groupId"]),

  // Append-only audit log. Metadata is redacted before it is written. Indexes
  // end in _creationTime, so every filter also pages by time. There is one
  // index per combination of the console's filters (connection, kind,
  // outcome): a page reads only the rows it shows, however rare they are.
  auditEvents: defineTable({
    groupId: v.id("groups"),
    connectionId: v.optional(v.id("connections")),
    kind: v.string(),
    outcome: v.union(v.literal("success"), v.literal("failure")),
    actor: v.object({ type: actorType, id: v.optional(v.string()), label: v.optional(v.string()) }),
    target: v.optional(v.object({ type: v.string(), id: v.string(), label: v.optional(v.string()) })),
    reason: v.optional(v.string()),
    metadata: v.optional(v.record(v.string(), v.union(v.string(), v.number(), v.boolean(), v.null()))),
  })
    .index("by_groupId", ["groupId"])
    .index("by_groupId_and_connectionId", ["groupId", "connectionId"])
    .index("by_groupId_and_kind", ["groupId", "kind"])
    .index("by_groupId_and_outcome", ["groupId", "outcome"])
    .index("by_groupId_and_connectionId_and_kind", ["groupId", "connectionId", "kind"])
    .index("by_groupId_and_connectionId_and_outcome", ["groupId", "connectionId", "outcome"])
    .index("by_groupId_and_kind_and_outcome", ["groupId", "kind", "outcome"])
    .index("by_groupId_and_connectionId_and_kind_and_outcome", ["groupId", "connectionId", "kind", "outcome"]),

  // Where a connection's audit events are POSTed, signed with a per-endpoint
  // secret (sealed at rest, shown once at creation and rotation).
  webhookEndpoints: defineTable({
    groupId: v.id("groups"),
    connectionId: v.id("connections"),
    url: v.string(),
    kinds: v.array(v.string()),
    secret: sealed,
    status: v.union(v.literal("active"), v.literal("disabled")),
    createdByUserId: v.optional(v.id("users")),
  })
    .index("by_connectionId", ["connectionId"])
    .index("by_groupId", ["groupId"]),

  // One event to one endpoint, with its attempts (exponential backoff).
  webhookDeliveries: defineTable({
    endpointId: v.id("webhookEndpoints"),
    groupId: v.id("groups"),
    eventId: v.optional(v.id("auditEvents")),
    kind: v.string(),
    payload: v.string(),
    status: v.union(v.literal("pending"), v.literal("succeeded"), v.literal("failed")),
    attempts: v.number(),
    nextAttemptTime: v.optional(v.number()),
    lastAttemptTime: v.optional(v.number()),
    lastResponse: v.optional(
      v.object({ status: v.optional(v.number()), body: v.optional(v.string()), error: v.optional(v.string()) }),
    ),
  }).index("by_endpointId", ["endpointId"]),

  // Public guestbook: the smallest end-to-end demo of Convex's live query loop.
  messages: defineTable({
    author: v.string(),
    body: v.string(),
  }),
});
