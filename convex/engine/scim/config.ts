import { z } from "zod";
import type { Doc } from "../../_generated/dataModel";
import type { MutationCtx } from "../../_generated/server";
import { recordProtocolSet, type AuditInput } from "../audit";
import { parse } from "../parse";
import type { ScimConfig } from "../protocolShapes";
import { randomToken, sha256 } from "../tokens";
import { scimBaseUrl } from "./auth";

/**
 * auth.connection.scim: a connection's SCIM settings and bearer tokens. A
 * token is shown once, when it is issued; only its SHA-256 and a short
 * prefix (to tell tokens apart) are kept. Rotation can leave the old token
 * working for an overlap window while the IdP is updated.
 */
const MAX_OVERLAP_SECONDS = 7 * 24 * 60 * 60;

export const scimInput = z.object({
  status: z.enum(["enabled", "disabled"]).optional(),
  security: z.object({ maxRequestSize: z.number().int().min(16 * 1024, "Allow at least 16 KB.").max(1024 * 1024, "Allow at most 1 MB.") }).optional(),
  profile: z
    .object({
      mapping: z.object({
        externalId: z.string().default("externalId"),
        userName: z.string().default("userName"),
        email: z.string().default("emails"),
        name: z.string().optional(),
        active: z.string().default("active"),
        groups: z.string().optional(),
        roles: z.string().optional(),
      }),
      extraFields: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/, "Field names start with a letter: letters, digits and _."), z.string().max(300)).optional(),
    })
    .optional(),
  rotateToken: z.boolean().optional(),
  overlapSeconds: z.number().int().min(0).max(MAX_OVERLAP_SECONDS, "Keep the old token for at most 7 days.").optional(),
  revokeTokens: z.boolean().optional(),
});

const DEFAULTS: Omit<ScimConfig, "tokens"> = {
  status: "enabled",
  security: { maxRequestSize: 256 * 1024 },
  profile: { mapping: { externalId: "externalId", userName: "userName", email: "emails", active: "active", name: "displayName" } },
};

export function describeScim(connection: Doc<"connections">) {
  const scim = connection.scim;
  const now = Date.now();
  return {
    baseUrl: scimBaseUrl(connection._id),
    status: scim?.status ?? "disabled",
    configured: Boolean(scim),
    tokens: (scim?.tokens ?? []).filter((token) => token.expiresTime === undefined || token.expiresTime > now).map(({ prefix, createdTime, expiresTime }) => ({ prefix, createdTime, expiresTime: expiresTime ?? null })),
    security: scim?.security ?? DEFAULTS.security,
    profile: scim?.profile ?? DEFAULTS.profile,
  };
}

export type ScimView = ReturnType<typeof describeScim>;

export async function setScim(
  ctx: MutationCtx,
  { connection, input, actor }: { connection: Doc<"connections">; input: unknown; actor: AuditInput["actor"] },
): Promise<{ scim: ScimView; token: string | null }> {
  const { status, security, profile, rotateToken, overlapSeconds = 0, revokeTokens } = parse(scimInput, input, { nameField: true });
  const previous = connection.scim;
  const now = Date.now();
  let tokens = revokeTokens ? [] : (previous?.tokens ?? []).filter((token) => token.expiresTime === undefined || token.expiresTime > now);
  let token: string | null = null;
  if (!previous || rotateToken) {
    token = `scim_${randomToken()}`;
    // The outgoing tokens stop at the end of the overlap (at once without one).
    tokens = tokens.filter(() => overlapSeconds > 0).map((old) => ({ ...old, expiresTime: Math.min(old.expiresTime ?? Infinity, now + overlapSeconds * 1000) }));
    tokens.push({ hash: await sha256(token), prefix: token.slice(0, 12), createdTime: now });
  }
  const config: ScimConfig = {
    status: status ?? previous?.status ?? DEFAULTS.status,
    tokens,
    security: security ?? previous?.security ?? DEFAULTS.security,
    profile: profile ?? previous?.profile ?? DEFAULTS.profile,
  };
  await ctx.db.patch(connection._id, { scim: config });
  // Key names avoid "token": the audit log redacts such keys.
  await recordProtocolSet(ctx, { connection, actor, metadata: { protocol: "scim", status: config.status, issuedNew: token !== null, revokedAll: revokeTokens === true, overlapSeconds: rotateToken ? overlapSeconds : undefined } });
  return { scim: describeScim({ ...connection, scim: config }), token };
}
