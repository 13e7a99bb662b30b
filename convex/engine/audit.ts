import type { Infer } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { actorType } from "./validators";
import { enqueueDeliveries } from "./webhook";

/**
 * auth.event: the append-only audit log. `recordEvent` is the only writer;
 * it redacts metadata and enqueues the event for the connection's webhooks.
 */
export type AuditKind =
  | "connection.created"
  | "connection.updated"
  | "connection.deleted"
  | "connection.protocol.set"
  | "connection.test.started"
  | "connection.metadata.refreshed"
  | "connection.certificate.expiring"
  | "connection.setup.completed"
  | "setup_link.created"
  | "setup_link.opened"
  | "setup_link.revoked"
  | "domain.added"
  | "domain.removed"
  | "domain.verification.requested"
  | "domain.verified"
  | "domain.verification.failed"
  | "policy.updated"
  | "login.succeeded"
  | "login.failed"
  | "login.break_glass"
  | "auth.rate_limited"
  | "scim.operation"
  | "webhook.endpoint.created"
  | "webhook.endpoint.disabled"
  | "webhook.endpoint.rotated"
  | "webhook.test";

export const AUDIT_KINDS: AuditKind[] = [
  "connection.created",
  "connection.updated",
  "connection.deleted",
  "connection.protocol.set",
  "connection.test.started",
  "connection.metadata.refreshed",
  "connection.certificate.expiring",
  "connection.setup.completed",
  "setup_link.created",
  "setup_link.opened",
  "setup_link.revoked",
  "domain.added",
  "domain.removed",
  "domain.verification.requested",
  "domain.verified",
  "domain.verification.failed",
  "policy.updated",
  "login.succeeded",
  "login.failed",
  "login.break_glass",
  "auth.rate_limited",
  "scim.operation",
  "webhook.endpoint.created",
  "webhook.endpoint.disabled",
  "webhook.endpoint.rotated",
  "webhook.test",
];

export interface AuditInput {
  groupId: Id<"groups">;
  connectionId?: Id<"connections">;
  kind: AuditKind;
  outcome?: "success" | "failure";
  actor: { type: Infer<typeof actorType>; id?: string; label?: string };
  target?: { type: string; id: string; label?: string };
  reason?: string;
  metadata?: Record<string, string | number | boolean | null | undefined>;
}

/** Metadata keys whose values must never reach the log, whatever the caller passed. */
const SECRET_KEY = /secret|token|password|assertion|code|key|cookie|authorization|credential/i;
const MAX_VALUE_LENGTH = 500;

export function redact(metadata: AuditInput["metadata"]): Doc<"auditEvents">["metadata"] {
  if (!metadata) return undefined;
  const out: Record<string, string | number | boolean | null> = {};
  for (const [key, value] of Object.entries(metadata)) {
    if (value === undefined) continue;
    if (SECRET_KEY.test(key)) out[key] = "[redacted]";
    else if (typeof value === "string" && value.length > MAX_VALUE_LENGTH) out[key] = `${value.slice(0, MAX_VALUE_LENGTH)}…`;
    else out[key] = value;
  }
  return out;
}

export async function recordEvent(ctx: MutationCtx, input: AuditInput): Promise<Id<"auditEvents">> {
  const eventId = await ctx.db.insert("auditEvents", {
    groupId: input.groupId,
    connectionId: input.connectionId,
    kind: input.kind,
    outcome: input.outcome ?? "success",
    actor: input.actor,
    target: input.target,
    reason: input.reason,
    metadata: redact(input.metadata),
  });
  await enqueueDeliveries(ctx, (await ctx.db.get(eventId))!);
  return eventId;
}

export function userActor(userId: Id<"users">, label?: string): AuditInput["actor"] {
  return { type: "user", id: userId, label };
}

/** `connection.protocol.set`: a connection's OIDC, SAML or SCIM settings were saved. */
export async function recordProtocolSet(
  ctx: MutationCtx,
  { connection, actor, metadata }: { connection: Doc<"connections">; actor: AuditInput["actor"]; metadata: AuditInput["metadata"] },
): Promise<void> {
  await recordEvent(ctx, {
    groupId: connection.groupId,
    connectionId: connection._id,
    kind: "connection.protocol.set",
    actor,
    target: { type: "connection", id: connection._id, label: connection.name },
    metadata,
  });
}
