import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import { internalAction, internalMutation, internalQuery, type ActionCtx, type MutationCtx, type QueryCtx } from "../_generated/server";
import { AUDIT_KINDS, recordEvent, type AuditInput } from "./audit";
import { fail } from "./errors";
import { open, seal, type Sealed } from "./secret";
import { randomToken } from "./tokens";
import { checkOutboundUrl } from "./urlGuard";

/**
 * auth.connection.webhook: a connection's audit events, POSTed to the
 * endpoints its admins register.
 *
 * Every request carries
 *   content-type: application/json
 *   x-webhook-id:        the delivery id (the same on every retry of it)
 *   x-webhook-event:     the event kind
 *   x-webhook-timestamp: unix seconds when this attempt was signed
 *   x-webhook-signature: v1=<hex HMAC-SHA256("<timestamp>.<body>")>
 * keyed with the endpoint secret's UTF-8 bytes (the whole `whsec_…` string).
 * Receivers check it with `verifySignature` below and dedupe on the body's
 * `id` (the audit event id), which a resend keeps.
 *
 * A failed attempt (network error, timeout, non-2xx, any redirect) is retried
 * with exponential backoff; after MAX_ATTEMPTS the delivery is `failed` (the
 * dead-letter state: kept with its last answer, and re-sent by hand with
 * `resendDelivery`). Each attempt re-checks the URL and where its host name
 * resolves (webhookPost.ts), within the outbound time limit.
 */

export const MAX_ACTIVE_ENDPOINTS = 10;
export const MAX_ATTEMPTS = 6;
const FIRST_RETRY_MS = 10_000;
const BACKOFF_FACTOR = 4;
const MAX_RETRY_MS = 6 * 60 * 60 * 1000;
const ERROR_TEXT_LENGTH = 1024;
const DEFAULT_LIST_LIMIT = 20;
const MAX_LIST_LIMIT = 100;
const ALL_KINDS = "*";
const TEST_KIND = "webhook.test";
const SECRET_PREFIX = "whsec_";
const SIGNATURE_VERSION = "v1";
const SIGNATURE_PART = /^v1=([0-9a-f]{64})$/i;

export interface EndpointView {
  endpointId: Id<"webhookEndpoints">;
  url: string;
  kinds: string[];
  status: Doc<"webhookEndpoints">["status"];
  hasSecret: true;
  _creationTime: number;
}

export interface DeliveryView {
  deliveryId: Id<"webhookDeliveries">;
  endpointId: Id<"webhookEndpoints">;
  eventId: Id<"auditEvents"> | null;
  kind: string;
  payload: string;
  status: Doc<"webhookDeliveries">["status"];
  attempts: number;
  nextAttemptTime: number | null;
  lastAttemptTime: number | null;
  lastResponse: Doc<"webhookDeliveries">["lastResponse"] | null;
  _creationTime: number;
}

/** The JSON body of every delivery. Absent optional fields are `null`, so receivers see one shape. */
export interface WebhookPayload {
  id: string;
  kind: string;
  occurredAt: string;
  groupId: Id<"groups">;
  connectionId: Id<"connections"> | null;
  outcome: "success" | "failure";
  actor: Doc<"auditEvents">["actor"];
  target: NonNullable<Doc<"auditEvents">["target"]> | null;
  reason: string | null;
  metadata: NonNullable<Doc<"auditEvents">["metadata"]> | null;
}

/**
 * Kinds an endpoint can subscribe to. `webhook.test` is left out: a test is
 * sent to one endpoint by `sendTestEvent`, and the audit record of it must
 * not fan out to every endpoint. Computed on call, not at load, so this
 * module stays safe to import from audit.ts (an import cycle).
 */
export function subscribableKinds(): string[] {
  return AUDIT_KINDS.filter((kind) => kind !== TEST_KIND);
}

// ---------------------------------------------------------------- endpoints

