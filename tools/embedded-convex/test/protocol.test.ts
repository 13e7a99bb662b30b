import { ConvexClient, ConvexHttpClient } from "convex/browser";
import { fetchMutation, fetchQuery } from "convex/nextjs";
import { makeFunctionReference } from "convex/server";
import { ConvexError } from "convex/values";
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { fixtureKeys, signToken, startFixture, waitFor, workspace, type FixtureKeys, type RunningFixture } from "./harness";

const list = makeFunctionReference<"query", Record<string, never>, string[]>("notes:list");
const add = makeFunctionReference<"mutation", { text: string }, string>("notes:add");
const addInternal = makeFunctionReference<"mutation", { text: string }, string>("notes:addInternal");
const addLater = makeFunctionReference<"mutation", { text: string; delayMs: number }, null>("notes:addLater");
const addViaAction = makeFunctionReference<"action", { text: string }, string>("notes:addViaAction");
const fail = makeFunctionReference<"mutation", Record<string, never>, null>("notes:fail");
const whoami = makeFunctionReference<"query", Record<string, never>, { subject: string; tokenIdentifier: string; email: string | null } | null>("notes:whoami");
const chatty = makeFunctionReference<"query", Record<string, never>, string | null>("notes:chatty");
const leakedEnv = makeFunctionReference<"query", { name: string }, string | null>("notes:leakedEnv");
const counter = makeFunctionReference<"query", { name: string }, number>("notes:counter");

/** `setAdminAuth` is marked internal in convex's types; the CLI and dashboard use it. */
function asAdmin(client: ConvexHttpClient, key: string): ConvexHttpClient {
  (client as unknown as { setAdminAuth(key: string): void }).setAdminAuth(key);
  return client;
}

let keys: FixtureKeys;
let backend: RunningFixture;
let workspaceDir: string;
const clients: ConvexClient[] = [];

function socketClient(): ConvexClient {
  const client = new ConvexClient(backend.cloudUrl, { webSocketConstructor: WebSocket as never, logger: false });
  clients.push(client);
  return client;
}

function watch<T>(client: ConvexClient, query: typeof list | typeof whoami | typeof counter, args: object, predicate: (value: T) => boolean) {
  return waitFor<T>((push) => client.onUpdate(query as never, args as never, (value) => push(value as T)), predicate);
}

beforeAll(async () => {
  keys = await fixtureKeys();
  const space = workspace({ FIXTURE_GREETING: "hello", FIXTURE_JWKS: keys.jwks });
  workspaceDir = space.dir;
  backend = await startFixture(space);
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  expect(await backend.stop()).toBe(0);
  rmSync(workspaceDir, { recursive: true, force: true });
});

