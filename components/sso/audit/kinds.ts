import type { AuditKind } from "@/convex/engine/audit";

/**
 * Every audit event kind (convex/engine/audit.ts) with a label for people.
 * The Record type makes TypeScript flag a kind added there and not here.
 * (A type-only import: the engine module itself stays on the server.)
 */
export const AUDIT_KIND_LABELS: Record<AuditKind, string> = {
  "connection.created": "Connection created",
  "connection.updated": "Connection updated",
  "connection.deleted": "Connection deleted",
  "connection.protocol.set": "Protocol settings saved",
  "connection.test.started": "Test sign-in started",
  "connection.metadata.refreshed": "IdP metadata refreshed",
  "connection.certificate.expiring": "IdP certificate expiring",
  "connection.setup.completed": "Set-up completed",
  "setup_link.created": "Setup link created",
  "setup_link.opened": "Setup link opened",
  "setup_link.revoked": "Setup link revoked",
  "domain.added": "Domain added",
  "domain.removed": "Domain removed",
  "domain.verification.requested": "Domain verification requested",
  "domain.verified": "Domain verified",
  "domain.verification.failed": "Domain verification failed",
  "policy.updated": "Policy updated",
  "login.succeeded": "Sign-in succeeded",
  "login.failed": "Sign-in failed",
  "login.break_glass": "Break-glass sign-in",
  "auth.rate_limited": "Locked out by a rate limit",
  "scim.operation": "SCIM operation",
  "webhook.endpoint.created": "Webhook endpoint created",
  "webhook.endpoint.disabled": "Webhook endpoint disabled",
  "webhook.endpoint.rotated": "Webhook secret rotated",
  "webhook.test": "Webhook test",
};

export const AUDIT_KINDS = Object.keys(AUDIT_KIND_LABELS) as AuditKind[];

/** The kinds by area, for <optgroup>s and checklists. */
export const AUDIT_KIND_GROUPS: ReadonlyArray<{ label: string; kinds: AuditKind[] }> = [
  { label: "Connections", kinds: ["connection.created", "connection.updated", "connection.deleted", "connection.protocol.set", "connection.test.started", "connection.metadata.refreshed", "connection.certificate.expiring"] },
  { label: "Setup links", kinds: ["setup_link.created", "setup_link.opened", "setup_link.revoked", "connection.setup.completed"] },
  {
    label: "Domains",
    kinds: ["domain.added", "domain.removed", "domain.verification.requested", "domain.verified", "domain.verification.failed"],
  },
  { label: "Policy", kinds: ["policy.updated"] },
  { label: "Sign-in", kinds: ["login.succeeded", "login.failed", "login.break_glass", "auth.rate_limited"] },
  { label: "Provisioning", kinds: ["scim.operation"] },
  { label: "Webhooks", kinds: ["webhook.endpoint.created", "webhook.endpoint.disabled", "webhook.endpoint.rotated", "webhook.test"] },
];

/** A kind's label; kinds this build doesn't know (newer servers) show as they are. */
export function kindLabel(kind: string): string {
  return (AUDIT_KIND_LABELS as Record<string, string>)[kind] ?? kind;
}
