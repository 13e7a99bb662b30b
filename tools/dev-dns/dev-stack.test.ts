import { Resolver } from "node:dns/promises";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isPortFree } from "../dev/ports";
import { Supervisor } from "../dev/processes";
import { startDevDnsChild, withDevDns } from "./dev-stack";
import { writeRecords } from "./records";

const repoRoot = path.resolve(import.meta.dirname, "../..");

let dir: string;
let recordsFile: string;
let supervisor: Supervisor;
let unexpectedExits: string[];

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "dev-dns-stack-"));
  recordsFile = path.join(dir, "dns-records.json");
  unexpectedExits = [];
  supervisor = new Supervisor((child) => unexpectedExits.push(child.name));
});

afterEach(async () => {
  await supervisor.stopAll("SIGTERM");
  await rm(dir, { recursive: true, force: true });
});

/** A port that was free a moment ago (the child needs a fixed one, as `npm run dev` gives it). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("startDevDnsChild", () => {
  it("resolves once the server answers, and the supervisor stops it", async () => {
    const port = await freePort();
    await writeRecords(recordsFile, [{ name: "_x.example.com", type: "TXT", value: "kept" }]);
    await startDevDnsChild(supervisor, repoRoot, { port, recordsFile, reset: false });

    const resolver = new Resolver({ timeout: 3000, tries: 1 });
    resolver.setServers([`127.0.0.1:${port}`]);
    expect(await resolver.resolveTxt("_x.example.com")).toEqual([["kept"]]);

    await supervisor.stopAll("SIGINT");
    expect(unexpectedExits).toEqual([]);
    expect(await isPortFree(port)).toBe(true);
  });

  it("fails with the server's own reason when the port is taken", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const { port } = blocker.address() as { port: number };
    try {
      await expect(startDevDnsChild(supervisor, repoRoot, { port, recordsFile, reset: false })).rejects.toThrow(
        new RegExp(`^The dev DNS server stopped before it was ready \\(exit code 1\\): Port ${port} on 127\\.0\\.0\\.1 is already in use \\(TCP\\)\\..*DEV_DNS_PORT`),
      );
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});

describe("withDevDns", () => {
  it("tells next dev where the records are", () => {
    expect(withDevDns({ PATH: "/bin" }, { recordsFile: "/repo/.convex-local/dns-records.json", port: 5353 })).toEqual({
      PATH: "/bin",
      DEV_DNS_RECORDS: "/repo/.convex-local/dns-records.json",
      DEV_DNS_SERVER: "127.0.0.1:5353",
    });
  });

  it("removes a records file left in the shell when no dev DNS server runs", () => {
    expect(withDevDns({ PATH: "/bin", DEV_DNS_RECORDS: "/elsewhere.json", DEV_DNS_SERVER: "127.0.0.1:1" }, undefined)).toEqual({
      PATH: "/bin",
    });
  });
});
