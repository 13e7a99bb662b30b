import type { Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { recordEvent, type AuditInput } from "./audit";
import { fail } from "./errors";
import { DEFAULT_POLICY, type Policy } from "./policyShape";

/** auth.connection.policy: one policy per group, defaults until first saved. */
export interface PolicyCheck {
  id: string;
  ok: boolean;
  severity: "error" | "warning";
  message: string;
}

export async function getPolicy(ctx: QueryCtx, groupId: Id<"groups">): Promise<Policy> {
  const row = await ctx.db
    .query("policies")
    .withIndex("by_groupId", (q) => q.eq("groupId", groupId))
    .unique();
  if (!row) return DEFAULT_POLICY;
  const { accountLinking, userCreation, profileAuthority, scimReuse, jit, roleMapping, deprovision, ssoEnforced, ownerBreakGlass } = row;
  return { accountLinking, userCreation, profileAuthority, scimReuse, jit, roleMapping, deprovision, ssoEnforced, ownerBreakGlass };
}

/** Every check on a candidate policy; errors block saving, warnings inform. */
export async function validatePolicy(ctx: QueryCtx, groupId: Id<"groups">, policy: Policy): Promise<PolicyCheck[]> {
  const checks: PolicyCheck[] = [];
  const add = (id: string, ok: boolean, severity: PolicyCheck["severity"], message: string) => checks.push({ id, ok, severity, message });

  add("jit.defaultRole", policy.jit.defaultRole !== "owner", "error", "Sign-in can't make people owners: pick member or admin as the default role.");
  const values = policy.roleMapping.map((rule) => `${rule.source}:${rule.value.trim()}`);
  add("roleMapping.values", policy.roleMapping.every((rule) => rule.value.trim().length > 0 && rule.value.length <= 200), "error", "Every role mapping needs an IdP value (up to 200 characters).");
  add("roleMapping.unique", new Set(values).size === values.length, "error", "Each IdP value can be mapped only once.");
  add("roleMapping.size", policy.roleMapping.length <= 50, "error", "Use at most 50 role mappings.");
  add("roleMapping.owner", policy.roleMapping.every((rule) => rule.role !== "owner"), "error", "IdP groups can't grant the owner role.");

  const domains = await ctx.db
    .query("domains")
    .withIndex("by_groupId", (q) => q.eq("groupId", groupId))
    .collect();
  const connections = await ctx.db
    .query("connections")
    .withIndex("by_groupId", (q) => q.eq("groupId", groupId))
    .collect();
  const verified = domains.some((domain) => domain.status === "verified");
  const active = connections.some((connection) => connection.status === "active");
  if (policy.ssoEnforced) {
    add("ssoEnforced.domains", verified, "warning", "SSO enforcement applies to verified domains only, and this group has none yet.");
    add("ssoEnforced.connection", active, "warning", "No connection is active: people on your domains couldn't sign in at all.");
  }
  if (policy.userCreation === "scim") {
    add("userCreation.scim", connections.some((c) => c.scim?.status === "enabled"), "warning", "No connection has SCIM enabled: nobody new could get an account.");
  }
  if (policy.accountLinking === "none") {
    add("accountLinking.none", false, "warning", "People who already have a password account can't use SSO with the same email.");
  }
  return checks;
}

export async function updatePolicy(
  ctx: MutationCtx,
  { groupId, patch, actor }: { groupId: Id<"groups">; patch: Partial<Policy>; actor: AuditInput["actor"] },
): Promise<Policy> {
  const next: Policy = { ...(await getPolicy(ctx, groupId)), ...patch };
  const failed = (await validatePolicy(ctx, groupId, next)).find((check) => !check.ok && check.severity === "error");
  if (failed) fail("INVALID_INPUT", failed.message);
  const row = await ctx.db
    .query("policies")
    .withIndex("by_groupId", (q) => q.eq("groupId", groupId))
    .unique();
  if (row) await ctx.db.replace(row._id, { groupId, ...next });
  else await ctx.db.insert("policies", { groupId, ...next });
  await recordEvent(ctx, { groupId, kind: "policy.updated", actor, metadata: { fields: Object.keys(patch).join(",") } });
  return next;
}