describe("queries, mutations and subscriptions", () => {
  it("pushes a subscription update when another client's mutation commits", async () => {
    const subscriber = socketClient();
    await watch<string[]>(subscriber, list, {}, () => true);
    const updated = watch<string[]>(subscriber, list, {}, (notes) => notes.includes("from http"));
    await new ConvexHttpClient(backend.cloudUrl).mutation(add, { text: "from http" });
    expect(await updated).toContain("from http");
  });

  it("runs each client's mutations in the order it sent them", async () => {
    const a = socketClient();
    const http = new ConvexHttpClient(backend.cloudUrl);
    const fromSocket = Array.from({ length: 40 }, (_, i) => a.mutation(add, { text: `ws-${i}` }));
    const fromHttp = Array.from({ length: 20 }, (_, i) => http.mutation(add, { text: `http-${i}` }));
    await Promise.all([...fromSocket, ...fromHttp]);
    const notes = await http.query(list, {});
    const order = (prefix: string) => notes.filter((n) => n.startsWith(prefix)).map((n) => Number(n.split("-")[1]));
    expect(order("ws-")).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(order("http-")).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it("works with convex/nextjs fetchQuery and fetchMutation", async () => {
    await fetchMutation(add, { text: "from nextjs" }, { url: backend.cloudUrl });
    expect(await fetchQuery(list, {}, { url: backend.cloudUrl })).toContain("from nextjs");
  });

  it("returns ConvexError data (bigint included) and commits nothing from a failed mutation", async () => {
    const http = new ConvexHttpClient(backend.cloudUrl);
    const error = await http.mutation(fail, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConvexError);
    expect((error as ConvexError<{ code: string; limit: bigint }>).data).toEqual({ code: "FIXTURE_FAILURE", limit: 10n });
    expect(await http.query(list, {})).not.toContain("must not be committed");
    const overSocket = await socketClient().mutation(fail, {}).catch((e: unknown) => e);
    expect((overSocket as ConvexError<{ code: string }>).data.code).toBe("FIXTURE_FAILURE");
  });

  it("runs actions that call mutations, and returns their log lines", async () => {
    const logs: string[] = [];
    const http = new ConvexHttpClient(backend.cloudUrl, {
      logger: { log: (...args: unknown[]) => logs.push(args.join(" ")), warn: () => {}, error: () => {}, logVerbose: () => {} },
    });
    const id = await http.action(addViaAction, { text: "via action" });
    expect(id).toMatch(/notes$/);
    expect(await http.query(list, {})).toContain("via action");
    expect(logs.join("\n")).toContain("action adding");
  });

  it("runs scheduled functions and pushes their writes", async () => {
    const client = socketClient();
    const seen = watch<string[]>(client, list, {}, (notes) => notes.includes("scheduled"));
    await client.mutation(addLater, { text: "scheduled", delayMs: 300 });
    expect(await seen).toContain("scheduled");
  });

  it("runs crons from convex/crons.ts", async () => {
    const client = socketClient();
    expect(await watch<number>(client, counter, { name: "cron" }, (n) => n >= 2)).toBeGreaterThanOrEqual(2);
  });
});

describe("function visibility, arguments and errors", () => {
  it("refuses internal functions from clients but runs them with the admin key", async () => {
    const anonymous = new ConvexHttpClient(backend.cloudUrl);
    await expect(anonymous.mutation(addInternal, { text: "nope" })).rejects.toThrow(/Could not find public function for 'notes:addInternal'/);
    const admin = asAdmin(new ConvexHttpClient(backend.cloudUrl), backend.adminKey);
    expect(await admin.mutation(addInternal, { text: "admin" })).toMatch(/notes$/);
    const wrongKey = asAdmin(new ConvexHttpClient(backend.cloudUrl), "embedded|not-the-key");
    await expect(wrongKey.query(list, {})).rejects.toThrow(/admin key is invalid/);
  });

  it("answers bad requests with the deployment's error shapes and keeps serving", async () => {
    const post = (path: string, body: string) =>
      fetch(`${backend.cloudUrl}${path}`, { method: "POST", body, headers: { "content-type": "application/json" } });
    const malformed = await post("/api/mutation", "{not json");
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ code: "BadJsonBody" });
    const noPath = await post("/api/query", JSON.stringify({ args: [{}] }));
    expect(noPath.status).toBe(400);
    const unknown = await post("/api/query", JSON.stringify({ path: "notes:nope", args: [{}] }));
    expect(unknown.status).toBe(560);
    expect(await unknown.json()).toMatchObject({ status: "error", errorMessage: expect.stringContaining("Could not find public function") });
    const badArgs = await post("/api/mutation", JSON.stringify({ path: "notes:add", args: [{ text: 42 }] }));
    expect(badArgs.status).toBe(560);
    expect((await badArgs.json()).errorMessage).toMatch(/Validator error/);
    const wrongKind = await post("/api/query", JSON.stringify({ path: "notes:add", args: [{ text: "x" }] }));
    expect((await wrongKind.json()).errorMessage).toBe("Trying to execute notes:add as Query, but it is defined as Mutation.");
    const traversal = await post("/api/query", JSON.stringify({ path: "../notes:list", args: [{}] }));
    expect(traversal.status).toBe(560);
    expect(await new ConvexHttpClient(backend.cloudUrl).query(list, {})).toBeInstanceOf(Array);
  });

  it("supports /api/function, /api/query_ts and /api/query_at_ts", async () => {
    const viaFunction = await fetch(`${backend.cloudUrl}/api/function`, {
      method: "POST",
      body: JSON.stringify({ path: "notes:chatty", args: {}, format: "convex_encoded_json" }),
    });
    expect(await viaFunction.json()).toMatchObject({ status: "success", value: "hello" });
    const http = new ConvexHttpClient(backend.cloudUrl, { logger: false });
    expect(await http.consistentQuery(chatty, {})).toBe("hello");
  });

  it("answers malformed sync messages with FatalError and keeps serving others", async () => {
    const socket = new WebSocket(`${backend.cloudUrl.replace("http", "ws")}/api/1.48.0/sync`);
    const messages: string[] = [];
    await new Promise<void>((resolve) => socket.once("open", () => resolve()));
    socket.on("message", (data) => messages.push(data.toString()));
    const closed = new Promise<number>((resolve) => socket.once("close", (code) => resolve(code)));
    socket.send("this is not json");
    expect(await closed).toBe(1008);
    expect(JSON.parse(messages[0]!)).toMatchObject({ type: "FatalError" });

    const wrongVersion = new WebSocket(`${backend.cloudUrl.replace("http", "ws")}/api/1.48.0/sync`);
    await new Promise<void>((resolve) => wrongVersion.once("open", () => resolve()));
    const reply = new Promise<string>((resolve) => wrongVersion.once("message", (data) => resolve(data.toString())));
    wrongVersion.send(JSON.stringify({ type: "ModifyQuerySet", baseVersion: 5, newVersion: 6, modifications: [] }));
    expect(JSON.parse(await reply)).toMatchObject({ type: "FatalError" });

    const notSync = await fetch(`${backend.cloudUrl}/api/1.48.0/sync`);
    expect(notSync.status).toBe(426);
    expect(await new ConvexHttpClient(backend.cloudUrl).query(list, {})).toBeInstanceOf(Array);
  });

  it("collects console output as log lines and sees only the app's environment", async () => {
    const response = await fetch(`${backend.cloudUrl}/api/query`, { method: "POST", body: JSON.stringify({ path: "notes:chatty", args: [{}] }) });
    expect(await response.json()).toEqual({
      status: "success",
      value: "hello",
      logLines: ["[LOG] 'hello from a query' { n: 1 }", "[WARN] 'careful'"],
    });
    const http = new ConvexHttpClient(backend.cloudUrl);
    expect(await http.query(leakedEnv, { name: "PATH" })).toBeNull();
    expect(await http.query(leakedEnv, { name: "CONVEX_SITE_URL" })).toBe(backend.siteUrl);
    expect(await http.query(leakedEnv, { name: "CONVEX_CLOUD_URL" })).toBe(backend.cloudUrl);
    expect(backend.output()).toContain("[CONVEX Q(notes:chatty)] [LOG] 'hello from a query'");
  });
});

