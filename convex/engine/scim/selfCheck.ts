import { v } from "convex/values";
import type { Id } from "../../_generated/dataModel";
import { internalMutation } from "../../_generated/server";
import { domainsOf, domainState } from "../domain";
import { fail } from "../errors";
import { randomToken, sha256 } from "../tokens";
import { scimBaseUrl } from "./auth";
import { ENTERPRISE_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from "./resources";

/**
 * The console's SCIM self-check: recorded Microsoft Entra ID and Okta
 * request sequences, sent over HTTP to the connection's live endpoint with a
 * token that lives for the check only. The test users it provisions (on a
 * verified domain of the group, as any provisioned user) are removed again,
 * app user included; the audit log keeps what happened.
 */
const CHECK_TTL_MS = 5 * 60 * 1000;
const PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const MARKER = "scim-self-check";

export interface SelfCheckStep {
  idp: "Entra ID" | "Okta";
  name: string;
  ok: boolean;
  status: number | null;
  detail: string;
}

export const begin = internalMutation({
  args: { connectionId: v.id("connections") },
  handler: async (ctx, { connectionId }) => {
    const connection = await ctx.db.get(connectionId);
    if (!connection?.scim || connection.scim.status !== "enabled") fail("NOT_READY", "Set SCIM up and enable it first.");
    const domain = (await domainsOf(ctx, connectionId)).find((row) => domainState(row) === "verified");
    if (!domain) fail("NOT_READY", "Verify a domain first: test users need an address on it.");
    const token = `scim_${randomToken()}`;
    const tokenHash = await sha256(token);
    await ctx.db.patch(connectionId, { scim: { ...connection.scim, tokens: [...connection.scim.tokens, { hash: tokenHash, prefix: MARKER, createdTime: Date.now(), expiresTime: Date.now() + CHECK_TTL_MS }] } });
    return { token, tokenHash, baseUrl: scimBaseUrl(connectionId), domain: domain.domain };
  },
});

/** Removes the check's token and whatever of its test users a failed step left behind. */
export const finish = internalMutation({
  args: { connectionId: v.id("connections"), tokenHash: v.string(), emails: v.array(v.string()) },
  handler: async (ctx, { connectionId, tokenHash, emails }) => {
    const connection = await ctx.db.get(connectionId);
    if (!connection?.scim) return;
    await ctx.db.patch(connectionId, { scim: { ...connection.scim, tokens: connection.scim.tokens.filter((token) => token.hash !== tokenHash) } });
    for (const email of emails) {
      const scimUser = await ctx.db
        .query("scimUsers")
        .withIndex("by_connectionId_and_userName", (q) => q.eq("connectionId", connectionId).eq("userName", email))
        .unique();
      if (scimUser) {
        for (const link of await ctx.db
          .query("scimGroupMembers")
          .withIndex("by_scimUserId", (q) => q.eq("scimUserId", scimUser._id))
          .collect()) {
          await ctx.db.delete(link._id);
        }
        await ctx.db.delete(scimUser._id);
      }
      const user = await ctx.db
        .query("users")
        .withIndex("email", (q) => q.eq("email", email))
        .first();
      if (!user || user.provisionedByConnectionId !== connectionId) continue;
      for (const member of await ctx.db
        .query("members")
        .withIndex("by_userId", (q) => q.eq("userId", user._id))
        .collect()) {
        await ctx.db.delete(member._id);
      }
      await ctx.db.delete(user._id as Id<"users">);
    }
    const groups = await ctx.db
      .query("scimGroups")
      .withIndex("by_connectionId_and_displayName", (q) => q.eq("connectionId", connectionId))
      .collect();
    for (const group of groups.filter((row) => row.displayName.startsWith(MARKER))) await ctx.db.delete(group._id);
  },
});

/** One request to the endpoint; `authenticated: false` sends a wrong token. */
export type Send = (method: string, path: string, body?: unknown, authenticated?: boolean) => Promise<{ status: number; json: Record<string, unknown> | null }>;

/** Runs both sequences; every step records its status and why it passed or failed. */
export async function runSequences(send: Send, domain: string): Promise<{ steps: SelfCheckStep[]; emails: string[] }> {
  const steps: SelfCheckStep[] = [];
  const emails: string[] = [];
  const step = async (idp: SelfCheckStep["idp"], name: string, expected: number, run: () => ReturnType<Send>, check: (json: Record<string, unknown> | null) => string | null = () => null) => {
    try {
      const { status, json } = await run();
      const problem = status !== expected ? `expected ${expected}, got ${status}${json?.detail ? `: ${String(json.detail)}` : ""}` : check(json);
      steps.push({ idp, name, ok: problem === null, status, detail: problem ?? "as expected" });
      return problem === null ? json : null;
    } catch (error) {
      steps.push({ idp, name, ok: false, status: null, detail: error instanceof Error ? error.message : String(error) });
      return null;
    }
  };
  const patch = (Operations: unknown[]) => ({ schemas: [PATCH_SCHEMA], Operations });

  const entraEmail = `${MARKER}-${randomToken(4).toLowerCase()}@${domain}`;
  emails.push(entraEmail);
  await step("Entra ID", "Existence check by userName", 200, () => send("GET", `/Users?filter=${encodeURIComponent(`userName eq "${entraEmail}"`)}`), (json) => (json?.totalResults === 0 ? null : "the user should not exist yet"));
  const created = await step("Entra ID", "Create user (enterprise extension)", 201, () =>
    send("POST", "/Users", { schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA], externalId: entraEmail, userName: entraEmail, active: true, displayName: "Self Check", emails: [{ primary: true, type: "work", value: entraEmail }], [ENTERPRISE_SCHEMA]: { department: "QA" } }),
  );
  const userId = created?.id as string | undefined;
  if (userId) {
    await step("Entra ID", 'PATCH "Replace" with a filtered path', 200, () => send("PATCH", `/Users/${userId}`, patch([{ op: "Replace", path: "displayName", value: "Self Check 2" }, { op: "Replace", path: 'emails[type eq "work"].value', value: entraEmail }])), (json) => (json?.displayName === "Self Check 2" ? null : "displayName not replaced"));
    const group = await step("Entra ID", "Create group", 201, () => send("POST", "/Groups", { schemas: [GROUP_SCHEMA], displayName: `${MARKER} ${randomToken(4)}`, members: [] }));
    const groupId = group?.id as string | undefined;
    if (groupId) {
      await step("Entra ID", "Add member", 200, () => send("PATCH", `/Groups/${groupId}`, patch([{ op: "Add", path: "members", value: [{ value: userId }] }])), (json) => ((json?.members as unknown[] | undefined)?.length === 1 ? null : "member not added"));
      await step("Entra ID", 'Remove member with members[value eq "…"]', 200, () => send("PATCH", `/Groups/${groupId}`, patch([{ op: "Remove", path: `members[value eq "${userId}"]` }])), (json) => ((json?.members as unknown[] | undefined)?.length === 0 ? null : "member not removed"));
      await step("Entra ID", "Delete group", 204, () => send("DELETE", `/Groups/${groupId}`));
    }
    await step("Entra ID", 'Deactivate with "False"', 200, () => send("PATCH", `/Users/${userId}`, patch([{ op: "Replace", path: "active", value: "False" }])), (json) => (json?.active === false ? null : "user still active"));
    await step("Entra ID", "Delete user", 204, () => send("DELETE", `/Users/${userId}`));
  }

  const oktaEmail = `${MARKER}-${randomToken(4).toLowerCase()}@${domain}`;
  emails.push(oktaEmail);
  const oktaUser = { schemas: [USER_SCHEMA], userName: oktaEmail, name: { givenName: "Self", familyName: "Check" }, emails: [{ primary: true, value: oktaEmail, type: "work" }], active: true };
  await step("Okta", "Existence check with paging", 200, () => send("GET", `/Users?filter=${encodeURIComponent(`userName eq "${oktaEmail}"`)}&startIndex=1&count=100`), (json) => (json?.totalResults === 0 ? null : "the user should not exist yet"));
  const oktaCreated = await step("Okta", "Create user", 201, () => send("POST", "/Users", oktaUser));
  const oktaId = oktaCreated?.id as string | undefined;
  if (oktaId) {
    await step("Okta", "Replace user (PUT)", 200, () => send("PUT", `/Users/${oktaId}`, { ...oktaUser, name: { givenName: "Self", familyName: "Checked" } }), (json) => ((json?.name as { familyName?: string } | undefined)?.familyName === "Checked" ? null : "name not replaced"));
    await step("Okta", "Deactivate with a path-less PATCH", 200, () => send("PATCH", `/Users/${oktaId}`, patch([{ op: "replace", value: { active: false } }])), (json) => (json?.active === false ? null : "user still active"));
    await step("Okta", "Delete user", 204, () => send("DELETE", `/Users/${oktaId}`));
  }
  await step("Okta", "Wrong token refused (401, SCIM error schema)", 401, () => send("GET", "/Users", undefined, false), (json) => (json?.status === "401" ? null : "not in the SCIM error schema"));
  return { steps, emails };
}

/** Sends over HTTP to the live endpoint, as an IdP would. */
export function httpSender(baseUrl: string, token: string): Send {
  return async (method, path, body, authenticated = true) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${authenticated ? token : "scim_wrong"}`, ...(body === undefined ? {} : { "content-type": "application/scim+json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    return { status: response.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : null };
  };
}