export async function createEndpoint(
  ctx: MutationCtx,
  args: {
    groupId: Id<"groups">;
    connectionId: Id<"connections">;
    url: string;
    kinds: string[];
    createdByUserId?: Id<"users">;
    actor: AuditInput["actor"];
  },
): Promise<{ endpointId: Id<"webhookEndpoints">; secret: string }> {
  // Everything is validated before the first write, so a refusal changes nothing.
  const url = validUrl(args.url);
  const kinds = validKinds(args.kinds);
  const connection = await ctx.db.get(args.connectionId);
  // One message whether the connection is missing or another group's, so ids from elsewhere reveal nothing.
  if (!connection || connection.groupId !== args.groupId) fail("NOT_FOUND", "No such connection in this group.");
  if ((await activeEndpoints(ctx, args.connectionId)).length >= MAX_ACTIVE_ENDPOINTS) {
    fail("INVALID_INPUT", `A connection can have at most ${MAX_ACTIVE_ENDPOINTS} active webhook endpoints: disable one first.`);
  }
  const secret = newSecret();
  const endpointId = await ctx.db.insert("webhookEndpoints", {
    groupId: args.groupId,
    connectionId: args.connectionId,
    url,
    kinds,
    secret: await seal(secret),
    status: "active",
    createdByUserId: args.createdByUserId,
  });
  await auditEndpoint(ctx, { endpointId, groupId: args.groupId, connectionId: args.connectionId, url }, "webhook.endpoint.created", args.actor);
  return { endpointId, secret };
}

/** Endpoint changes go to the audit log (never the secret). */
async function auditEndpoint(
  ctx: MutationCtx,
  endpoint: { endpointId: Id<"webhookEndpoints">; groupId: Id<"groups">; connectionId: Id<"connections">; url: string },
  kind: "webhook.endpoint.created" | "webhook.endpoint.disabled" | "webhook.endpoint.rotated",
  actor: AuditInput["actor"],
): Promise<void> {
  await recordEvent(ctx, {
    groupId: endpoint.groupId,
    connectionId: endpoint.connectionId,
    kind,
    actor,
    target: { type: "webhookEndpoint", id: endpoint.endpointId, label: endpoint.url },
  });
}

export async function listEndpoints(ctx: QueryCtx, connectionId: Id<"connections">): Promise<EndpointView[]> {
  const endpoints = await ctx.db
    .query("webhookEndpoints")
    .withIndex("by_connectionId", (q) => q.eq("connectionId", connectionId))
    .collect();
  return endpoints.map(endpointView);
}

/** One endpoint with its group and connection, so callers can authorize before acting on it. */
export async function getEndpoint(
  ctx: QueryCtx,
  endpointId: Id<"webhookEndpoints">,
): Promise<(EndpointView & { groupId: Id<"groups">; connectionId: Id<"connections"> }) | null> {
  const endpoint = await ctx.db.get(endpointId);
  return endpoint && { ...endpointView(endpoint), groupId: endpoint.groupId, connectionId: endpoint.connectionId };
}

/** Idempotent. Pending deliveries to it are abandoned when their turn comes. */
export async function disableEndpoint(ctx: MutationCtx, endpointId: Id<"webhookEndpoints">, actor: AuditInput["actor"]): Promise<void> {
  const endpoint = await endpointOrFail(ctx, endpointId);
  if (endpoint.status === "disabled") return;
  await ctx.db.patch(endpointId, { status: "disabled" });
  await auditEndpoint(ctx, { ...endpoint, endpointId }, "webhook.endpoint.disabled", actor);
}

/** A new secret, returned this once; the old one stops signing at once (retries included). */
export async function rotateSecret(ctx: MutationCtx, endpointId: Id<"webhookEndpoints">, actor: AuditInput["actor"]): Promise<{ secret: string }> {
  const endpoint = await activeEndpointOrFail(ctx, endpointId);
  const secret = newSecret();
  await ctx.db.patch(endpointId, { secret: await seal(secret) });
  await auditEndpoint(ctx, { ...endpoint, endpointId }, "webhook.endpoint.rotated", actor);
  return { secret };
}

// ---------------------------------------------------------------- deliveries

/**
 * Queues `event` for every active endpoint of its connection subscribed to
 * its kind. Runs inside the mutation that records the event, so a rolled-back
 * change sends nothing.
 */
export async function enqueueDeliveries(ctx: MutationCtx, event: Doc<"auditEvents">): Promise<void> {
  if (!event.connectionId || event.kind === TEST_KIND) return;
  const payload = JSON.stringify(eventPayload(event));
  for (const endpoint of await activeEndpoints(ctx, event.connectionId)) {
    // A connection's endpoints share its group; checked anyway so a mislabeled event can't cross tenants.
    if (endpoint.groupId !== event.groupId || !subscribes(endpoint, event.kind)) continue;
    // An endpoint is not told about its own creation, rotation or disabling; the others are.
    if (event.target?.type === "webhookEndpoint" && event.target.id === endpoint._id) continue;
    await queueDelivery(ctx, endpoint, { kind: event.kind, payload, eventId: event._id });
  }
}

