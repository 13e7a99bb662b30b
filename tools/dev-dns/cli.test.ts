import { spawn, type ChildProcess } from "node:child_process";
import { Resolver } from "node:dns/promises";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addRecord, writeRecords } from "./records";

const repoRoot = path.resolve(import.meta.dirname, "../..");
const tsx = path.join(repoRoot, "node_modules/.bin/tsx");

let dir: string;
let recordsFile: string;
const started: ChildProcess[] = [];

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "dev-dns-cli-"));
  recordsFile = path.join(dir, "dns-records.json");
});

afterEach(async () => {
  for (const child of started.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await rm(dir, { recursive: true, force: true });
});

interface RunningCli {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  exited: Promise<number | null>;
}

function runCli(args: string[]): RunningCli {
  const child = spawn(tsx, ["tools/dev-dns/cli.ts", ...args], { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
  started.push(child);
  const stdout: string[] = [];
  const stderr: string[] = [];
  createInterface({ input: child.stdout! }).on("line", (line) => stdout.push(line));
  createInterface({ input: child.stderr! }).on("line", (line) => stderr.push(line));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, stdout, stderr, exited };
}

/** The port from the ready line, once it is printed. */
async function readyPort(cli: RunningCli): Promise<number> {
  for (let waited = 0; waited < 15_000; waited += 50) {
    const line = cli.stdout.find((candidate) => candidate.startsWith("Dev DNS ready "));
    if (line) {
      const match = line.match(/^Dev DNS ready udp=127\.0\.0\.1:(\d+) tcp=127\.0\.0\.1:\1$/);
      if (!match) throw new Error(`Unexpected ready line: ${line}`);
      return Number(match[1]);
    }
    if (cli.child.exitCode !== null) throw new Error(`The CLI exited: ${cli.stderr.join("\n")}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`No ready line; stdout: ${cli.stdout.join("\n")}`);
}

describe("dev DNS CLI", () => {
  it("serves the records file, logs queries and stops on SIGTERM", async () => {
    const cli = runCli(["--port", "0", "--records", recordsFile]);
    const port = await readyPort(cli);
    expect(cli.stdout).toContain(`Serving 0 records from ${recordsFile}`);

    await addRecord(recordsFile, { name: "_x.example.com", type: "TXT", value: "hello" });
    const resolver = new Resolver({ timeout: 3000, tries: 1 });
    resolver.setServers([`127.0.0.1:${port}`]);
    expect(await resolver.resolveTxt("_x.example.com")).toEqual([["hello"]]);
    expect(cli.stdout).toContain("TXT _x.example.com (udp) → 1 record");

    cli.child.kill("SIGTERM");
    expect(await cli.exited).toBe(0);
  });

  it("starts from no records with --reset", async () => {
    await writeRecords(recordsFile, [{ name: "_x.example.com", type: "TXT", value: "old" }]);
    const cli = runCli(["--port", "0", "--records", recordsFile, "--reset"]);
    await readyPort(cli);
    expect(JSON.parse(await readFile(recordsFile, "utf8"))).toEqual({ records: [] });
    cli.child.kill("SIGTERM");
    await cli.exited;
  });

  it("explains a busy port and exits with 1", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const cli = runCli(["--port", String(port), "--records", recordsFile]);
      expect(await cli.exited).toBe(1);
      expect(cli.stderr.join("\n")).toContain(
        `Port ${port} on 127.0.0.1 is already in use (TCP). Is another "npm run dev" (or dev DNS server) running? Choose another port: DEV_DNS_PORT=<port> npm run dev (or --port here).`,
      );
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it("asks for the records file", async () => {
    const cli = runCli(["--port", "0"]);
    expect(await cli.exited).toBe(1);
    expect(cli.stderr[0]).toBe("--records <file> is required.");
  });
});
