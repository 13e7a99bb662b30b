import { createSocket } from "node:dgram";
import { Resolver } from "node:dns/promises";
import { createServer, type Server } from "node:net";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addRecord, removeRecord, writeRecords } from "./records";
import { DevDnsPortInUseError, startDevDns, type AnsweredQuery, type DevDns } from "./server";

let dir: string;
let recordsFile: string;
let dns: DevDns | undefined;
let queries: AnsweredQuery[];
let recordsErrors: string[];
let resolver: Resolver;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "dev-dns-server-"));
  recordsFile = path.join(dir, "dns-records.json");
  queries = [];
  recordsErrors = [];
});

afterEach(async () => {
  await dns?.close();
  dns = undefined;
  await rm(dir, { recursive: true, force: true });
});

/** Starts the server on a free port and points `resolver`, as the app's action would be, at it. */
async function start(): Promise<DevDns> {
  dns = await startDevDns({
    port: 0,
    recordsFile,
    onQuery: (query) => queries.push(query),
    onRecordsChange: (change) => {
      if ("error" in change) recordsErrors.push(change.error.message);
    },
  });
  resolver = new Resolver({ timeout: 3000, tries: 1 });
  resolver.setServers([`127.0.0.1:${dns.port}`]);
  return dns;
}

const NAME = "_group-sso-challenge.example.com";

async function errorCode(promise: Promise<unknown>): Promise<string | undefined> {
  return promise.then(
    () => undefined,
    (error: NodeJS.ErrnoException) => error.code,
  );
}

describe("dev DNS server", () => {
  it("answers TXT queries from the records file", async () => {
    await writeRecords(recordsFile, [
      { name: NAME, type: "TXT", value: "group-sso-verification=abc" },
      { name: NAME, type: "TXT", value: "second" },
    ]);
    await start();
    expect((await resolver.resolveTxt(NAME)).sort()).toEqual([["group-sso-verification=abc"], ["second"]]);
    expect(queries).toEqual([{ transport: "udp", name: NAME, type: "TXT", status: "NOERROR", answers: 2 }]);
  });

  it("matches names case-insensitively", async () => {
    await writeRecords(recordsFile, [{ name: NAME, type: "TXT", value: "v" }]);
    await start();
    expect(await resolver.resolveTxt("_group-sso-Challenge.EXAMPLE.com")).toEqual([["v"]]);
  });

  it("splits a value over 255 bytes into character-strings", async () => {
    const value = `v=${"x".repeat(298)}`;
    await writeRecords(recordsFile, [{ name: NAME, type: "TXT", value }]);
    await start();
    const [record] = await resolver.resolveTxt(NAME);
    expect(record!.map((chunk) => chunk.length)).toEqual([255, 45]);
    expect(record!.join("")).toBe(value);
  });

  it("serves answers too large for UDP over TCP", async () => {
    const values = ["a", "b", "c"].map((letter) => letter.repeat(1000));
    await writeRecords(recordsFile, values.map((value) => ({ name: NAME, type: "TXT" as const, value })));
    await start();
    const records = await resolver.resolveTxt(NAME);
    expect(records.map((chunks) => chunks.join("")).sort()).toEqual(values);
    expect(queries.map((query) => query.transport)).toContain("tcp");
  });

  it("says NXDOMAIN for unknown names and no data for other types", async () => {
    await writeRecords(recordsFile, [{ name: NAME, type: "TXT", value: "v" }]);
    await start();
    expect(await errorCode(resolver.resolveTxt("missing.example.com"))).toBe("ENOTFOUND");
    expect(await errorCode(resolver.resolve4(NAME))).toBe("ENODATA");
  });

  it("serves changes to the records file without a restart", async () => {
    await start();
    expect(await errorCode(resolver.resolveTxt(NAME))).toBe("ENOTFOUND");

    await addRecord(recordsFile, { name: NAME, type: "TXT", value: "published" });
    expect(await resolver.resolveTxt(NAME)).toEqual([["published"]]);

    await addRecord(recordsFile, { name: NAME, type: "TXT", value: "another" });
    expect((await resolver.resolveTxt(NAME)).sort()).toEqual([["another"], ["published"]]);

    await removeRecord(recordsFile, { name: NAME, type: "TXT", value: "published" });
    await removeRecord(recordsFile, { name: NAME, type: "TXT", value: "another" });
    expect(await errorCode(resolver.resolveTxt(NAME))).toBe("ENOTFOUND");
  });

  it("fails queries while the records file is broken, and says why", async () => {
    await writeRecords(recordsFile, [{ name: NAME, type: "TXT", value: "v" }]);
    await start();
    await writeFile(recordsFile, "{ oops");
    expect(await errorCode(resolver.resolveTxt(NAME))).toBe("ESERVFAIL");
    expect(recordsErrors).toEqual([expect.stringContaining(`${recordsFile} is not valid JSON`)]);

    await writeRecords(recordsFile, [{ name: NAME, type: "TXT", value: "fixed" }]);
    expect(await resolver.resolveTxt(NAME)).toEqual([["fixed"]]);
  });

  it("refuses a port that is taken", async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const error = await startDevDns({ port, recordsFile }).catch((cause: unknown) => cause);
      expect(error).toBeInstanceOf(DevDnsPortInUseError);
      expect(error).toMatchObject({ port, transport: "tcp", message: `Port ${port} on 127.0.0.1 is already in use (TCP).` });
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it("refuses a port taken for UDP only (e.g. by an mDNS responder)", async () => {
    const blocker = createSocket("udp4");
    await new Promise<void>((resolve) => blocker.bind(0, "127.0.0.1", resolve));
    const { port } = blocker.address();
    try {
      await expect(startDevDns({ port, recordsFile })).rejects.toThrow(`Port ${port} on 127.0.0.1 is already in use (UDP).`);
    } finally {
      await new Promise<void>((resolve) => blocker.close(resolve));
    }
  });

  it("stops listening on close", async () => {
    await writeRecords(recordsFile, [{ name: NAME, type: "TXT", value: "v" }]);
    const { port, close } = await start();
    await close();
    dns = undefined;
    // The port is free again for both protocols.
    dns = await startDevDns({ port, recordsFile });
    expect(dns.port).toBe(port);
  });
});