describe("auth", () => {
  it("verifies tokens from an OIDC-style provider (the app's own issuer) over HTTP", async () => {
    const token = await signToken(keys, { iss: backend.siteUrl, aud: "convex", sub: "user-1", email: "a@example.com" });
    const http = new ConvexHttpClient(backend.cloudUrl, { auth: token });
    expect(await http.query(whoami, {})).toEqual({ subject: "user-1", tokenIdentifier: `${backend.siteUrl}|user-1`, email: "a@example.com" });
  });

  it("verifies customJwt providers and refuses bad tokens", async () => {
    const custom = await signToken(keys, { iss: "https://issuer.fixture.test", aud: "fixture-app", sub: "user-2" });
    expect((await new ConvexHttpClient(backend.cloudUrl, { auth: custom }).query(whoami, {}))?.subject).toBe("user-2");
    const wrongAudience = await signToken(keys, { iss: "https://issuer.fixture.test", aud: "other", sub: "user-2" });
    await expect(new ConvexHttpClient(backend.cloudUrl, { auth: wrongAudience }).query(whoami, {})).rejects.toThrow(/No auth provider/);
    const otherKeys = await fixtureKeys();
    const forged = await signToken(otherKeys, { iss: backend.siteUrl, aud: "convex", sub: "mallory" });
    await expect(new ConvexHttpClient(backend.cloudUrl, { auth: forged }).query(whoami, {})).rejects.toThrow(/Could not verify/);
    const expired = await signToken(keys, { iss: backend.siteUrl, aud: "convex", sub: "user-1" }, "-1m");
    await expect(new ConvexHttpClient(backend.cloudUrl, { auth: expired }).query(whoami, {})).rejects.toThrow(/Could not verify/);
  });

  it("authenticates WebSocket clients, re-runs their queries, and signs mutations with the identity", async () => {
    const client = socketClient();
    await watch(client, whoami, {}, (value) => value === null);
    const token = await signToken(keys, { iss: backend.siteUrl, aud: "convex", sub: "ws-user" });
    const changes: boolean[] = [];
    client.setAuth(async () => token, (isAuthenticated) => changes.push(isAuthenticated));
    const me = await watch<{ subject: string } | null>(client, whoami, {}, (value) => value?.subject === "ws-user");
    expect(me?.subject).toBe("ws-user");
    expect(changes).toContain(true);
  });

  it("reports a rejected WebSocket token to the client", async () => {
    const client = socketClient();
    const forged = await signToken(await fixtureKeys(), { iss: backend.siteUrl, aud: "convex", sub: "mallory" });
    const authenticated = await new Promise<boolean>((resolve) => client.setAuth(async () => forged, resolve));
    expect(authenticated).toBe(false);
  });

  it("passes the caller's identity, headers and cookies through HTTP actions", async () => {
    const token = await signToken(keys, { iss: backend.siteUrl, aud: "convex", sub: "http-user" });
    const response = await fetch(`${backend.siteUrl}/echo`, { method: "POST", body: "ping", headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(201);
    expect(response.headers.get("x-fixture")).toBe("yes");
    expect(response.headers.getSetCookie()).toEqual(["a=1; Path=/", "b=2; Path=/"]);
    expect(await response.json()).toEqual({ body: "ping", subject: "http-user" });
    expect((await fetch(`${backend.siteUrl}/missing`)).status).toBe(404);
  });
});
