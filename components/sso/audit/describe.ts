import type { FunctionReturnType } from "convex/server";
import type { api } from "@/convex/_generated/api";
import { kindLabel } from "./kinds";

export type AuditEvent = FunctionReturnType<typeof api.auth.group.listAudit>["page"][number];
type Member = FunctionReturnType<typeof api.members.list>[number];
type Connection = FunctionReturnType<typeof api.auth.group.listConnections>[number];

/** Names for the ids in events: members (user actors) and connections, as far as they are loaded. */
export type AuditDirectory = {
  members: ReadonlyMap<string, Pick<Member, "name" | "email" | "isYou">>;
  connections: ReadonlyMap<string, Pick<Connection, "name" | "protocol">>;
};

export const EMPTY_DIRECTORY: AuditDirectory = { members: new Map(), connections: new Map() };

const ACTOR_TYPES: Record<AuditEvent["actor"]["type"], string> = {
  user: "User",
  system: "System",
  idp: "Identity provider",
  scim: "SCIM",
  setupLink: "Setup link",
};

export function actorTypeLabel(type: AuditEvent["actor"]["type"]): string {
  return ACTOR_TYPES[type] ?? type;
}

/**
 * Who did it, for people: a member's name (or email), else the recorded
 * label, else the actor type. `markYou` adds " (you)" for the viewer (not in
 * exports, which others read).
 */
export function describeActor(actor: AuditEvent["actor"], directory: AuditDirectory, { markYou = true } = {}): string {
  if (actor.type === "user" && actor.id) {
    const member = directory.members.get(actor.id);
    if (member) {
      const name = member.name ?? member.email ?? "Unnamed member";
      return member.isYou && markYou ? `${name} (you)` : name;
    }
    return actor.label ?? "Former member";
  }
  return actor.label ?? ACTOR_TYPES[actor.type] ?? actor.type;
}

/**
 * What it was done to: the label recorded with the event (the name at the
 * time, which is what an audit trail should show), else a connection's
 * current name, else type and id.
 */
export function describeTarget(target: AuditEvent["target"], directory: AuditDirectory): string {
  if (!target) return "";
  if (target.label) return target.label;
  if (target.type === "connection") {
    const connection = directory.connections.get(target.id);
    if (connection) return connection.name;
  }
  return `${target.type} ${target.id}`;
}

export function describeConnection(connectionId: string | undefined, directory: AuditDirectory): string {
  if (!connectionId) return "";
  return directory.connections.get(connectionId)?.name ?? "Deleted connection";
}

export const AUDIT_CSV_HEADER = [
  "id",
  "time",
  "kind",
  "kind_label",
  "outcome",
  "actor_type",
  "actor_id",
  "actor",
  "target_type",
  "target_id",
  "target",
  "connection_id",
  "connection",
  "reason",
  "metadata",
] as const;

/** One CSV row per event, in AUDIT_CSV_HEADER's order (metadata as JSON). */
export function auditCsvRow(event: AuditEvent, directory: AuditDirectory) {
  return [
    event._id,
    new Date(event._creationTime).toISOString(),
    event.kind,
    kindLabel(event.kind),
    event.outcome,
    event.actor.type,
    event.actor.id,
    describeActor(event.actor, directory, { markYou: false }),
    event.target?.type,
    event.target?.id,
    describeTarget(event.target, directory),
    event.connectionId,
    describeConnection(event.connectionId, directory),
    event.reason,
    event.metadata ? JSON.stringify(event.metadata) : "",
  ];
}
