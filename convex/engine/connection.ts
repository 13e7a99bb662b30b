import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { recordEvent, type AuditInput } from "./audit";
import { describeDomain, domainsOf, domainState } from "./domain";
import { fail } from "./errors";
import { describeIdpHealth } from "./idpHealth";
import { describeOidc } from "./oidcConfig";
import { describeSaml } from "./samlConfig";
import { describeScim } from "./scim/config";

/**
 * auth.connection: a group's SSO connections. Reads return the public view
 * (`describeConnection`): protocol settings without secrets, `hasSecret`
 * flags instead.
 */
export type Protocol = Doc<"connections">["protocol"];

export function describeConnection(connection: Doc<"connections">) {
  const { oidc, saml, scim } = connection;
  return {
    connectionId: connection._id,
    groupId: connection.groupId,
    name: connection.name,
    protocol: connection.protocol,
    status: connection.status,
    createdTime: connection._creationTime,
    oidc: oidc ? describeOidc(oidc) : null,
    saml: saml ? describeSaml(connection._id, saml) : null,
    scim: scim ? describeScim(connection) : null,
  };
}

export type ConnectionView = ReturnType<typeof describeConnection>;

export async function createConnection(
  ctx: MutationCtx,
  { groupId, protocol, name, actor }: { groupId: Id<"groups">; protocol: Protocol; name?: string; actor: AuditInput["actor"] },
): Promise<Id<"connections">> {
  const trimmed = (name ?? "").trim() || (protocol === "oidc" ? "OpenID Connect" : "SAML");
  if (trimmed.length > 80) fail("INVALID_INPUT", "Use at most 80 characters for the name.");
  const connectionId = await ctx.db.insert("connections", {
    groupId,
    name: trimmed,
    protocol,
    status: "draft",
    createdByUserId: actor.type === "user" ? (actor.id as Id<"users">) : undefined,
  });
  await recordEvent(ctx, { groupId, connectionId, kind: "connection.created", actor, target: { type: "connection", id: connectionId, label: trimmed }, metadata: { protocol } });
  return connectionId;
}

export async function listConnections(ctx: QueryCtx, groupId: Id<"groups">): Promise<Doc<"connections">[]> {
  return await ctx.db
    .query("connections")
    .withIndex("by_groupId", (q) => q.eq("groupId", groupId))
    .collect();
}

export interface ReadinessCheck {
  id: "protocol" | "domain" | "domainVerified" | "tested" | "active";
  label: string;
  ok: boolean;
  detail: string;
}

/** What stands between the connection and working sign-in, and what to do next. */
export async function connectionStatus(ctx: QueryCtx, connection: Doc<"connections">) {
  const domains = await domainsOf(ctx, connection._id);
  const protocolConfigured = connection.protocol === "oidc" ? Boolean(connection.oidc) : Boolean(connection.saml);
  const verified = domains.filter((domain) => domainState(domain) === "verified");
  const protocolLabel = connection.protocol === "oidc" ? "OpenID Connect" : "SAML";
  const checks: ReadinessCheck[] = [
    { id: "protocol", label: `${protocolLabel} is configured`, ok: protocolConfigured, detail: protocolConfigured ? "Identity provider settings saved." : `Enter your identity provider's ${protocolLabel} settings.` },
    { id: "domain", label: "An email domain is claimed", ok: domains.length > 0, detail: domains.length > 0 ? domains.map((d) => d.domain).join(", ") : "Add the email domain your people sign in with." },
    { id: "domainVerified", label: "A domain is verified", ok: verified.length > 0, detail: verified.length > 0 ? `${verified.length} verified` : "Publish the DNS TXT record and verify it." },
    {
      id: "tested",
      label: "A test sign-in succeeded",
      ok: connection.lastTest?.ok === true,
      detail: connection.lastTest ? (connection.lastTest.ok ? "The last test sign-in worked." : "The last test sign-in failed: open it to see why.") : "Run a test sign-in against your identity provider.",
    },
    { id: "active", label: "The connection is active", ok: connection.status === "active", detail: connection.status === "disabled" ? "Disabled: sign-in through it is off." : connection.status === "draft" ? "Still a draft." : "Routing sign-in." },
  ];
  const ready = checks.slice(0, 3).every((check) => check.ok);
  const next = checks.find((check) => !check.ok);
  return {
    connectionId: connection._id,
    status: connection.status,
    // The test is left out so an admin can activate without one (audited).
    ready,
    lastTest: connection.lastTest ?? null,
    // Whether the IdP's metadata could be re-read last time (sign-in keeps the last good copy when it couldn't).
    health: describeIdpHealth(connection),
    checks,
    nextStep: next ? { id: next.id, label: next.id === "active" ? "Activate the connection" : next.detail } : null,
    domains: domains.map(describeDomain),
  };
}

