import { Base64, type JSONValue } from "convex/values";
import type { RawData, WebSocket } from "ws";
import type { CallResult, Engine } from "../engine/engine";
import { adminCaller, ANONYMOUS, type Caller } from "./caller";
import { AuthError, type TokenVerifier } from "./token-verifier";

/**
 * One client's WebSocket session of Convex's sync protocol
 * (`/api/<clientVersion>/sync`).
 *
 * The client tracks a version `{querySet, identity, ts}`; every Transition
 * must start exactly at the version the previous one ended at. All work for a
 * session (auth changes, query-set changes, mutations, refreshes after
 * commits) runs through one queue, so versions advance in order and a
 * client's mutations run in the order it sent them. Actions start from the
 * queue (so they see the identity in force when they were sent) but run
 * concurrently, as on a deployment.
 */
interface Version {
  querySet: number;
  identity: number;
  ts: bigint;
}

interface Subscription {
  udfPath: string;
  args: JSONValue;
  /** Tables the last run read; a commit to any other table cannot change the result. */
  tablesRead: Set<string>;
  /** The last result sent, serialized, to skip sending unchanged results. */
  lastSent: string | null;
  /** The commit timestamp the last run saw (or a later one). */
  ranAt: bigint;
}

type Modification =
  | { type: "QueryUpdated"; queryId: number; value: JSONValue; logLines: string[]; journal: null }
  | { type: "QueryFailed"; queryId: number; errorMessage: string; errorData?: JSONValue; logLines: string[]; journal: null }
  | { type: "QueryRemoved"; queryId: number };

type ClientMessage = Record<string, unknown> & { type: string };

export interface SyncDeps {
  engine: Engine;
  verifier: TokenVerifier;
  adminKey: string;
  metadata: { ip?: string; userAgent?: string };
}

/** The client reconnects after 60 s without a message; keep the line warm. */
const PING_INTERVAL_MS = 15_000;

export function encodeTs(ts: bigint): string {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigUint64(0, ts, true);
  return Base64.fromByteArray(bytes);
}

export class SyncSession {
  private version: Version = { querySet: 0, identity: 0, ts: 0n };
  private readonly queries = new Map<number, Subscription>();
  private caller: Caller = ANONYMOUS;
  private queue: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly ping: NodeJS.Timeout;
  private expiry: NodeJS.Timeout | undefined;

  constructor(
    private readonly socket: WebSocket,
    private readonly deps: SyncDeps,
  ) {
    socket.on("message", (data) => this.receive(data));
    socket.on("close", () => this.dispose());
    socket.on("error", () => this.dispose());
    this.ping = setInterval(() => this.send({ type: "Ping" }), PING_INTERVAL_MS);
  }

  /** Called after a commit at `commitTs` wrote `tables`, or after a code reload ("all"). */
  refresh(tables: Set<string> | "all", commitTs = 0n): void {
    this.enqueue(async () => {
      const stale = this.queryIds((query) => tables === "all" || (query.ranAt < commitTs && readsAny(query, tables)));
      const ts = this.deps.engine.currentTs();
      const modifications = await this.runQueries(stale);
      // A session's own mutations get their Transition right after the
      // response; others only need one when a result changed.
      if (modifications.length > 0) this.transition({ ts }, modifications);
    });
  }

  private queryIds(predicate: (query: Subscription) => boolean): number[] {
    return [...this.queries].filter(([, query]) => predicate(query)).map(([id]) => id);
  }

  private dispose(): void {
    this.closed = true;
    clearInterval(this.ping);
    clearTimeout(this.expiry);
  }

