import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { ConvexClient, ConvexHttpClient } from "convex/browser";
import { convexToJson, type Value } from "convex/values";
import WebSocket from "ws";
import { api } from "../../../convex/_generated/api";
import { DataStore, type JsonDoc } from "../../embedded-convex/store/data-store";
import { entraUser } from "../../testing/scim";
import { benchBackend } from "../backend";
import { median } from "../measure";
import type { Report } from "../report";
import { seedInBatches, tenant } from "../tenants";

/**
 * Throughput and live updates on the embedded dev backend (`npm run
 * backend`, tools/embedded-convex): a process of its own on ports 3510/3511
 * with its data in `.convex-local/bench-data`, written fresh each run as a
 * snapshot of a database seeded here (a SCIM connection and 10,000 guestbook
 * messages). These figures describe the dev backend — convex-test's engine
 * in one Node process, one transaction at a time — not Convex.
 */
const PORT = 3510;
const SITE_PORT = 3511;
const DATA_DIR = ".convex-local/bench-data";
const ENV_FILE = ".convex-local/bench.env";
const DOCUMENTS = 10_000;
const READY_TIMEOUT_MS = 60_000;
/** Live-update samples: under the guestbook's 30 messages a minute per client address. */
const UPDATE_SAMPLES = 15;
const UPDATE_TIMEOUT_MS = 10_000;
/** Each concurrency level provisions this many users per client, or stops after the time limit. */
const USERS_PER_CLIENT = { 1: 40, 4: 20, 16: 8 } as const;
const LEVEL_TIME_LIMIT_MS = 20_000;

export async function devBackendSuite(report: Report, root: string, log: (line: string) => void): Promise<void> {
  const { connectionId, token } = await seedSnapshot(root);
  const backend = await startBackend(root);
  try {
    log("dev backend: live-update latency");
    await measureLiveUpdates(report, backend.cloudUrl);
    for (const clients of [1, 4, 16] as const) {
      log(`dev backend: SCIM provisioning with ${clients} client(s)`);
      await measureScimThroughput(report, { siteUrl: backend.siteUrl, connectionId, token, clients });
    }
  } finally {
    await backend.stop();
  }
}

/** The database the backend starts from: written here in bulk, then saved as its snapshot. */
async function seedSnapshot(root: string): Promise<{ connectionId: string; token: string }> {
  const { t, db, lastCommitTs } = await benchBackend();
  const fabrikam = await tenant(t, { owner: "admin@fabrikam.test", group: "Fabrikam", protocol: "oidc", domains: ["fabrikam.test"] });
  const { token } = await fabrikam.owner.client.mutation(api.auth.group.setScim, { connectionId: fabrikam.connectionId });
  await seedInBatches(t, DOCUMENTS, (ctx, index) => ctx.db.insert("messages", { author: `Guest ${index % 97}`, body: `Message ${index}` }));
  const { store } = DataStore.open(resolve(root, DATA_DIR), { reset: true });
  try {
    store.compact(
      Object.values(db._documents).map((doc) => convexToJson(doc as Value) as JsonDoc),
      { nextDocId: db._nextDocId, lastCreationTime: db._lastCreationTime, lastCommitTs: String(lastCommitTs()) },
    );
  } finally {
    store.close();
  }
  // The functions' environment: what this process's own backend used (throwaway keys made for this run).
  const names = ["JWT_PRIVATE_KEY", "JWKS", "SITE_URL", "ENCRYPTION_KEYS", "AUTH_LOG_LEVEL"];
  const envFile = resolve(root, ENV_FILE);
  mkdirSync(dirname(envFile), { recursive: true });
  writeFileSync(envFile, names.map((name) => `${name}='${process.env[name] ?? ""}'`).join("\n") + "\n");
  return { connectionId: fabrikam.connectionId, token: token! };
}

interface RunningBackend {
  cloudUrl: string;
  siteUrl: string;
  stop(): Promise<void>;
}

