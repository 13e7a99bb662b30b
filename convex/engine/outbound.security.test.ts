import type { LookupAddress } from "node:dns";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startMisbehavingServer, type MisbehavingServer } from "../../tools/testing/misbehaving-server";
import { fetchOutbound, OutboundFailure, type OutboundFailureKind, type OutboundPolicy } from "./outboundFetch";
import { fetchOutboundPinned } from "./outboundNode";

/**
 * The outbound-request rules against a real local server that misbehaves.
 * Two rule sets, two kinds of test:
 * - addresses: with private URLs NOT allowed (production), every loopback
 *   spelling of the test server is refused before a request is sent;
 * - limits (redirects, size, time): these need the server reachable, so they
 *   run with private URLs allowed (the dev override) and still hold.
 * Both implementations (fetch for Convex's default runtime, node:http with
 * checked DNS for the Node runtime) pass the same suite.
 *
 * Host names are resolved by the real node:dns lookup except for names under
 * `.resolves.test`, which answer with the addresses in RESOLVES: that is how a
 * public-looking name pointing at loopback is made without touching /etc/hosts.
 */
const RESOLVES = new Map<string, LookupAddress[]>();
let lookups = 0;

vi.mock("node:dns", async (importOriginal) => {
  const dns = await importOriginal<typeof import("node:dns")>();
  const lookup = (hostname: string, options: object, callback: (error: Error | null, addresses: LookupAddress[]) => void) => {
    const fixed = RESOLVES.get(hostname);
    if (!fixed) return dns.lookup(hostname, { ...options, all: true }, callback);
    lookups += 1;
    queueMicrotask(() => callback(null, fixed));
  };
  return { ...dns, default: { ...dns, lookup }, lookup };
});

let server: MisbehavingServer;
const SHORT_TIMEOUT_MS = 300;
const MAX_BYTES = 64 * 1024;
const production: OutboundPolicy = { allowPrivate: false, maxBytes: MAX_BYTES };
const development: OutboundPolicy = { allowPrivate: true, maxBytes: MAX_BYTES };

beforeAll(async () => {
  server = await startMisbehavingServer();
  process.env.OUTBOUND_TIMEOUT_MS = String(SHORT_TIMEOUT_MS);
});

afterAll(async () => {
  delete process.env.OUTBOUND_TIMEOUT_MS;
  await server.close();
});

afterEach(() => {
  server.behave({ kind: "reply" });
  server.requests.length = 0;
  RESOLVES.clear();
  lookups = 0;
});

async function failure(promise: Promise<unknown>): Promise<{ kind: OutboundFailureKind | "none"; message: string }> {
  try {
    await promise;
    return { kind: "none", message: "" };
  } catch (error) {
    if (!(error instanceof OutboundFailure)) throw error;
    return { kind: error.kind, message: error.message };
  }
}

const implementations = [
  ["fetch (default runtime)", (url: string, policy: OutboundPolicy) => fetchOutbound(url, {}, policy)],
  ["node:http with checked DNS (Node runtime)", (url: string, policy: OutboundPolicy) => fetchOutboundPinned(url, {}, policy)],
] as const;