export async function listDeliveries(
  ctx: QueryCtx,
  endpointId: Id<"webhookEndpoints">,
  { limit = DEFAULT_LIST_LIMIT }: { limit?: number } = {},
): Promise<DeliveryView[]> {
  const deliveries = await ctx.db
    .query("webhookDeliveries")
    .withIndex("by_endpointId", (q) => q.eq("endpointId", endpointId))
    .order("desc")
    .take(clampLimit(limit));
  return deliveries.map(deliveryView);
}

/** Sends a delivery's payload again as a new delivery (fresh attempts, same body and event id). */
export async function resendDelivery(
  ctx: MutationCtx,
  deliveryId: Id<"webhookDeliveries">,
): Promise<{ deliveryId: Id<"webhookDeliveries"> }> {
  const original = (await ctx.db.get(deliveryId)) ?? fail("NOT_FOUND", "No such delivery.");
  const endpoint = await activeEndpointOrFail(ctx, original.endpointId);
  const copy = await queueDelivery(ctx, endpoint, { kind: original.kind, payload: original.payload, eventId: original.eventId });
  return { deliveryId: copy };
}

/** A `webhook.test` delivery with a sample payload, whatever the endpoint subscribes to. */
export async function sendTestEvent(
  ctx: MutationCtx,
  { endpointId }: { endpointId: Id<"webhookEndpoints"> },
): Promise<{ deliveryId: Id<"webhookDeliveries"> }> {
  const endpoint = await activeEndpointOrFail(ctx, endpointId);
  const payload: WebhookPayload = {
    id: `test_${randomToken(16)}`,
    kind: TEST_KIND,
    occurredAt: new Date().toISOString(),
    groupId: endpoint.groupId,
    connectionId: endpoint.connectionId,
    outcome: "success",
    actor: { type: "system" },
    target: { type: "webhookEndpoint", id: endpoint._id },
    reason: null,
    metadata: { test: true },
  };
  const deliveryId = await queueDelivery(ctx, endpoint, { kind: TEST_KIND, payload: JSON.stringify(payload) });
  return { deliveryId };
}

// ---------------------------------------------------------------- signatures

/** The `x-webhook-signature` value for one attempt. */
export async function signPayload({ secret, timestamp, body }: { secret: string; timestamp: number | string; body: string }): Promise<string> {
  const key = await hmacKey(secret, "sign");
  const mac = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`${timestamp}.${body}`));
  return `${SIGNATURE_VERSION}=${toHex(new Uint8Array(mac))}`;
}

/**
 * What a receiver runs on each request (copy it with `hmacKey` and
 * `fromHex`): the raw body, the timestamp and signature headers, and the
 * endpoint secret. False for a stale timestamp (replays), a malformed header
 * or a wrong signature. The signature header may list several `v1=` values
 * (space or comma separated); one match is enough. The comparison is
 * Web Crypto's `verify`, which does not leak timing.
 */
export async function verifySignature({
  secret,
  timestamp,
  body,
  signature,
  toleranceSeconds = 300,
  nowSeconds = Date.now() / 1000,
}: {
  secret: string;
  timestamp: string | number;
  body: string;
  signature: string;
  toleranceSeconds?: number;
  nowSeconds?: number;
}): Promise<boolean> {
  const text = String(timestamp);
  if (!/^\d{1,12}$/.test(text) || Math.abs(nowSeconds - Number(text)) > toleranceSeconds) return false;
  const key = await hmacKey(secret, "verify");
  const signed = new TextEncoder().encode(`${text}.${body}`);
  for (const candidate of signature.split(/[\s,]+/)) {
    const hex = SIGNATURE_PART.exec(candidate)?.[1];
    if (hex && (await crypto.subtle.verify("HMAC", key, fromHex(hex), signed))) return true;
  }
  return false;
}

export function hmacKey(secret: string, usage: "sign" | "verify"): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [usage]);
}