  private receive(data: RawData): void {
    let message: ClientMessage;
    try {
      message = JSON.parse(data.toString()) as ClientMessage;
    } catch {
      return this.fatal("Received a message that is not valid JSON.");
    }
    if (typeof message !== "object" || message === null || typeof message.type !== "string") {
      return this.fatal("Received a message without a type.");
    }
    switch (message.type) {
      case "Connect":
      case "Event":
        return;
      case "Authenticate":
        return this.enqueue(() => this.authenticate(message));
      case "ModifyQuerySet":
        return this.enqueue(() => this.modifyQuerySet(message));
      case "Mutation":
        return this.enqueue(() => this.mutation(message));
      case "Action":
        return this.enqueue(async () => void this.action(message));
      default:
        return this.fatal(`Received a message of unknown type ${JSON.stringify(message.type)}.`);
    }
  }

  private enqueue(task: () => Promise<void>): void {
    this.queue = this.queue
      .then(() => (this.closed ? undefined : task()))
      .catch((error: unknown) => this.fatal(`Internal error: ${(error as Error).message}`));
  }

  private async authenticate(message: ClientMessage): Promise<void> {
    const { tokenType, value, baseVersion } = message;
    if (baseVersion !== this.version.identity) {
      return this.fatal(`Authenticate baseVersion ${String(baseVersion)} does not match the identity version ${this.version.identity}.`);
    }
    try {
      this.caller = await this.callerFor(tokenType, value);
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      this.send({ type: "AuthError", error: error.message, baseVersion, authUpdateAttempted: true });
      this.socket.close(1000, "AuthError");
      return;
    }
    this.watchExpiry();
    const modifications = await this.runQueries([...this.queries.keys()]);
    this.transition({ identity: this.version.identity + 1, ts: this.deps.engine.currentTs() }, modifications);
  }

  private async callerFor(tokenType: unknown, value: unknown): Promise<Caller> {
    if (tokenType === "None") return ANONYMOUS;
    if (typeof value !== "string") throw new AuthError("Authenticate needs a token value.");
    if (tokenType === "Admin") return adminCaller(value, this.deps.adminKey);
    if (tokenType === "User") {
      const { identity, expiresAt } = await this.deps.verifier.verify(value);
      return { identity, admin: false, expiresAt };
    }
    throw new AuthError(`Unknown tokenType ${JSON.stringify(tokenType)}.`);
  }

  /** An expired token stops working; the client is told so it can fetch a fresh one. */
  private watchExpiry(): void {
    clearTimeout(this.expiry);
    const expiresAt = this.caller.expiresAt;
    if (expiresAt === null) return;
    this.expiry = setTimeout(() => {
      this.send({ type: "AuthError", error: "Token expired", baseVersion: this.version.identity - 1, authUpdateAttempted: false });
      this.socket.close(1000, "Token expired");
    }, Math.max(0, Math.min(expiresAt - Date.now(), 2 ** 31 - 1)));
  }

  private async modifyQuerySet(message: ClientMessage): Promise<void> {
    const { baseVersion, newVersion, modifications } = message;
    if (baseVersion !== this.version.querySet || typeof newVersion !== "number" || !Array.isArray(modifications)) {
      return this.fatal(`ModifyQuerySet from version ${String(baseVersion)} does not match the query set version ${this.version.querySet}.`);
    }
    const added: number[] = [];
    const out: Modification[] = [];
    for (const change of modifications as ClientMessage[]) {
      const queryId = change.queryId;
      if (typeof queryId !== "number") return this.fatal("A query set modification has no queryId.");
      if (change.type === "Add") {
        const args = (Array.isArray(change.args) ? change.args[0] : change.args) as JSONValue | undefined;
        this.queries.set(queryId, { udfPath: String(change.udfPath), args: args ?? {}, tablesRead: new Set(), lastSent: null, ranAt: 0n });
        added.push(queryId);
      } else if (change.type === "Remove") {
        this.queries.delete(queryId);
        out.push({ type: "QueryRemoved", queryId });
      } else {
        return this.fatal(`Unknown query set modification ${JSON.stringify(change.type)}.`);
      }
    }
    const ts = this.deps.engine.currentTs();
    out.push(...(await this.runQueries(added)));
    this.transition({ querySet: newVersion, ts }, out);
  }

