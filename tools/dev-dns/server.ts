import { stat } from "node:fs/promises";
import type { Socket } from "node:net";
import { createTCPServer, createUDPServer, Packet, type DnsHandler, type TCPServer, type UDPServer } from "dns2";
import { normalizeDnsName, type DnsRecord } from "./record-schema";
import { readRecords } from "./records";

/**
 * A small authoritative DNS server for development: it answers for any name
 * from the records file (see records.ts), over UDP and TCP on 127.0.0.1.
 * Convex's `resolveTxt` action (convex/engine/dns.ts) is pointed at it with
 * DNS_SERVERS, so that "publishing" a TXT record on /dev/dns is all a
 * developer needs to verify a domain locally.
 */
export interface DevDnsOptions {
  /** 0 picks a free port (the same one for UDP and TCP). */
  port: number;
  recordsFile: string;
  host?: string;
  /** Each answered question, for the CLI's log. */
  onQuery?: (query: AnsweredQuery) => void;
  /** The records file changed and was read (`records`) or could not be (`error`; queries get SERVFAIL until it is fixed). */
  onRecordsChange?: (change: { records: DnsRecord[] } | { error: Error }) => void;
  /** A socket failed after it started listening. Without a handler the error is thrown. */
  onError?: (error: Error) => void;
}

export interface AnsweredQuery {
  transport: "udp" | "tcp";
  name: string;
  /** e.g. "TXT", "A", or the number of a type this server does not know. */
  type: string;
  /** "NOERROR", "NXDOMAIN", "SERVFAIL", … */
  status: string;
  answers: number;
}

export interface DevDns {
  host: string;
  port: number;
  close(): Promise<void>;
}

/** Thrown by startDevDns when the port is taken; `transport` says for which protocol. */
export class DevDnsPortInUseError extends Error {
  readonly code = "EADDRINUSE";
  constructor(
    readonly port: number,
    readonly host: string,
    readonly transport: "udp" | "tcp",
  ) {
    super(`Port ${port} on ${host} is already in use (${transport.toUpperCase()}).`);
  }
}

const DEFAULT_HOST = "127.0.0.1";
// Records change while a developer works; nobody should cache them.
const TTL_SECONDS = 0;
// A TXT record is a list of <character-string>s of at most 255 bytes each (RFC 1035 §3.3.14).
const MAX_CHARACTER_STRING = 255;
const RCODE = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4 } as const;
const OPCODE_QUERY = 0;
// With port 0, UDP picks the port and TCP must get the same one, which another process may hold.
const FREE_PORT_ATTEMPTS = 5;

export async function startDevDns(options: DevDnsOptions): Promise<DevDns> {
  const host = options.host ?? DEFAULT_HOST;
  const zone = new RecordsFileZone(options.recordsFile, options.onRecordsChange);
  // Read the file once up front so that a broken one is reported at start-up, not at the first query.
  await zone.records().catch(() => undefined);

  const reportError = (error: unknown) => {
    const asError = error instanceof Error ? error : new Error(String(error));
    if (!options.onError) throw asError;
    options.onError(asError);
  };
  const handlerFor =
    (transport: AnsweredQuery["transport"]): DnsHandler =>
    (request, send) => {
      answer(request, zone)
        .then(({ response, query }) => {
          if (query) options.onQuery?.({ transport, ...query });
          return send(response);
        })
        .catch(reportError);
    };

  for (let attempt = 1; ; attempt++) {
    const udp = createUDPServer(handlerFor("udp"));
    const tcp = new TrackedTcpServer(handlerFor("tcp"));
    try {
      const port = await listenUdp(udp, options.port, host);
      await tcp.listenOn(port, host);
      for (const server of [udp, tcp.server]) {
        server.on("error", reportError);
        // Bytes that are not a DNS message: there is nothing to answer.
        server.on("requestError", () => {});
      }
      return { host, port, close: () => closeBoth(udp, tcp) };
    } catch (error) {
      await closeBoth(udp, tcp);
      const retry = options.port === 0 && error instanceof DevDnsPortInUseError && attempt < FREE_PORT_ATTEMPTS;
      if (!retry) throw error;
    }
  }
}