export async function updateConnection(
  ctx: MutationCtx,
  {
    connection,
    patch,
    actor,
  }: { connection: Doc<"connections">; patch: { name?: string; status?: Doc<"connections">["status"]; overrideTest?: boolean }; actor: AuditInput["actor"] },
): Promise<void> {
  const next: { name?: string; status?: Doc<"connections">["status"] } = {};
  if (patch.name !== undefined) {
    const name = patch.name.trim();
    if (name.length === 0 || name.length > 80) fail("INVALID_INPUT", "Use 1 to 80 characters for the name.");
    next.name = name;
  }
  if (patch.status !== undefined && patch.status !== connection.status) {
    if (patch.status === "active" && !(await connectionStatus(ctx, connection)).ready) {
      fail("NOT_READY", "Finish the set-up first: configure the protocol and verify a domain.");
    }
    if (patch.status === "active" && connection.lastTest?.ok !== true && patch.overrideTest !== true) {
      fail("NOT_READY", "Run a successful test sign-in first, or activate without one.");
    }
    next.status = patch.status;
  }
  if (Object.keys(next).length === 0) return;
  await ctx.db.patch(connection._id, next);
  await recordEvent(ctx, {
    groupId: connection.groupId,
    connectionId: connection._id,
    kind: "connection.updated",
    actor,
    target: { type: "connection", id: connection._id, label: next.name ?? connection.name },
    metadata: {
      status: next.status,
      renamed: next.name !== undefined,
      // Activation without a successful test is an override worth seeing in the log.
      testOverridden: next.status === "active" && connection.lastTest?.ok !== true ? true : undefined,
    },
  });
}

/** Deletes the connection with its domains and webhook endpoints; its audit events stay. */
export async function deleteConnection(ctx: MutationCtx, { connection, actor }: { connection: Doc<"connections">; actor: AuditInput["actor"] }) {
  await purgeConnection(ctx, connection._id);
  await recordEvent(ctx, { groupId: connection.groupId, kind: "connection.deleted", actor, target: { type: "connection", id: connection._id, label: connection.name } });
}

/** Removes a connection and everything that hangs off it, without auditing (group deletion uses it too). */
export async function purgeConnection(ctx: MutationCtx, connectionId: Id<"connections">): Promise<void> {
  for (const domain of await domainsOf(ctx, connectionId)) await ctx.db.delete(domain._id);
  // Users stay (they may have other sign-in methods); their link to this IdP goes.
  const identities = await ctx.db
    .query("ssoIdentities")
    .withIndex("by_connectionId_and_subject", (q) => q.eq("connectionId", connectionId))
    .collect();
  for (const identity of identities) await ctx.db.delete(identity._id);
  const scimUsers = await ctx.db
    .query("scimUsers")
    .withIndex("by_connectionId_and_userName", (q) => q.eq("connectionId", connectionId))
    .collect();
  for (const row of scimUsers) {
    const links = await ctx.db
      .query("scimGroupMembers")
      .withIndex("by_scimUserId", (q) => q.eq("scimUserId", row._id))
      .collect();
    for (const link of links) await ctx.db.delete(link._id);
    await ctx.db.delete(row._id);
  }
  const scimGroups = await ctx.db
    .query("scimGroups")
    .withIndex("by_connectionId_and_displayName", (q) => q.eq("connectionId", connectionId))
    .collect();
  for (const row of scimGroups) await ctx.db.delete(row._id);
  const tests = await ctx.db
    .query("ssoTests")
    .withIndex("by_connectionId", (q) => q.eq("connectionId", connectionId))
    .collect();
  for (const test of tests) await ctx.db.delete(test._id);
  const endpoints = await ctx.db
    .query("webhookEndpoints")
    .withIndex("by_connectionId", (q) => q.eq("connectionId", connectionId))
    .collect();
  for (const endpoint of endpoints) {
    const deliveries = await ctx.db
      .query("webhookDeliveries")
      .withIndex("by_endpointId", (q) => q.eq("endpointId", endpoint._id))
      .collect();
    for (const delivery of deliveries) await ctx.db.delete(delivery._id);
    await ctx.db.delete(endpoint._id);
  }
  await ctx.db.delete(connectionId);
}
