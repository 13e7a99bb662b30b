import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Doc, Id } from "../_generated/dataModel";
import { errorCode, newBackend, type Backend } from "../../tools/testing/convex";
import { recordEvent } from "./audit";
import {
  createEndpoint,
  disableEndpoint,
  enqueueDeliveries,
  listDeliveries,
  listEndpoints,
  MAX_ATTEMPTS,
  resendDelivery,
  retryDelay,
  rotateSecret,
  sendTestEvent,
  signPayload,
  verifySignature,
} from "./webhook";

const SYSTEM = { type: "system" } as const;

/**
 * Deliveries go to a real HTTP server on 127.0.0.1 that checks every
 * signature with `verifySignature`, as a receiver would.
 *
 * Timers: `setTimeout`/`clearTimeout` and `Date` are faked, so
 * `finishAllScheduledFunctions` jumps through the backoff (10 s … 2560 s) at
 * once and the signing clock and the receiver's clock agree. The POST itself
 * goes over node:http (webhookPost.ts), whose socket timers are not the
 * global ones, so moving fake time never cuts a request short.
 */
function advance() {
  vi.runAllTimers();
}

const key = btoa(String.fromCharCode(...new Uint8Array(32).fill(7)));

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
  process.env.ENCRYPTION_KEYS = `k1:${key}`;
  // The receiver listens on loopback, which only the development flag allows.
  process.env.ALLOW_PRIVATE_WEBHOOK_URLS = "true";
});

afterEach(() => {
  vi.useRealTimers();
  delete process.env.ENCRYPTION_KEYS;
  delete process.env.ALLOW_PRIVATE_WEBHOOK_URLS;
});

interface Hit {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  valid: boolean;
}

type Reply = { status: number; body?: string; headers?: Record<string, string> };

