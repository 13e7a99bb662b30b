import { AUDIT_KIND_GROUPS } from "@/components/sso/audit/kinds";

/** What an endpoint subscribes to for every kind, including ones added later. */
export const ALL_EVENTS = "*";

/**
 * Kinds an endpoint can subscribe to: every audit kind but `webhook.test`,
 * which is only ever sent to one endpoint on request (mirrors
 * `subscribableKinds()` in convex/engine/webhook.ts).
 */
export const SUBSCRIBABLE_GROUPS = AUDIT_KIND_GROUPS.map((group) => ({
  label: group.label,
  kinds: group.kinds.filter((kind) => kind !== "webhook.test"),
})).filter((group) => group.kinds.length > 0);

/** Most endpoints a connection may have active at once (MAX_ACTIVE_ENDPOINTS on the server). */
export const MAX_ACTIVE_ENDPOINTS = 10;
