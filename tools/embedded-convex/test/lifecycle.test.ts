import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ConvexClient, ConvexHttpClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import { afterAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { freePort, startFixture, waitFor, workspace } from "./harness";

const list = makeFunctionReference<"query", Record<string, never>, string[]>("notes:list");
const add = makeFunctionReference<"mutation", { text: string }, string>("notes:add");
const addLater = makeFunctionReference<"mutation", { text: string; delayMs: number }, null>("notes:addLater");

const spaces: string[] = [];
function space() {
  const created = workspace({ FIXTURE_JWKS: '{"keys":[]}' });
  spaces.push(created.dir);
  return created;
}
afterAll(() => {
  for (const dir of spaces) rmSync(dir, { recursive: true, force: true });
});

type Row = { _id: string; _creationTime: number; text: string };
const rows = makeFunctionReference<"query", Record<string, never>, Row[]>("extra:rows");

describe("durability", () => {
  it("keeps documents, ids and creation times across a clean restart, and --reset wipes them", async () => {
    const dir = space();
    writeFileSync(
      join(dir.convexDir, "extra.ts"),
      `import { queryGeneric } from "convex/server";\nexport const rows = queryGeneric({ args: {}, handler: (ctx) => ctx.db.query("notes").collect() });\n`,
    );
    const first = await startFixture(dir);
    const http = new ConvexHttpClient(first.cloudUrl);
    for (const text of ["a", "b", "c"]) await http.mutation(add, { text });
    const before = await http.query(rows, {});
    expect(await first.stop()).toBe(0);

    const second = await startFixture(dir);
    const again = new ConvexHttpClient(second.cloudUrl);
    expect(await again.query(rows, {})).toEqual(before);
    const newId = await again.mutation(add, { text: "d" });
    expect(before.map((row) => row._id)).not.toContain(newId);
    expect((await again.query(rows, {})).at(-1)!._creationTime).toBeGreaterThan(before.at(-1)!._creationTime);
    expect(await second.stop()).toBe(0);

    const reset = await startFixture(dir, { extraArgs: ["--reset"] });
    expect(await new ConvexHttpClient(reset.cloudUrl).query(list, {})).toEqual([]);
    await reset.stop();
  });

  it("recovers every acknowledged write after a crash, ignoring a torn journal line", async () => {
    const dir = space();
    const first = await startFixture(dir);
    const http = new ConvexHttpClient(first.cloudUrl);
    for (let i = 0; i < 25; i++) await http.mutation(add, { text: `n${i}` });
    await first.kill();
    // A crash in the middle of an append leaves half a line behind.
    writeFileSync(join(dir.dataDir, "journal.jsonl"), readFileSync(join(dir.dataDir, "journal.jsonl"), "utf8") + '{"writes":[["1');

    const second = await startFixture(dir);
    expect(await new ConvexHttpClient(second.cloudUrl).query(list, {})).toEqual(Array.from({ length: 25 }, (_, i) => `n${i}`));
    await second.stop();
  });

  it("runs a scheduled function that was still pending when the backend stopped", async () => {
    const dir = space();
    const first = await startFixture(dir);
    await new ConvexHttpClient(first.cloudUrl).mutation(addLater, { text: "after restart", delayMs: 1500 });
    await first.stop();

    const second = await startFixture(dir);
    const client = new ConvexClient(second.cloudUrl, { webSocketConstructor: WebSocket as never, logger: false });
    const notes = await waitFor<string[]>((push) => client.onUpdate(list, {}, push), (n) => n.includes("after restart"));
    expect(notes).toEqual(["after restart"]);
    await client.close();
    await second.stop();
  });

  it("lets a connected client reconnect after a restart and keep receiving updates", async () => {
    const dir = space();
    const ports = { port: await freePort(), sitePort: await freePort() };
    const first = await startFixture(dir, { ports });
    const client = new ConvexClient(first.cloudUrl, { webSocketConstructor: WebSocket as never, logger: false });
    await client.mutation(add, { text: "before" });
    await first.stop();

    const second = await startFixture(dir, { ports });
    const seen = waitFor<string[]>((push) => client.onUpdate(list, {}, push), (n) => n.includes("after"), 30_000);
    await new ConvexHttpClient(second.cloudUrl).mutation(add, { text: "after" });
    expect(await seen).toEqual(["before", "after"]);
    await client.close();
    await second.stop();
  });
});

describe("hot reload", () => {
  it("serves new code, keeps data through a schema change, and keeps old code when new code is broken", async () => {
    const dir = space();
    const backend = await startFixture(dir);
    const http = new ConvexHttpClient(backend.cloudUrl);
    await http.mutation(add, { text: "kept" });
    const hello = makeFunctionReference<"query", Record<string, never>, string>("hello:greet");
    const client = new ConvexClient(backend.cloudUrl, { webSocketConstructor: WebSocket as never, logger: false });

    writeFileSync(join(dir.convexDir, "hello.ts"), `import { queryGeneric } from "convex/server";\nexport const greet = queryGeneric({ args: {}, handler: () => "v1" });\n`);
    await waitFor<string>((push) => client.onUpdate(hello, {}, push, () => {}), (v) => v === "v1", 20_000).catch((e: Error) => {
      throw new Error(`${e.message}\n${backend.output()}`);
    });
    const live = waitFor<string>((push) => client.onUpdate(hello, {}, push), (v) => v === "v2", 20_000);
    writeFileSync(join(dir.convexDir, "hello.ts"), `import { queryGeneric } from "convex/server";\nexport const greet = queryGeneric({ args: {}, handler: () => "v2" });\n`);
    expect(await live).toBe("v2");

    const schema = readFileSync(join(dir.convexDir, "schema.ts"), "utf8");
    writeFileSync(join(dir.convexDir, "schema.ts"), schema.replace("counters:", "tags: defineTable({ label: v.string() }),\n  counters:"));
    await expect.poll(() => backend.output().match(/functions reloaded/g)?.length ?? 0, { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    expect(await http.query(list, {})).toEqual(["kept"]);

    writeFileSync(join(dir.convexDir, "hello.ts"), `export const greet = ;`);
    await expect.poll(() => backend.output(), { timeout: 20_000 }).toContain("Reload failed, still serving the previous code");
    expect(await http.query(hello, {})).toBe("v2");

    writeFileSync(join(dir.convexDir, "hello.ts"), `export const unrelated = 1;\n`);
    writeFileSync(join(dir.convexDir, "schema.ts"), schema.replace("text: v.string()", "text: v.number()"));
    await expect.poll(() => backend.output(), { timeout: 20_000 }).toContain("Schema rejected");
    expect(await http.query(list, {})).toEqual(["kept"]);
    await client.close();
    await backend.stop();
  }, 90_000);
});

describe("start-up", () => {
  it("exits with code 2 and a clear message when a port is taken", async () => {
    const dir = space();
    const running = await startFixture(dir);
    const port = new URL(running.cloudUrl).port;
    const other = space();
    const result = spawnSync(
      join(process.cwd(), "node_modules/.bin/tsx"),
      ["tools/embedded-convex/cli.ts", "--convex-dir", other.convexDir, "--data-dir", other.dataDir, "--port", port, "--site-port", String(await freePort())],
      { encoding: "utf8", timeout: 60_000 },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`Port ${port} is already in use`);
    await running.stop();
  });

  it("refuses a second backend on the same data directory", async () => {
    const dir = space();
    const running = await startFixture(dir);
    await expect(startFixture(dir)).rejects.toThrow(/in use by another embedded backend/);
    await running.stop();
  });
});
