import { createServer, request as forward, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createUDPServer, Packet, type UDPServer } from "dns2";

/**
 * Real local servers that misbehave on cue, for the fault and hostile-input
 * tests: an HTTP server (an IdP endpoint, a metadata URL, a webhook receiver)
 * and a DNS server. Both listen on 127.0.0.1 only, and whatever they do ends
 * by itself: an endless body stops after ENDLESS_BODY_LIMIT bytes, stalled
 * requests end when the server closes.
 *
 *   const server = await startMisbehavingServer();
 *   server.behave({ kind: "stall" });                       // every request from now on
 *   server.behave((hit) => (hit <= 2 ? { kind: "status", status: 500 } : { kind: "reply" }));
 */
export type Behavior =
  /** A normal answer (200 with a short text body unless told otherwise). */
  | { kind: "reply"; status?: number; body?: string; headers?: Record<string, string> }
  /** An error status. */
  | { kind: "status"; status: number; body?: string }
  /** Passes the request on to a real peer (e.g. the demo IdP) and its answer back. */
  | { kind: "proxy"; to: string }
  /** Reads the request and never answers: no status line, no headers. */
  | { kind: "stall" }
  /** Answers 200 at once, then sends body bytes as fast as the client reads them, with no end (or content-length). */
  | { kind: "endless" }
  /** A redirect to `location`. */
  | { kind: "redirect"; location: string; status?: number }
  /** Closes the connection without answering. */
  | { kind: "hangUp" };

/** Where an endless body gives up on its own, so a client that never stops reading can't make it run forever. */
export const ENDLESS_BODY_LIMIT = 64 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, "x");

export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export interface MisbehavingServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  url(path?: string): string;
  /** What to do from now on: one behavior, or one per request (`hit` counts from 1). */
  behave(behavior: Behavior | ((hit: number, request: SeenRequest) => Behavior)): void;
  requests: SeenRequest[];
  /** How many bytes endless bodies sent before their client went away. */
  endlessBytesSent(): number;
  close(): Promise<void>;
}

export async function startMisbehavingServer(initial: Behavior = { kind: "reply" }): Promise<MisbehavingServer> {
  let choose: (hit: number, request: SeenRequest) => Behavior = () => initial;
  const requests: SeenRequest[] = [];
  let endlessSent = 0;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const seen: SeenRequest = { method: req.method ?? "GET", path: req.url ?? "/", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      requests.push(seen);
      act(choose(requests.length, seen), seen, req, res);
    });
  });

  function act(behavior: Behavior, seen: SeenRequest, req: IncomingMessage, res: ServerResponse) {
    switch (behavior.kind) {
      case "reply":
        res.writeHead(behavior.status ?? 200, { "content-type": "text/plain", ...behavior.headers }).end(behavior.body ?? "ok");
        return;
      case "status":
        res.writeHead(behavior.status, { "content-type": "text/plain" }).end(behavior.body ?? `status ${behavior.status}`);
        return;
      case "redirect":
        res.writeHead(behavior.status ?? 302, { location: behavior.location }).end();
        return;
      case "hangUp":
        req.socket.destroy();
        return;
      case "stall":
        // Held open until the client gives up or the server closes.
        return;
      case "endless":
        sendEndless(res);
        return;
      case "proxy":
        proxy(behavior.to, seen, res);
        return;
      default: {
        const unknown: never = behavior;
        throw new Error(`Unknown behavior ${JSON.stringify(unknown)}`);
      }
    }
  }

  function sendEndless(res: ServerResponse) {
    res.writeHead(200, { "content-type": "application/json" });
    let sent = 0;
    const pump = () => {
      while (sent < ENDLESS_BODY_LIMIT && !res.destroyed) {
        sent += CHUNK.length;
        endlessSent += CHUNK.length;
        if (!res.write(CHUNK)) return void res.once("drain", pump);
      }
      res.end();
    };
    pump();
  }

  function proxy(to: string, seen: SeenRequest, res: ServerResponse) {
    const target = new URL(seen.path, to);
    const outgoing = forward(target, { method: seen.method, headers: { ...seen.headers, host: target.host } }, (upstream) => {
      res.writeHead(upstream.statusCode ?? 502, upstream.headers);
      upstream.pipe(res);
    });
    outgoing.on("error", () => res.writeHead(502).end("upstream down"));
    outgoing.end(seen.body);
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (path = "/") => `${origin}${path}`,
    behave(behavior) {
      choose = typeof behavior === "function" ? behavior : () => behavior;
    },
    requests,
    endlessBytesSent: () => endlessSent,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** How the DNS server answers: from its zone, with SERVFAIL, or not at all (every query dropped). */
export type DnsBehavior = "answer" | "servfail" | "silent";

export interface MisbehavingDnsServer {
  /** `127.0.0.1:<port>`, as DNS_SERVERS takes it. */
  address: string;
  behave(behavior: DnsBehavior): void;
  /** TXT records by lowercase name, each record a list of character-strings. */
  zone: Map<string, string[][]>;
  queries: string[];
  close(): Promise<void>;
}

const RCODE_SERVFAIL = 2;
const RCODE_NXDOMAIN = 3;

/** A dns2 UDP server on 127.0.0.1 serving TXT records from `zone`, until told to misbehave. */
export async function startMisbehavingDnsServer(): Promise<MisbehavingDnsServer> {
  let behavior: DnsBehavior = "answer";
  const zone = new Map<string, string[][]>();
  const queries: string[] = [];
  const server: UDPServer = createUDPServer((request, send) => {
    const question = request.questions[0]!;
    queries.push(question.name);
    if (behavior === "silent") return;
    const response = Packet.createResponseFromRequest(request);
    response.header.aa = 1;
    const records = zone.get(question.name.toLowerCase());
    if (behavior === "servfail") response.header.rcode = RCODE_SERVFAIL;
    else if (!records) response.header.rcode = RCODE_NXDOMAIN;
    else if (question.type === Packet.TYPE.TXT) {
      for (const data of records) response.answers.push(Packet.createResourceFromQuestion(question, { type: Packet.TYPE.TXT, class: Packet.CLASS.IN, ttl: 0, data }));
    }
    void send(response);
  });
  await server.listen(0, "127.0.0.1");
  return {
    address: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    behave: (next) => {
      behavior = next;
    },
    zone,
    queries,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
