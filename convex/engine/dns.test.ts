import type { AddressInfo } from "node:net";
import { createUDPServer, Packet, type UDPServer } from "dns2";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { internal } from "../_generated/api";
import { newBackend } from "../../tools/testing/convex";

/**
 * resolveTxt against a real DNS server: a dns2 UDP server on 127.0.0.1 that
 * answers from the zone below, exactly as published (chunks included).
 */
const LONG_VALUE = `group-sso-verification=${"a".repeat(250)}${"b".repeat(100)}`;
const ZONE: Record<string, { txt: string[][] } | { servfail: true }> = {
  "_group-sso-challenge.example.com": { txt: [["group-sso-verification=abc123"], ["v=other"]] },
  // Over 255 bytes: published as several character-strings, which the action joins back.
  "_group-sso-challenge.long.example.com": { txt: [[LONG_VALUE.slice(0, 255), LONG_VALUE.slice(255)]] },
  "broken.example.com": { servfail: true },
};
const RCODE_SERVFAIL = 2;
const RCODE_NXDOMAIN = 3;

const queriedNames: string[] = [];
let server: UDPServer;
let serverAddress: string;

beforeAll(async () => {
  server = createUDPServer((request, send) => {
    const response = Packet.createResponseFromRequest(request);
    response.header.aa = 1;
    const question = request.questions[0]!;
    queriedNames.push(question.name);
    const entry = ZONE[question.name.toLowerCase()];
    if (!entry) response.header.rcode = RCODE_NXDOMAIN;
    else if ("servfail" in entry) response.header.rcode = RCODE_SERVFAIL;
    else if (question.type === Packet.TYPE.TXT) {
      for (const chunks of entry.txt) {
        response.answers.push(Packet.createResourceFromQuestion(question, { type: Packet.TYPE.TXT, class: Packet.CLASS.IN, ttl: 0, data: chunks }));
      }
    }
    void send(response);
  });
  await server.listen(0, "127.0.0.1");
  serverAddress = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

afterEach(() => {
  delete process.env.DNS_SERVERS;
  queriedNames.length = 0;
});

function resolveTxt(name: string) {
  return newBackend().action(internal.engine.dns.resolveTxt, { name });
}

describe("resolveTxt", () => {
  it("returns every TXT record of the name", async () => {
    process.env.DNS_SERVERS = serverAddress;
    expect(await resolveTxt("_group-sso-challenge.example.com")).toEqual({
      ok: true,
      records: ["group-sso-verification=abc123", "v=other"],
    });
  });

  it("joins a long record's chunks into one value", async () => {
    process.env.DNS_SERVERS = serverAddress;
    expect(await resolveTxt("_group-sso-challenge.long.example.com")).toEqual({ ok: true, records: [LONG_VALUE] });
  });

  it("looks names up in lowercase, fully qualified or not", async () => {
    process.env.DNS_SERVERS = ` ${serverAddress} `;
    expect(await resolveTxt(" _group-sso-Challenge.Example.com. ")).toMatchObject({ ok: true, records: { length: 2 } });
    expect(queriedNames).toEqual(["_group-sso-challenge.example.com"]);
  });

  it("answers a name without TXT records with no records, not an error", async () => {
    process.env.DNS_SERVERS = serverAddress;
    expect(await resolveTxt("_group-sso-challenge.missing.example.com")).toEqual({ ok: true, records: [] });
  });

  it("reports a server failure", async () => {
    process.env.DNS_SERVERS = serverAddress;
    expect(await resolveTxt("broken.example.com")).toEqual({
      ok: false,
      reason: "DNS lookup failed: ESERVFAIL (the DNS server reported a failure). This is usually temporary: verify again in a few minutes.",
    });
  });

  it("reports a server that is down", async () => {
    // A port nothing listens on: bound, then released.
    const closed = createUDPServer(() => {});
    await closed.listen(0, "127.0.0.1");
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    process.env.DNS_SERVERS = `127.0.0.1:${port}`;

    const result = await resolveTxt("_group-sso-challenge.example.com");
    // Loopback answers "port unreachable" at once; should that be filtered, the resolver times out instead.
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/^DNS lookup failed: (ECONNREFUSED|ETIMEOUT) \(the DNS server/) });
  });

  it.each([
    ["", "it is empty"],
    ["example..com", "it has an empty label"],
    ["exa mple.com", 'the label "exa mple"'],
    ["example.com/path", 'the label "com/path"'],
    [`${"a".repeat(64)}.com`, "must be 1–63 characters"],
    [`${"abcdefghi.".repeat(26)}com`, "longer than 253 characters"],
  ])("refuses %j before any lookup", async (name, why) => {
    process.env.DNS_SERVERS = serverAddress;
    const result = await resolveTxt(name);
    expect(result).toEqual({ ok: false, reason: expect.stringContaining("is not a valid DNS name") });
    expect(result).toEqual({ ok: false, reason: expect.stringContaining(why) });
    expect(queriedNames).toEqual([]);
  });

  it("explains a DNS_SERVERS value the resolver cannot use", async () => {
    process.env.DNS_SERVERS = "dns.example.com:53";
    expect(await resolveTxt("example.com")).toEqual({
      ok: false,
      reason: expect.stringContaining('DNS_SERVERS must be comma-separated IP addresses with optional ports (e.g. 127.0.0.1:5353), but it is "dns.example.com:53"'),
    });
  });
});