async function startBackend(root: string): Promise<RunningBackend> {
  const child = spawn(
    resolve(root, "node_modules/.bin/tsx"),
    ["tools/embedded-convex/cli.ts", "--port", String(PORT), "--site-port", String(SITE_PORT), "--data-dir", DATA_DIR, "--env-file", ENV_FILE, "--no-watch"],
    { cwd: root, stdio: ["ignore", "pipe", "pipe"] },
  );
  const stderr: string[] = [];
  child.stderr!.on("data", (chunk: Buffer) => stderr.push(...chunk.toString("utf8").split("\n").filter(Boolean).slice(-20)));
  const stop = () => stopProcess(child);
  try {
    await new Promise<void>((ready, reject) => {
      const timer = setTimeout(() => reject(new Error(`The dev backend was not ready after ${READY_TIMEOUT_MS / 1000} s.`)), READY_TIMEOUT_MS);
      child.stdout!.on("data", (chunk: Buffer) => {
        if (chunk.toString("utf8").includes("Convex embedded backend ready")) {
          clearTimeout(timer);
          ready();
        }
      });
      child.on("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`The dev backend exited (${code}) before it was ready:\n${stderr.slice(-20).join("\n")}`));
      });
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { cloudUrl: `http://127.0.0.1:${PORT}`, siteUrl: `http://127.0.0.1:${SITE_PORT}`, stop };
}

/** SIGTERM (the backend saves and exits), then SIGKILL if it hasn't within 10 s. */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

/**
 * A WebSocket client subscribed to the guestbook's newest messages; another
 * client adds one over HTTP. Measured: from the mutation's answer (ack) to
 * the subscriber's update carrying the new message, and from sending it.
 */
async function measureLiveUpdates(report: Report, cloudUrl: string): Promise<void> {
  const subscriber = new ConvexClient(cloudUrl, { webSocketConstructor: WebSocket as never, logger: false });
  const writer = new ConvexHttpClient(cloudUrl, { logger: false });
  const arrivals = new Map<string, number>();
  let first: () => void = () => undefined;
  const subscribed = new Promise<void>((resolveFirst) => (first = resolveFirst));
  const unsubscribe = subscriber.onUpdate(api.messages.list, {}, (messages) => {
    first();
    const newest = messages[0];
    if (newest && !arrivals.has(newest._id)) arrivals.set(newest._id, performance.now());
  });
  const afterAck: number[] = [];
  const roundTrip: number[] = [];
  try {
    await subscribed;
    for (let sample = 0; sample < UPDATE_SAMPLES; sample++) {
      const sent = performance.now();
      const id = await writer.mutation(api.messages.send, { author: "Bench", body: `Live update ${sample}` });
      const acked = performance.now();
      const deadline = acked + UPDATE_TIMEOUT_MS;
      while (!arrivals.has(id) && performance.now() < deadline) await new Promise((tick) => setTimeout(tick, 1));
      const arrived = arrivals.get(id);
      if (arrived === undefined) throw new Error(`The subscriber saw no update within ${UPDATE_TIMEOUT_MS / 1000} s.`);
      // An update can beat the mutation's own answer: then it came 0 ms after the ack.
      afterAck.push(Math.max(0, arrived - acked));
      roundTrip.push(arrived - sent);
    }
  } finally {
    unsubscribe();
    await subscriber.close();
  }
  const detail = `${DOCUMENTS.toLocaleString("en-US")} documents in the subscribed table; median of ${UPDATE_SAMPLES}`;
  report.throughput.push({ name: "subscription update after the mutation's ack", value: median(afterAck), unit: "ms", detail });
  report.throughput.push({ name: "subscription update after the mutation was sent", value: median(roundTrip), unit: "ms", detail });
}

/** `clients` concurrent SCIM clients creating users over HTTP; users provisioned per second. */
async function measureScimThroughput(report: Report, { siteUrl, connectionId, token, clients }: { siteUrl: string; connectionId: string; token: string; clients: 1 | 4 | 16 }): Promise<void> {
  const perClient = USERS_PER_CLIENT[clients];
  const started = performance.now();
  const deadline = started + LEVEL_TIME_LIMIT_MS;
  const statuses = new Map<number, number>();
  let created = 0;
  const client = async (client: number) => {
    for (let index = 0; index < perClient && performance.now() < deadline; index++) {
      const userName = `c${clients}-${client}-${index}@fabrikam.test`;
      const response = await fetch(`${siteUrl}/scim/v2/${connectionId}/Users`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/scim+json" },
        body: JSON.stringify(entraUser(userName, `ext-${userName}`)),
      });
      await response.arrayBuffer();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      if (response.status === 201) created++;
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, index) => client(index)));
  const seconds = (performance.now() - started) / 1000;
  const other = [...statuses].filter(([status]) => status !== 201).map(([status, count]) => `${count}× HTTP ${status}`);
  report.throughput.push({
    name: `SCIM users provisioned per second, ${clients} client${clients === 1 ? "" : "s"}`,
    value: created / seconds,
    unit: "users/s",
    detail: `${created} created in ${seconds.toFixed(1)} s${other.length > 0 ? `; ${other.join(", ")}` : ""}`,
  });
}
