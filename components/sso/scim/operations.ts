import type { AuditEvent } from "@/components/sso/audit/describe";

/**
 * A `scim.operation` audit event (convex/engine/scim/users.ts `audit`) as a
 * row of the latest operations: who or which group, what changed, and the
 * request that did it.
 */
export type ScimChange = "created" | "updated" | "deactivated" | "reactivated" | "deleted";

export const SCIM_CHANGE_LABELS: Record<ScimChange, string> = {
  created: "Created",
  updated: "Updated",
  deactivated: "Deactivated",
  reactivated: "Reactivated",
  deleted: "Deleted",
};

export type ScimOperation = {
  /** The userName or the group's displayName at the time. */
  subject: string;
  resourceType: "User" | "Group" | string;
  /** A known change, or the server's word for a newer one. */
  change: ScimChange | string;
  changeLabel: string;
  /** "PATCH /Users", for the request that did it. */
  request: string;
};

function text(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

export function describeOperation(event: Pick<AuditEvent, "target" | "metadata">): ScimOperation {
  const metadata = event.metadata ?? {};
  const resourceType = text(metadata.resourceType) ?? (event.target?.type === "scimGroup" ? "Group" : "User");
  const change = text(metadata.change) ?? "updated";
  const method = text(metadata.method);
  return {
    subject: event.target?.label ?? event.target?.id ?? `Unknown ${resourceType.toLowerCase()}`,
    resourceType,
    change,
    changeLabel: (SCIM_CHANGE_LABELS as Record<string, string>)[change] ?? change,
    request: [method, `/${resourceType}s`].filter(Boolean).join(" "),
  };
}