async function answer(
  request: Packet,
  zone: RecordsFileZone,
): Promise<{ response: Packet; query?: Omit<AnsweredQuery, "transport"> }> {
  const response = Packet.createResponseFromRequest(request);
  response.header.aa = 1;
  const question = request.questions[0];
  if (request.header.opcode !== OPCODE_QUERY || request.questions.length !== 1 || !question) {
    response.header.rcode = request.header.opcode !== OPCODE_QUERY ? RCODE.NOTIMP : RCODE.FORMERR;
    return { response };
  }

  const name = normalizeDnsName(question.name);
  const type = typeName(question.type);
  let records: DnsRecord[];
  try {
    records = await zone.records();
  } catch {
    // Already reported through onRecordsChange; an honest failure beats answering from a zone we cannot read.
    response.header.rcode = RCODE.SERVFAIL;
    return { response, query: { name, type, status: "SERVFAIL", answers: 0 } };
  }

  const atName = records.filter((record) => record.name === name);
  if (atName.length === 0) {
    response.header.rcode = RCODE.NXDOMAIN;
    return { response, query: { name, type, status: "NXDOMAIN", answers: 0 } };
  }
  // The name exists; any other type gets an empty NOERROR answer ("no data").
  if (question.type === Packet.TYPE.TXT || question.type === Packet.TYPE.ANY) {
    for (const record of atName) {
      response.answers.push(
        Packet.createResourceFromQuestion(question, {
          type: Packet.TYPE.TXT,
          class: Packet.CLASS.IN,
          ttl: TTL_SECONDS,
          data: characterStrings(record.value),
        }),
      );
    }
  }
  return { response, query: { name, type, status: "NOERROR", answers: response.answers.length } };
}

/** The value split into 255-byte character-strings (values are ASCII, so characters are bytes). */
function characterStrings(value: string): string[] {
  const chunks: string[] = [];
  for (let start = 0; start < value.length; start += MAX_CHARACTER_STRING) {
    chunks.push(value.slice(start, start + MAX_CHARACTER_STRING));
  }
  return chunks;
}

function typeName(type: number): string {
  const entry = Object.entries(Packet.TYPE).find(([, value]) => value === type);
  return entry ? entry[0] : String(type);
}

/**
 * The records file as the server sees it: re-read whenever it has changed
 * (compared by inode, size and mtime at each query, so a change is served by
 * the very next query, with no watcher to miss an atomic rename).
 */
class RecordsFileZone {
  private version: string | undefined;
  private current: Promise<DnsRecord[]> | undefined;

  constructor(
    private readonly file: string,
    private readonly onChange?: DevDnsOptions["onRecordsChange"],
  ) {}

  async records(): Promise<DnsRecord[]> {
    const version = await this.fileVersion();
    if (version !== this.version || !this.current) {
      this.version = version;
      this.current = readRecords(this.file);
      this.current.then(
        (records) => this.onChange?.({ records }),
        (error: Error) => this.onChange?.({ error }),
      );
    }
    return this.current;
  }

  private async fileVersion(): Promise<string> {
    try {
      const { ino, size, mtimeMs } = await stat(this.file);
      return `${ino}:${size}:${mtimeMs}`;
    } catch (error) {
      // Unreadable: reading it will fail too, and report why.
      return (error as NodeJS.ErrnoException).code === "ENOENT" ? "missing" : "unreadable";
    }
  }
}

function listenUdp(server: UDPServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) =>
      reject(error.code === "EADDRINUSE" ? new DevDnsPortInUseError(port, host, "udp") : error);
    server.once("error", onError);
    server.bind({ port, address: host, exclusive: true }, () => {
      server.off("error", onError);
      resolve(server.address().port);
    });
  });
}

/** dns2's TCP server, plus the connections it holds: resolvers may keep one open, and close() would wait for it. */
class TrackedTcpServer {
  readonly server: TCPServer;
  private readonly sockets = new Set<Socket>();

  constructor(handler: DnsHandler) {
    this.server = createTCPServer(handler);
    this.server.on("connection", (socket: Socket) => {
      this.sockets.add(socket);
      socket.once("close", () => this.sockets.delete(socket));
    });
  }

  listenOn(port: number, host: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException) =>
        reject(error.code === "EADDRINUSE" ? new DevDnsPortInUseError(port, host, "tcp") : error);
      this.server.once("error", onError);
      this.server.listen({ port, host, exclusive: true }, () => {
        this.server.off("error", onError);
        resolve();
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.server.listening) return resolve();
      this.server.close(() => resolve());
      for (const socket of this.sockets) socket.destroy();
    });
  }
}

async function closeBoth(udp: UDPServer, tcp: TrackedTcpServer): Promise<void> {
  await Promise.all([
    new Promise<void>((resolve) => {
      try {
        udp.close(() => resolve());
      } catch {
        resolve(); // never bound, or already closed
      }
    }),
    tcp.close(),
  ]);
}