/** A webhook receiver. `secrets` and `replies` are per path (one endpoint per path); the default reply is 200. */
async function startReceiver() {
  const hits: Hit[] = [];
  const requested: string[] = [];
  const secrets = new Map<string, string>();
  const replies = new Map<string, (hitNumber: number) => number | Reply>();
  const server = createServer((req, res) => {
    // Noted on arrival, so even a request whose body never comes is seen.
    requested.push(req.url ?? "");
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      void (async () => {
        const path = req.url ?? "";
        const valid = await verifySignature({
          secret: secrets.get(path) ?? "",
          timestamp: String(req.headers["x-webhook-timestamp"]),
          body,
          signature: String(req.headers["x-webhook-signature"]),
        });
        hits.push({ path, headers: req.headers, body, valid });
        const reply = replies.get(path)?.(hits.filter((hit) => hit.path === path).length) ?? 200;
        const { status, body: text = `reply ${status}`, headers = {} } = typeof reply === "number" ? { status: reply } : reply;
        res.writeHead(status, { "content-type": "text/plain", ...headers }).end(text);
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    hits,
    requested,
    secrets,
    replies,
    url: (path: string) => `${base}${path}`,
    at: (path: string) => hits.filter((hit) => hit.path === path),
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

/** A loopback port nothing listens on (connections to it are refused). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

type Receiver = Awaited<ReturnType<typeof startReceiver>>;

async function groupWithConnection(t: Backend) {
  return await t.run(async (ctx) => {
    const groupId = await ctx.db.insert("groups", { name: "Acme", slug: "acme" });
    const connectionId = await ctx.db.insert("connections", { groupId, name: "Okta", protocol: "oidc", status: "active" });
    return { groupId, connectionId };
  });
}

type Scope = Awaited<ReturnType<typeof groupWithConnection>>;

/** An endpoint at `path` on the receiver, whose secret the receiver learns. */
async function endpointAt(t: Backend, scope: Scope, receiver: Receiver, path: string, kinds: string[] = ["*"]) {
  const { endpointId, secret } = await t.run((ctx) => createEndpoint(ctx, { ...scope, actor: SYSTEM, url: receiver.url(path), kinds }));
  receiver.secrets.set(path, secret);
  return { endpointId, secret };
}

/** Records an audit event the way `recordEvent` does, hands it to webhooks, and runs every delivery to the end. */
async function emit(t: Backend, scope: Scope, fields: Partial<Omit<Doc<"auditEvents">, "_id" | "_creationTime">> = {}) {
  const eventId = await t.run(async (ctx) => {
    const id = await ctx.db.insert("auditEvents", {
      groupId: scope.groupId,
      connectionId: scope.connectionId,
      kind: "login.succeeded",
      outcome: "success",
      actor: { type: "idp", id: "okta", label: "Okta" },
      target: { type: "user", id: "u1", label: "ada@acme.test" },
      metadata: { ip: "203.0.113.9" },
      ...fields,
    });
    await enqueueDeliveries(ctx, (await ctx.db.get(id))!);
    return id;
  });
  await runScheduled(t);
  return eventId;
}

async function runScheduled(t: Backend) {
  await t.finishAllScheduledFunctions(advance);
}

function deliveriesOf(t: Backend, endpointId: Id<"webhookEndpoints">) {
  return t.run((ctx) => listDeliveries(ctx, endpointId, { limit: 100 }));
}

describe("webhook delivery", () => {
  let receiver: Receiver;
  beforeEach(async () => {
    receiver = await startReceiver();
  });
  afterEach(() => receiver.close());

  it("delivers an event once, signed, with the documented headers and payload", async () => {
    const t = newBackend();
    const scope = await groupWithConnection(t);
    const { endpointId } = await endpointAt(t, scope, receiver, "/hook");
    const before = Math.floor(Date.now() / 1000);
    const eventId = await emit(t, scope);

    expect(receiver.hits).toHaveLength(1);
    const [hit] = receiver.hits;
    const [delivery] = await deliveriesOf(t, endpointId);
    expect(hit!.valid).toBe(true);
    expect(hit!.headers).toMatchObject({
      "content-type": "application/json",
      "x-webhook-id": delivery!.deliveryId,
      "x-webhook-event": "login.succeeded",
    });
    expect(Number(hit!.headers["x-webhook-timestamp"])).toBeGreaterThanOrEqual(before);
    expect(hit!.headers["x-webhook-signature"]).toMatch(/^v1=[0-9a-f]{64}$/);
    const event = (await t.run((ctx) => ctx.db.get(eventId)))!;
    expect(JSON.parse(hit!.body)).toEqual({
      id: eventId,
      kind: "login.succeeded",
      occurredAt: new Date(event._creationTime).toISOString(),
      groupId: scope.groupId,
      connectionId: scope.connectionId,
      outcome: "success",
      actor: { type: "idp", id: "okta", label: "Okta" },
      target: { type: "user", id: "u1", label: "ada@acme.test" },
      reason: null,
      metadata: { ip: "203.0.113.9" },
    });
    expect(delivery).toMatchObject({ eventId, status: "succeeded", attempts: 1, nextAttemptTime: null, lastResponse: { status: 200, body: "reply 200" } });
  });

  it("is wired into recordEvent: recording a connection's event delivers it, redacted", async () => {
    const t = newBackend();
    const scope = await groupWithConnection(t);
    await endpointAt(t, scope, receiver, "/audit", ["connection.updated"]);
    await t.run((ctx) =>
      recordEvent(ctx, { ...scope, kind: "connection.updated", actor: { type: "system" }, metadata: { clientSecret: "hunter2", renamed: true } }),
    );
    await runScheduled(t);

    expect(receiver.hits).toHaveLength(1);
    expect(receiver.hits[0]!.valid).toBe(true);
    expect(receiver.hits[0]!.body).not.toContain("hunter2");
    expect(JSON.parse(receiver.hits[0]!.body)).toMatchObject({ kind: "connection.updated", metadata: { clientSecret: "[redacted]", renamed: true } });
  });

  it("retries with backoff: 500, 500, then 200 succeeds on the third attempt", async () => {
    const t = newBackend();
    const scope = await groupWithConnection(t);
    const { endpointId } = await endpointAt(t, scope, receiver, "/flaky");
    receiver.replies.set("/flaky", (n) => (n <= 2 ? 500 : 200));
    await emit(t, scope);

    const hits = receiver.at("/flaky");
    expect(hits.map((hit) => hit.valid)).toEqual([true, true, true]);
    // One delivery: the same id on every attempt, 10 s then 40 s apart. (Fake time also moves
    // through fetch's own idle timers between attempts, so "at least this step, short of the next".)
    expect(new Set(hits.map((hit) => hit.headers["x-webhook-id"])).size).toBe(1);
    const times = hits.map((hit) => Number(hit.headers["x-webhook-timestamp"]));
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(10);
    expect(times[1]! - times[0]!).toBeLessThan(40);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(40);
    expect(times[2]! - times[1]!).toBeLessThan(160);
    expect(await deliveriesOf(t, endpointId)).toMatchObject([{ status: "succeeded", attempts: 3, lastResponse: { status: 200 } }]);
  });

  it("gives up after six failed attempts", async () => {
    const t = newBackend();
    const scope = await groupWithConnection(t);
    const { endpointId } = await endpointAt(t, scope, receiver, "/down");
    receiver.replies.set("/down", (n) => (n < 6 ? 500 : { status: 503, body: "é".repeat(2000) }));
    await emit(t, scope);

    expect(MAX_ATTEMPTS).toBe(6);
    expect(receiver.at("/down")).toHaveLength(6);
    const [delivery] = await deliveriesOf(t, endpointId);
    expect(delivery).toMatchObject({ status: "failed", attempts: 6, nextAttemptTime: null, lastResponse: { status: 503 } });
    // Only the first 1 KB of the response is kept (512 two-byte characters).
    expect(delivery!.lastResponse!.body).toBe("é".repeat(512));
  });

  it("counts a redirect and an unreachable host as failures", async () => {
    const t = newBackend();
    const scope = await groupWithConnection(t);
    const { endpointId } = await endpointAt(t, scope, receiver, "/moved");
    receiver.replies.set("/moved", (n) => (n === 1 ? { status: 307, headers: { location: receiver.url("/elsewhere") } } : 204));
    await emit(t, scope);
    expect(receiver.requested).toEqual(["/moved", "/moved"]);
    expect(await deliveriesOf(t, endpointId)).toMatchObject([{ status: "succeeded", attempts: 2 }]);

    const refused = await t.run(async (ctx) => createEndpoint(ctx, { ...scope, actor: SYSTEM, url: `http://127.0.0.1:${await closedPort()}/`, kinds: ["domain.added"] }));
    await emit(t, scope, { kind: "domain.added" });
    const [failed] = await deliveriesOf(t, refused.endpointId);
    expect(failed).toMatchObject({ status: "failed", attempts: 6 });
    expect(failed!.lastResponse?.status).toBeUndefined();
    expect(failed!.lastResponse?.error).toMatch(/ECONNREFUSED/);
  });

  it("sends nothing to endpoints not subscribed to the kind, disabled ones, or for events without a connection", async () => {
    const t = newBackend();
    const scope = await groupWithConnection(t);
    const all = await endpointAt(t, scope, receiver, "/all");
    const domains = await endpointAt(t, scope, receiver, "/domains", ["domain.added", "domain.removed"]);
    const off = await endpointAt(t, scope, receiver, "/off");
    await t.run((ctx) => disableEndpoint(ctx, off.endpointId, SYSTEM));

    await emit(t, scope, { kind: "login.failed", outcome: "failure", reason: "bad_signature" });
    await emit(t, scope, { kind: "policy.updated", connectionId: undefined });

    // "/all" also hears about the other endpoints being created and disabled (never about itself).
    expect(receiver.hits.map((hit) => [hit.path, hit.headers["x-webhook-event"]])).toEqual([
      ["/all", "webhook.endpoint.created"],
      ["/all", "webhook.endpoint.created"],
      ["/all", "webhook.endpoint.disabled"],
      ["/all", "login.failed"],
    ]);
    expect(JSON.parse(receiver.hits[3]!.body)).toMatchObject({ outcome: "failure", reason: "bad_signature" });
    expect(await deliveriesOf(t, domains.endpointId)).toEqual([]);
    expect(await deliveriesOf(t, off.endpointId)).toEqual([]);
    expect(await deliveriesOf(t, all.endpointId)).toHaveLength(4);
  });

  it("abandons queued deliveries when the endpoint is disabled before they run", async () => {
    const t = newBackend();
    const scope = await groupWithConnection(t);
    const { endpointId } = await endpointAt(t, scope, receiver, "/late");
    await t.run(async (ctx) => {
      const id = await ctx.db.insert("auditEvents", { groupId: scope.groupId, connectionId: scope.connectionId, kind: "domain.verified", outcome: "success", actor: { type: "system" } });
      await enqueueDeliveries(ctx, (await ctx.db.get(id))!);
      await disableEndpoint(ctx, endpointId, SYSTEM);
    });
    await runScheduled(t);

    expect(receiver.hits).toEqual([]);
    expect(await deliveriesOf(t, endpointId)).toMatchObject([{ status: "failed", attempts: 0, lastResponse: { error: "Endpoint disabled" } }]);
  });

  it("resends a delivery and sends test events regardless of subscriptions", async () => {
    const t = newBackend();
    const scope = await groupWithConnection(t);
    const { endpointId } = await endpointAt(t, scope, receiver, "/only-domains", ["domain.added"]);
    await emit(t, scope, { kind: "domain.added" });
    const [first] = await deliveriesOf(t, endpointId);

    const resent = await t.run((ctx) => resendDelivery(ctx, first!.deliveryId));
    await runScheduled(t);
    const test = await t.run((ctx) => sendTestEvent(ctx, { endpointId }));
    await runScheduled(t);

    const hits = receiver.at("/only-domains");
    expect(hits.map((hit) => [hit.headers["x-webhook-id"], hit.headers["x-webhook-event"], hit.valid])).toEqual([
      [first!.deliveryId, "domain.added", true],
      [resent.deliveryId, "domain.added", true],
      [test.deliveryId, "webhook.test", true],
    ]);
    expect(hits[1]!.body).toBe(hits[0]!.body);
    expect(JSON.parse(hits[2]!.body)).toMatchObject({
      kind: "webhook.test",
      groupId: scope.groupId,
      connectionId: scope.connectionId,
      target: { type: "webhookEndpoint", id: endpointId },
      metadata: { test: true },
    });
    // Newest first.
    expect((await deliveriesOf(t, endpointId)).map((d) => [d.deliveryId, d.status])).toEqual([
      [test.deliveryId, "succeeded"],
      [resent.deliveryId, "succeeded"],
      [first!.deliveryId, "succeeded"],
    ]);
    expect(await t.run((ctx) => listDeliveries(ctx, endpointId, { limit: 1 }))).toHaveLength(1);
  });

  it("signs with the new secret after rotation, so the old one no longer verifies", async () => {
    const t = newBackend();
    const scope = await groupWithConnection(t);
    const { endpointId, secret: oldSecret } = await endpointAt(t, scope, receiver, "/rotate");
    await emit(t, scope);
    const { secret: newSecret } = await t.run((ctx) => rotateSecret(ctx, endpointId, SYSTEM));
    expect(newSecret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(newSecret).not.toBe(oldSecret);

    // The receiver still holds the old secret: the next delivery fails its check.
    await emit(t, scope);
    const [before, after] = receiver.at("/rotate");
    expect([before!.valid, after!.valid]).toEqual([true, false]);
    const check = (hit: Hit, secret: string) =>
      verifySignature({
        secret,
        timestamp: String(hit.headers["x-webhook-timestamp"]),
        body: hit.body,
        signature: String(hit.headers["x-webhook-signature"]),
      });
    expect(await check(after!, newSecret)).toBe(true);
    expect(await check(before!, newSecret)).toBe(false);
  });

  it("lists endpoints without the secret or its ciphertext", async () => {
    const t = newBackend();
    const scope = await groupWithConnection(t);
    const { endpointId, secret } = await endpointAt(t, scope, receiver, "/list", ["login.failed"]);
    const stored = (await t.run((ctx) => ctx.db.get(endpointId)))!;

    const listed = await t.run((ctx) => listEndpoints(ctx, scope.connectionId));
    expect(listed).toEqual([
      { endpointId, url: receiver.url("/list"), kinds: ["login.failed"], status: "active", hasSecret: true, _creationTime: stored._creationTime },
    ]);
    const json = JSON.stringify(listed);
    for (const leak of [secret, secret.slice(6), stored.secret.ciphertext, stored.secret.iv]) expect(json).not.toContain(leak);
    // At rest, only the sealed form exists.
    expect(JSON.stringify(stored)).not.toContain(secret.slice(6));
  });
});

describe("endpoint validation", () => {
  const bad: Array<[string, string]> = [
    ["ftp scheme", "ftp://example.com/hook"],
    ["relative", "/hooks/sso"],
    ["too long", `https://example.com/${"a".repeat(3000)}`],
    ["credentials", "https://user:pass@example.com/hook"],
  ];
  const productionOnly: Array<[string, string]> = [
    ["plain http", "http://example.com/hook"],
    ["loopback", "https://127.0.0.1/hook"],
    ["loopback, decimal", "https://2130706433/hook"],
    ["private", "https://10.1.2.3/hook"],
    ["private 172.16/12", "https://172.20.0.1/hook"],
    ["link-local metadata", "https://169.254.169.254/latest"],
    ["IPv6 loopback", "https://[::1]/hook"],
    ["IPv4-mapped IPv6", "https://[::ffff:192.168.0.1]/hook"],
    ["localhost", "https://localhost/hook"],
    ["localhost subdomain", "https://api.localhost./hook"],
  ];

  async function refusal(url: string, kinds: string[] = ["*"]) {
    const t = newBackend();
    const scope = await groupWithConnection(t);
    const code = await errorCode(t.run((ctx) => createEndpoint(ctx, { ...scope, actor: SYSTEM, url, kinds })));
    const rows = await t.run((ctx) => ctx.db.query("webhookEndpoints").collect());
    return { code, rows: rows.length };
  }

  it.each(bad)("refuses a bad URL (%s), even in development", async (_, url) => {
    expect(await refusal(url)).toEqual({ code: "INVALID_URL", rows: 0 });
  });

  it.each(productionOnly)("refuses %s without ALLOW_PRIVATE_WEBHOOK_URLS", async (_, url) => {
    delete process.env.ALLOW_PRIVATE_WEBHOOK_URLS;
    expect(await refusal(url)).toEqual({ code: "INVALID_URL", rows: 0 });
  });

  it("accepts a public https URL in production, and loopback http in development", async () => {
    delete process.env.ALLOW_PRIVATE_WEBHOOK_URLS;
    expect(await refusal("https://hooks.example.com/sso")).toEqual({ code: "no error", rows: 1 });
    process.env.ALLOW_PRIVATE_WEBHOOK_URLS = "true";
    expect(await refusal("http://127.0.0.1:8080/hook")).toEqual({ code: "no error", rows: 1 });
  });

  it("stores the normalized URL", async () => {
    const t = newBackend();
    const scope = await groupWithConnection(t);
    await t.run((ctx) => createEndpoint(ctx, { ...scope, actor: SYSTEM, url: " HTTPS://Hooks.Example.COM/a b ", kinds: ["*"] }));
    expect((await t.run((ctx) => listEndpoints(ctx, scope.connectionId)))[0]!.url).toBe("https://hooks.example.com/a%20b");
  });

  it.each([
    ["empty", []],
    ["unknown", ["login.succeeded", "made.up"]],
    ["* mixed with kinds", ["*", "login.failed"]],
    ["webhook.test (sent only on request)", ["webhook.test"]],
  ])("refuses %s kinds", async (_, kinds) => {
    expect(await refusal("https://hooks.example.com/sso", kinds)).toEqual({ code: "INVALID_INPUT", rows: 0 });
  });

  it("refuses a connection of another group, and an eleventh active endpoint", async () => {
    const t = newBackend();
    const scope = await groupWithConnection(t);
    const otherGroupId = await t.run((ctx) => ctx.db.insert("groups", { name: "Other", slug: "other" }));
    const create = (groupId: Id<"groups">) =>
      t.run((ctx) => createEndpoint(ctx, { groupId, actor: SYSTEM, connectionId: scope.connectionId, url: "https://hooks.example.com/x", kinds: ["*"] }));
    expect(await errorCode(create(otherGroupId))).toBe("NOT_FOUND");

    const ids: Id<"webhookEndpoints">[] = [];
    for (let i = 0; i < 10; i++) ids.push((await create(scope.groupId)).endpointId);
    expect(await errorCode(create(scope.groupId))).toBe("INVALID_INPUT");
    await t.run((ctx) => disableEndpoint(ctx, ids[0]!, SYSTEM));
    expect(await errorCode(create(scope.groupId))).toBe("no error");
    expect(await errorCode(t.run((ctx) => rotateSecret(ctx, ids[0]!, SYSTEM)))).toBe("INVALID_INPUT");
    expect(await errorCode(t.run((ctx) => sendTestEvent(ctx, { endpointId: ids[0]! })))).toBe("INVALID_INPUT");
  });
});

describe("retryDelay", () => {
  it("grows 4× from 10 s and is capped at 6 h", () => {
    expect([1, 2, 3, 4, 5].map(retryDelay)).toEqual([10_000, 40_000, 160_000, 640_000, 2_560_000]);
    expect(retryDelay(20)).toBe(6 * 60 * 60 * 1000);
  });
});

describe("verifySignature", () => {
  const secret = "whsec_test";
  const body = '{"id":"e1"}';

  it("accepts a fresh signature and rejects stale, tampered or malformed ones", async () => {
    const now = 1_700_000_000;
    const signature = await signPayload({ secret, timestamp: now, body });
    const verify = (overrides: Partial<Parameters<typeof verifySignature>[0]>) =>
      verifySignature({ secret, timestamp: String(now), body, signature, nowSeconds: now, ...overrides });

    expect(await verify({})).toBe(true);
    expect(await verify({ signature: `v1=${"0".repeat(64)} ${signature}` })).toBe(true);
    expect(await verify({ nowSeconds: now + 301 })).toBe(false);
    expect(await verify({ nowSeconds: now + 301, toleranceSeconds: 600 })).toBe(true);
    expect(await verify({ body: '{"id":"e2"}' })).toBe(false);
    expect(await verify({ secret: "whsec_other" })).toBe(false);
    expect(await verify({ timestamp: String(now + 1), nowSeconds: now + 1 })).toBe(false);
    expect(await verify({ timestamp: "soon" })).toBe(false);
    expect(await verify({ signature: signature.replace("v1=", "v0=") })).toBe(false);
    expect(await verify({ signature: "" })).toBe(false);
  });
});