describe.each(implementations)("%s", (_name, get) => {
  describe("with private URLs not allowed (production)", () => {
    it.each([
      ["the server itself", (port: number) => `http://127.0.0.1:${port}/`],
      ["https to loopback", (port: number) => `https://127.0.0.1:${port}/`],
      ["loopback as one decimal number", (port: number) => `https://2130706433:${port}/`],
      ["loopback in octal", (port: number) => `https://0177.0.0.1:${port}/`],
      ["loopback in hex", (port: number) => `https://0x7f000001:${port}/`],
      ["loopback, short form", (port: number) => `https://127.1:${port}/`],
      ["IPv4-mapped IPv6 loopback", (port: number) => `https://[::ffff:127.0.0.1]:${port}/`],
      ["IPv4-mapped IPv6 loopback in hex", (port: number) => `https://[::ffff:7f00:1]:${port}/`],
      ["0.0.0.0 (the local host on Linux)", (port: number) => `https://0.0.0.0:${port}/`],
      ["localhost", (port: number) => `https://localhost:${port}/`],
      ["a localhost subdomain with a trailing dot", (port: number) => `https://idp.localhost.:${port}/`],
    ])("refuses %s before sending anything", async (_label, urlFor) => {
      const port = Number(new URL(server.origin).port);
      expect(await failure(get(urlFor(port), production))).toMatchObject({ kind: "refused", message: expect.stringContaining("Refused to fetch") });
      expect(server.requests).toEqual([]);
    });

    it("refuses plain http to a public host", async () => {
      expect(await failure(get("http://idp.example.com/.well-known/openid-configuration", production))).toMatchObject({
        kind: "refused",
        message: expect.stringContaining("https://"),
      });
    });
  });

  describe("with private URLs allowed (development), the limits still hold", () => {
    it("answers a well-behaved request", async () => {
      server.behave({ kind: "reply", body: '{"ok":true}' });
      const response = await get(server.url("/fine"), development);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ ok: true });
    });

    it("follows no redirect, not even to the same server", async () => {
      server.behave((hit) => (hit === 1 ? { kind: "redirect", location: server.url("/elsewhere") } : { kind: "reply" }));
      expect(await failure(get(server.url("/start"), development))).toMatchObject({ kind: "redirect", message: expect.stringContaining("redirects are not followed") });
      expect(server.requests.map((request) => request.path)).toEqual(["/start"]);
    });

    it("gives up on an endless body at the size limit", async () => {
      server.behave({ kind: "endless" });
      expect(await failure(get(server.url("/endless"), development))).toMatchObject({ kind: "too_large", message: expect.stringContaining("more than 64 KB") });
    });

    it("gives up on a server that never answers, at the time limit", async () => {
      server.behave({ kind: "stall" });
      expect(await failure(get(server.url("/stall"), development))).toMatchObject({ kind: "timeout", message: expect.stringContaining(`within ${SHORT_TIMEOUT_MS / 1000} s`) });
    });

    it("reports a connection closed without an answer", async () => {
      server.behave({ kind: "hangUp" });
      expect((await failure(get(server.url("/hang-up"), development))).kind).toBe("unreachable");
    });
  });
});

describe("node:http with checked DNS: the address checked is the address connected to", () => {
  const portOf = () => Number(new URL(server.origin).port);

  it("refuses a public-looking name that resolves to loopback, without connecting", async () => {
    RESOLVES.set("idp.resolves.test", [{ address: "127.0.0.1", family: 4 }]);
    expect(await failure(fetchOutboundPinned(`https://idp.resolves.test:${portOf()}/`, {}, production))).toMatchObject({
      kind: "refused",
      message: expect.stringContaining("resolves to 127.0.0.1"),
    });
    expect(server.requests).toEqual([]);
  });

  it("refuses a name with any loopback address among its answers", async () => {
    RESOLVES.set("mixed.resolves.test", [
      { address: "127.0.0.1", family: 4 },
      { address: "203.0.113.10", family: 4 },
    ]);
    expect((await failure(fetchOutboundPinned(`https://mixed.resolves.test:${portOf()}/`, {}, production))).kind).toBe("refused");
    expect(server.requests).toEqual([]);
  });

  it("resolves once and connects to that answer (no second lookup to rebind)", async () => {
    RESOLVES.set("pinned.resolves.test", [{ address: "127.0.0.1", family: 4 }]);
    const response = await fetchOutboundPinned(`http://pinned.resolves.test:${portOf()}/pinned`, {}, development);
    expect(response.status).toBe(200);
    expect(lookups).toBe(1);
    expect(server.requests).toMatchObject([{ path: "/pinned", headers: { host: `pinned.resolves.test:${portOf()}` } }]);
  });

  it("sends the method, headers and body it is given", async () => {
    await fetchOutboundPinned(server.url("/hook"), { method: "POST", headers: { "content-type": "application/json", "x-test": "1" }, body: '{"a":1}' }, development);
    expect(server.requests).toMatchObject([{ method: "POST", path: "/hook", body: '{"a":1}', headers: { "x-test": "1", "content-type": "application/json" } }]);
  });
});
