import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import { internalAction, internalMutation, internalQuery, type ActionCtx, type MutationCtx } from "../_generated/server";
import { recordEvent, type AuditInput } from "./audit";
import type { SamlCertificate } from "./protocolShapes";
import { mergeCertificates } from "./samlConfig";
import { certificateState } from "./samlValidation";

/**
 * Keeping a SAML connection's IdP metadata current: `refreshSaml` and a
 * daily job re-read it from its URL. New certificates join the old ones (a
 * rotation needs no downtime); when the IdP is down or its metadata is
 * unreadable the last good copy stays and the failure is recorded. Admins
 * hear (audit event, so webhooks too) once when a signing certificate will
 * expire within 30 days.
 */
const refreshResult = v.union(
  v.object({
    ok: v.literal(true),
    xml: v.string(),
    parsed: v.object({
      entityId: v.string(),
      ssoUrls: v.object({ redirect: v.optional(v.string()), post: v.optional(v.string()) }),
      certificates: v.array(v.object({ pem: v.string(), fingerprint: v.string(), notAfter: v.number() })),
    }),
  }),
  v.object({ ok: v.literal(false), message: v.string() }),
);

const SYSTEM: AuditInput["actor"] = { type: "system", label: "Metadata refresh" };

export const apply = internalMutation({
  args: { connectionId: v.id("connections"), result: refreshResult, actor: v.optional(v.object({ type: v.literal("user"), id: v.string(), label: v.optional(v.string()) })) },
  handler: async (ctx, { connectionId, result, actor = SYSTEM }) => {
    const connection = await ctx.db.get(connectionId);
    const saml = connection?.saml;
    if (!connection || !saml) return null;
    const now = Date.now();
    let metadata = saml.metadata;
    let message: string;
    let ok = result.ok;
    if (!result.ok) {
      message = `Kept the last good metadata: ${result.message}`;
    } else if (result.parsed.entityId !== saml.metadata.entityId) {
      ok = false;
      message = `Kept the last good metadata: the URL now describes ${result.parsed.entityId}, not ${saml.metadata.entityId}. Save the settings to switch IdPs.`;
    } else {
      const merged = mergeCertificates(saml.metadata.certificates, result.parsed.certificates, now);
      metadata = { ...saml.metadata, xml: result.xml, ssoUrls: result.parsed.ssoUrls, certificates: merged.certificates, fetchedTime: now };
      message =
        merged.added.length + merged.removed.length === 0
          ? "No change."
          : `${merged.added.length} certificate${merged.added.length === 1 ? "" : "s"} added, ${merged.removed.length} removed.`;
    }
    const certificates = await warnAboutExpiry(ctx, connection, metadata.certificates, now);
    await ctx.db.patch(connection._id, { saml: { ...saml, metadata: { ...metadata, certificates, lastRefresh: { ok, time: now, message } } } });
    if (!ok || message !== "No change.") {
      await recordEvent(ctx, {
        groupId: connection.groupId,
        connectionId: connection._id,
        kind: "connection.metadata.refreshed",
        outcome: ok ? "success" : "failure",
        actor,
        target: { type: "connection", id: connection._id, label: connection.name },
        reason: message,
      });
    }
    return { ok, message };
  },
});

async function warnAboutExpiry(ctx: MutationCtx, connection: Doc<"connections">, certificates: SamlCertificate[], now: number): Promise<SamlCertificate[]> {
  const out: SamlCertificate[] = [];
  for (const cert of certificates) {
    if (cert.expiryWarnedTime === undefined && certificateState(cert.notAfter, now) === "expiring") {
      await recordEvent(ctx, {
        groupId: connection.groupId,
        connectionId: connection._id,
        kind: "connection.certificate.expiring",
        actor: SYSTEM,
        target: { type: "connection", id: connection._id, label: connection.name },
        reason: `An IdP signing certificate expires on ${new Date(cert.notAfter).toISOString().slice(0, 10)}.`,
        metadata: { fingerprint: cert.fingerprint, notAfter: cert.notAfter },
      });
      out.push({ ...cert, expiryWarnedTime: now });
    } else {
      out.push(cert);
    }
  }
  return out;
}

export const samlConnections = internalQuery({
  args: {},
  handler: async (ctx) =>
    (
      await ctx.db
        .query("connections")
        .withIndex("by_protocol", (q) => q.eq("protocol", "saml"))
        .collect()
    )
      .filter((connection) => connection.saml)
      .map((connection) => ({ connectionId: connection._id, url: connection.saml!.metadata.url, maxSize: connection.saml!.security.maxMetadataSize })),
});

/** Re-reads one connection's metadata URL; without one, only the certificates' expiry is checked. */
export const refreshOne = internalAction({
  args: { connectionId: v.id("connections"), actor: v.optional(v.object({ type: v.literal("user"), id: v.string(), label: v.optional(v.string()) })) },
  handler: async (ctx, { connectionId, actor }): Promise<{ ok: boolean; message: string } | null> => {
    const target = (await ctx.runQuery(internal.engine.samlRefresh.samlConnections, {})).find((c) => c.connectionId === connectionId);
    if (!target) return null;
    return await ctx.runMutation(internal.engine.samlRefresh.apply, { connectionId, actor, result: await read(ctx, target) });
  },
});

/** The daily job: every SAML connection, one at a time (a slow IdP delays only the job). */
export const refreshAll = internalAction({
  args: {},
  handler: async (ctx) => {
    for (const target of await ctx.runQuery(internal.engine.samlRefresh.samlConnections, {})) {
      await ctx.runMutation(internal.engine.samlRefresh.apply, { connectionId: target.connectionId, result: await read(ctx, target) });
    }
  },
});

type Target = { connectionId: Id<"connections">; url?: string; maxSize: number };

async function read(ctx: ActionCtx, target: Target) {
  if (!target.url) return { ok: false as const, message: "This connection's metadata was pasted as XML: there is no URL to refresh from." };
  try {
    const { xml, parsed } = await ctx.runAction(internal.engine.samlNode.readMetadata, { url: target.url, maxSize: target.maxSize });
    return { ok: true as const, xml, parsed };
  } catch (error) {
    const data = (error as { data?: { message?: string } }).data;
    return { ok: false as const, message: data?.message ?? (error instanceof Error ? error.message : String(error)) };
  }
}