  private async mutation(message: ClientMessage): Promise<void> {
    const result = await this.deps.engine.call({ ...this.callFields(message), kind: "mutation" });
    const { requestId } = message;
    if (result.ok) {
      this.send({ type: "MutationResponse", requestId, success: true, result: result.value, ts: encodeTs(result.ts), logLines: result.logLines });
    } else {
      this.send({ type: "MutationResponse", requestId, success: false, result: result.errorMessage, ...errorData(result), logLines: result.logLines });
    }
    // The client resolves a mutation only once a Transition reaches its
    // commit ts, so this session's affected queries are refreshed right now.
    const ts = this.deps.engine.currentTs();
    const stale = this.queryIds((query) => readsAny(query, result.tablesWritten));
    this.transition({ ts }, await this.runQueries(stale));
  }

  private async action(message: ClientMessage): Promise<void> {
    const result = await this.deps.engine.call({ ...this.callFields(message), kind: "action" });
    const { requestId } = message;
    if (result.ok) {
      this.send({ type: "ActionResponse", requestId, success: true, result: result.value, logLines: result.logLines });
    } else {
      this.send({ type: "ActionResponse", requestId, success: false, result: result.errorMessage, ...errorData(result), logLines: result.logLines });
    }
  }

  private callFields(message: ClientMessage) {
    const args = Array.isArray(message.args) ? message.args[0] : message.args;
    return {
      udfPath: message.udfPath,
      args: args ?? {},
      identity: this.caller.identity,
      admin: this.caller.admin,
      metadata: this.deps.metadata,
    };
  }

  private async runQueries(queryIds: number[]): Promise<Modification[]> {
    const modifications: Modification[] = [];
    for (const queryId of queryIds) {
      const query = this.queries.get(queryId);
      if (!query) continue;
      const ranAt = this.deps.engine.currentTs();
      const result: CallResult = await this.deps.engine.call({
        kind: "query",
        udfPath: query.udfPath,
        args: query.args,
        identity: this.caller.identity,
        admin: this.caller.admin,
      });
      // A query can be removed while it ran; its result is no longer wanted.
      if (this.queries.get(queryId) !== query) continue;
      query.tablesRead = result.tablesRead;
      query.ranAt = ranAt;
      const sent = JSON.stringify(result.ok ? { value: result.value } : { error: result.errorMessage, data: result.errorData });
      if (sent === query.lastSent) continue;
      query.lastSent = sent;
      modifications.push(
        result.ok
          ? { type: "QueryUpdated", queryId, value: result.value, logLines: result.logLines, journal: null }
          : { type: "QueryFailed", queryId, errorMessage: result.errorMessage, ...errorData(result), logLines: result.logLines, journal: null },
      );
    }
    return modifications;
  }

  private transition(change: Partial<Version>, modifications: Modification[]): void {
    const startVersion = this.version;
    const endVersion = { ...startVersion, ...change };
    if (endVersion.ts < startVersion.ts) endVersion.ts = startVersion.ts;
    this.version = endVersion;
    this.send({
      type: "Transition",
      startVersion: { ...startVersion, ts: encodeTs(startVersion.ts) },
      endVersion: { ...endVersion, ts: encodeTs(endVersion.ts) },
      modifications,
    });
  }

  private send(message: Record<string, unknown>): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return;
    this.socket.send(JSON.stringify(message));
  }

  private fatal(error: string): void {
    this.send({ type: "FatalError", error });
    this.socket.close(1008, error.slice(0, 120));
    this.dispose();
  }
}

function readsAny(query: Subscription, tables: Set<string>): boolean {
  for (const table of query.tablesRead) if (tables.has(table)) return true;
  return false;
}

function errorData(result: CallResult): { errorData?: JSONValue } {
  return !result.ok && result.errorData !== undefined ? { errorData: result.errorData } : {};
}
