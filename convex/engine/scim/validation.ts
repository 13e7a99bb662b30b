import { v } from "convex/values";
import type { Doc } from "../../_generated/dataModel";
import { internalQuery } from "../../_generated/server";
import { domainsOf, domainState } from "../domain";
import { getPolicy } from "../policy";
import type { ValidationCheck, ValidationRun } from "../protocolShapes";

/**
 * validateScim: whether an IdP can provision through this connection now,
 * check by check, and what the endpoint supports (for the IdP's settings).
 */
export const CAPABILITIES = [
  "Users and Groups: GET, POST, PUT, PATCH, DELETE",
  "Filters: eq, ne, co, sw, ew, pr, gt, ge, lt, le, and, or, not, grouping",
  "PATCH per RFC 7644, with Entra ID's variants (Replace, \"True\"/\"False\", path-less values, members[value eq …])",
  "Pagination: startIndex and count (at most 200)",
  "attributes / excludedAttributes",
  "ETags (meta.version)",
  "Enterprise User extension",
];

export function checkScim(connection: Doc<"connections">): ValidationCheck[] {
  const scim = connection.scim;
  const now = Date.now();
  const live = (scim?.tokens ?? []).filter((token) => token.expiresTime === undefined || token.expiresTime > now);
  const checks: ValidationCheck[] = [];
  const add = (id: string, ok: boolean, message: string, severity: ValidationCheck["severity"] = "error") => checks.push({ id, ok, severity, message });
  add("configured", Boolean(scim), scim ? "SCIM is set up." : "Set SCIM up to get the base URL and a token.");
  add("enabled", scim?.status === "enabled", scim?.status === "enabled" ? "The endpoint accepts requests." : "SCIM is disabled: every request gets 401.");
  add("token", live.length > 0, live.length > 0 ? `${live.length} token${live.length === 1 ? "" : "s"} can authenticate.` : "No token can authenticate: issue one.");
  if (live.length > 1) add("rotation", false, "An old token still works during its overlap window.", "warning");
  const base = process.env.CONVEX_SITE_URL ?? "";
  if (process.env.ALLOW_PRIVATE_IDP_URLS !== "true") add("https", base.startsWith("https://"), base.startsWith("https://") ? "The base URL is HTTPS." : "The base URL is not HTTPS: IdPs refuse it.");
  return checks;
}

export const run = internalQuery({
  args: { connectionId: v.id("connections") },
  handler: async (ctx, args): Promise<ValidationRun & { capabilities: string[] }> => {
    const connection = (await ctx.db.get(args.connectionId))!;
    const checks = checkScim(connection);
    const verified = (await domainsOf(ctx, connection._id)).some((domain) => domainState(domain) === "verified");
    checks.push({ id: "domain", ok: verified, severity: "error", message: verified ? "A verified domain: provisioned users' emails must be on it." : "Verify a domain first: users are provisioned only with emails on the organization's verified domains." });
    const policy = await getPolicy(ctx, connection.groupId);
    checks.push({ id: "policy", ok: policy.userCreation !== "none", severity: "warning", message: policy.userCreation !== "none" ? "The policy lets the directory create users." : "The policy lets nobody create users: only existing users can be provisioned." });
    return { ok: checks.every((check) => check.ok || check.severity === "warning"), time: Date.now(), checks, capabilities: CAPABILITIES };
  },
});
