import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { recordEvent, type AuditInput } from "./audit";
import { randomToken, sha256 } from "./tokens";
import { convexSiteUrl } from "./urls";

/**
 * Test sign-ins: an admin runs a real IdP login against a connection's
 * current settings and sees the claims, the normalized profile and what the
 * policy would do, without a session or any provisioning. The link works
 * once, for TEST_TTL_MS. An admin asks from the console (`userId`), or the
 * holder of a setup link from its wizard (`setupLinkId`).
 */
export const TEST_TTL_MS = 10 * 60 * 1000;

export async function startTest(
  ctx: MutationCtx,
  {
    connection,
    userId,
    setupLinkId,
    actor,
  }: { connection: Doc<"connections">; userId?: Id<"users">; setupLinkId?: Id<"setupLinks">; actor: AuditInput["actor"] },
): Promise<{ testId: Id<"ssoTests">; url: string }> {
  const token = randomToken();
  const testId = await ctx.db.insert("ssoTests", {
    connectionId: connection._id,
    groupId: connection.groupId,
    ...(userId ? { requestedByUserId: userId } : {}),
    ...(setupLinkId ? { setupLinkId } : {}),
    tokenHash: await sha256(token),
    status: "pending",
    expiresTime: Date.now() + TEST_TTL_MS,
  });
  await recordEvent(ctx, {
    groupId: connection.groupId,
    connectionId: connection._id,
    kind: "connection.test.started",
    actor,
    target: { type: "connection", id: connection._id, label: connection.name },
  });
  return { testId, url: convexSiteUrl(`/api/auth/sso/${connection._id}/start?test=${encodeURIComponent(token)}`) };
}

export function describeTest(test: Doc<"ssoTests">) {
  const expired = test.status === "pending" && test.expiresTime <= Date.now();
  return {
    testId: test._id,
    connectionId: test.connectionId,
    status: expired ? ("failed" as const) : test.status,
    createdTime: test._creationTime,
    finishedTime: test.finishedTime,
    failure: expired ? { code: "state_expired", message: "The test link expired before the sign-in finished." } : test.failure,
    claims: test.claims === undefined ? undefined : (JSON.parse(test.claims) as Record<string, unknown>),
    profile: test.profile,
    plan: test.plan === undefined ? undefined : test.plan.ok ? { ok: true as const, ...test.plan.plan } : test.plan,
  };
}