export function fromHex(hex: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

// ---------------------------------------------------------------- pipeline (internal)

type AttemptOutcome = { status?: number; body?: string; error?: string };

/** One attempt of one delivery; the outcome is recorded (and any retry scheduled) by `recordAttempt`. */
export const deliver = internalAction({
  args: { deliveryId: v.id("webhookDeliveries") },
  returns: v.null(),
  handler: async (ctx, { deliveryId }): Promise<null> => {
    const target: DeliveryTarget | null = await ctx.runQuery(internal.engine.webhook.loadTarget, { deliveryId });
    // Gone (connection deleted) or already settled: nothing to do.
    if (!target || target.delivery.status !== "pending") return null;
    if (target.endpoint.status !== "active") {
      await ctx.runMutation(internal.engine.webhook.abandon, { deliveryId, reason: "Endpoint disabled" });
      return null;
    }
    const outcome = await postOnce(ctx, target);
    await ctx.runMutation(internal.engine.webhook.recordAttempt, { deliveryId, attempt: target.delivery.attempts + 1, ...outcome });
    return null;
  },
});

type DeliveryTarget = {
  delivery: Pick<Doc<"webhookDeliveries">, "_id" | "kind" | "payload" | "status" | "attempts">;
  endpoint: { url: string; status: Doc<"webhookEndpoints">["status"]; secret: Sealed };
};

/** What `deliver` needs, and no more (the sealed secret is opened in the action, never returned opened). */
export const loadTarget = internalQuery({
  args: { deliveryId: v.id("webhookDeliveries") },
  handler: async (ctx, { deliveryId }): Promise<DeliveryTarget | null> => {
    const delivery = await ctx.db.get(deliveryId);
    const endpoint = delivery && (await ctx.db.get(delivery.endpointId));
    if (!delivery || !endpoint) return null;
    const { _id, kind, payload, status, attempts } = delivery;
    return { delivery: { _id, kind, payload, status, attempts }, endpoint: { url: endpoint.url, status: endpoint.status, secret: endpoint.secret } };
  },
});

/**
 * Settles an attempt: 2xx succeeds; anything else is retried after a
 * backoff until MAX_ATTEMPTS, then fails. `attempt` must be the next one,
 * so a duplicate or late report is ignored rather than counted twice.
 */
export const recordAttempt = internalMutation({
  args: {
    deliveryId: v.id("webhookDeliveries"),
    attempt: v.number(),
    status: v.optional(v.number()),
    body: v.optional(v.string()),
    error: v.optional(v.string()),
  },
  returns: v.null(),
  handler: async (ctx, { deliveryId, attempt, status, body, error }): Promise<null> => {
    const delivery = await ctx.db.get(deliveryId);
    if (!delivery || delivery.status !== "pending" || delivery.attempts + 1 !== attempt) return null;
    const now = Date.now();
    const settled = { attempts: attempt, lastAttemptTime: now, lastResponse: { status, body, error } };
    if (status !== undefined && status >= 200 && status < 300) {
      await ctx.db.patch(deliveryId, { ...settled, status: "succeeded", nextAttemptTime: undefined });
    } else if (attempt >= MAX_ATTEMPTS) {
      await ctx.db.patch(deliveryId, { ...settled, status: "failed", nextAttemptTime: undefined });
    } else {
      const delay = retryDelay(attempt);
      await ctx.db.patch(deliveryId, { ...settled, nextAttemptTime: now + delay });
      await ctx.scheduler.runAfter(delay, internal.engine.webhook.deliver, { deliveryId });
    }
    return null;
  },
});

/** Ends a pending delivery without an attempt (its endpoint was disabled), so it doesn't read as pending forever. */
export const abandon = internalMutation({
  args: { deliveryId: v.id("webhookDeliveries"), reason: v.string() },
  returns: v.null(),
  handler: async (ctx, { deliveryId, reason }): Promise<null> => {
    const delivery = await ctx.db.get(deliveryId);
    if (delivery?.status === "pending") {
      await ctx.db.patch(deliveryId, { status: "failed", nextAttemptTime: undefined, lastResponse: { error: reason } });
    }
    return null;
  },
});

/** Wait before attempt `attempt + 1`: 10 s, 40 s, 160 s, … capped at 6 h. */
export function retryDelay(attempt: number): number {
  return Math.min(FIRST_RETRY_MS * BACKOFF_FACTOR ** (attempt - 1), MAX_RETRY_MS);
}

/** POSTs once (in the Node runtime: webhookPost.ts). Never throws: every failure becomes an `error` to record. */
async function postOnce(ctx: ActionCtx, { delivery, endpoint }: DeliveryTarget): Promise<AttemptOutcome> {
  try {
    const secret = await open(endpoint.secret);
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = {
      "content-type": "application/json",
      "x-webhook-id": delivery._id,
      "x-webhook-event": delivery.kind,
      "x-webhook-timestamp": String(timestamp),
      "x-webhook-signature": await signPayload({ secret, timestamp, body: delivery.payload }),
    };
    return await ctx.runAction(internal.engine.webhookPost.post, { url: endpoint.url, headers, body: delivery.payload });
  } catch (error) {
    return { error: (error instanceof Error ? error.message : String(error)).slice(0, ERROR_TEXT_LENGTH) };
  }
}

// ---------------------------------------------------------------- helpers

function clampLimit(limit: number): number {
  return Number.isFinite(limit) ? Math.max(1, Math.min(Math.floor(limit), MAX_LIST_LIMIT)) : DEFAULT_LIST_LIMIT;
}

function validUrl(raw: string): string {
  // Local development posts to receivers on this machine; deployments must not reach internal networks.
  const allowPrivate = process.env.ALLOW_PRIVATE_WEBHOOK_URLS === "true";
  const checked = checkOutboundUrl(raw.trim(), { allowPrivate });
  return checked.ok ? checked.url : fail("INVALID_URL", checked.message);
}

function validKinds(kinds: string[]): string[] {
  const unique = [...new Set(kinds)];
  if (unique.length === 0) fail("INVALID_INPUT", "Pick at least one event kind.");
  if (unique.includes(ALL_KINDS)) {
    if (unique.length > 1) fail("INVALID_INPUT", `Use "${ALL_KINDS}" alone to receive every event kind.`);
    return unique;
  }
  const allowed = subscribableKinds();
  const unknown = unique.find((kind) => !allowed.includes(kind));
  if (unknown !== undefined) fail("INVALID_INPUT", `Unknown event kind "${unknown.slice(0, 100)}".`);
  return unique;
}

function subscribes(endpoint: Doc<"webhookEndpoints">, kind: string): boolean {
  return endpoint.kinds.includes(ALL_KINDS) || endpoint.kinds.includes(kind);
}

function newSecret(): string {
  return `${SECRET_PREFIX}${randomToken(32)}`;
}

async function activeEndpoints(ctx: QueryCtx, connectionId: Id<"connections">): Promise<Doc<"webhookEndpoints">[]> {
  // No (connectionId, status) index yet; a connection has few endpoints, so filtering here is cheap.
  const endpoints = await ctx.db
    .query("webhookEndpoints")
    .withIndex("by_connectionId", (q) => q.eq("connectionId", connectionId))
    .collect();
  return endpoints.filter((endpoint) => endpoint.status === "active");
}

async function endpointOrFail(ctx: QueryCtx, endpointId: Id<"webhookEndpoints">): Promise<Doc<"webhookEndpoints">> {
  return (await ctx.db.get(endpointId)) ?? fail("NOT_FOUND", "No such webhook endpoint.");
}

async function activeEndpointOrFail(ctx: QueryCtx, endpointId: Id<"webhookEndpoints">): Promise<Doc<"webhookEndpoints">> {
  const endpoint = await endpointOrFail(ctx, endpointId);
  if (endpoint.status !== "active") fail("INVALID_INPUT", "This webhook endpoint is disabled.");
  return endpoint;
}

async function queueDelivery(
  ctx: MutationCtx,
  endpoint: Doc<"webhookEndpoints">,
  fields: { kind: string; payload: string; eventId?: Id<"auditEvents"> },
): Promise<Id<"webhookDeliveries">> {
  const deliveryId = await ctx.db.insert("webhookDeliveries", {
    endpointId: endpoint._id,
    groupId: endpoint.groupId,
    ...fields,
    status: "pending",
    attempts: 0,
    nextAttemptTime: Date.now(),
  });
  await ctx.scheduler.runAfter(0, internal.engine.webhook.deliver, { deliveryId });
  return deliveryId;
}

function eventPayload(event: Doc<"auditEvents">): WebhookPayload {
  return {
    id: event._id,
    kind: event.kind,
    occurredAt: new Date(event._creationTime).toISOString(),
    groupId: event.groupId,
    connectionId: event.connectionId ?? null,
    outcome: event.outcome,
    actor: event.actor,
    target: event.target ?? null,
    reason: event.reason ?? null,
    metadata: event.metadata ?? null,
  };
}

function endpointView(endpoint: Doc<"webhookEndpoints">): EndpointView {
  // Built field by field so the sealed secret can't ride along.
  return {
    endpointId: endpoint._id,
    url: endpoint.url,
    kinds: endpoint.kinds,
    status: endpoint.status,
    hasSecret: true,
    _creationTime: endpoint._creationTime,
  };
}

function deliveryView(delivery: Doc<"webhookDeliveries">): DeliveryView {
  return {
    deliveryId: delivery._id,
    endpointId: delivery.endpointId,
    eventId: delivery.eventId ?? null,
    kind: delivery.kind,
    payload: delivery.payload,
    status: delivery.status,
    attempts: delivery.attempts,
    nextAttemptTime: delivery.nextAttemptTime ?? null,
    lastAttemptTime: delivery.lastAttemptTime ?? null,
    lastResponse: delivery.lastResponse ?? null,
    _creationTime: delivery._creationTime,
  };
}
