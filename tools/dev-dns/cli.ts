/**
 * The dev DNS server on its own: `npx tsx tools/dev-dns/cli.ts --records <file>`.
 * `npm run dev` starts it this way (see dev-stack.ts) and waits for the ready line.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { READY_LINE_PREFIX } from "./ready-line";
import { writeRecords } from "./records";
import { DevDnsPortInUseError, startDevDns } from "./server";

const USAGE = `Usage: tsx tools/dev-dns/cli.ts --records <file> [--port <port>] [--reset]

A development DNS server on 127.0.0.1 (UDP and TCP) that answers TXT queries
from a JSON records file and picks up changes to it without a restart:
  {"records": [{"name": "_group-sso-challenge.example.com", "type": "TXT", "value": "…"}]}

  --records <file>  the records file (created when missing)
  --port <port>     default 5353
  --reset           start with no records
`;

const DEFAULT_PORT = 5353;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      records: { type: "string" },
      port: { type: "string" },
      reset: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (!values.records) throw new UsageError("--records <file> is required.");
  const recordsFile = path.resolve(values.records);
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port must be a port number between 0 and 65535, but it is "${values.port}".`);
  }

  if (values.reset) await writeRecords(recordsFile, []);
  const dns = await startDevDns({
    port,
    recordsFile,
    onQuery: ({ transport, type, name, status, answers }) =>
      console.log(`${type} ${name} (${transport}) → ${status === "NOERROR" ? plural(answers, "record") : status}`),
    // Called at start and after each change to the file.
    onRecordsChange: (change) => {
      if ("error" in change) {
        console.error(`Cannot serve the records file; queries get SERVFAIL until it is fixed: ${change.error.message}`);
      } else {
        console.log(`Serving ${plural(change.records.length, "record")} from ${recordsFile}`);
      }
    },
    onError: (error) => console.error(`DNS socket error: ${error.message}`),
  });
  console.log(`${READY_LINE_PREFIX} udp=${dns.host}:${dns.port} tcp=${dns.host}:${dns.port}`);

  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      void dns.close().then(() => process.exit(0));
    });
  }
}

class UsageError extends Error {}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

main().catch((error: unknown) => {
  if (error instanceof DevDnsPortInUseError) {
    console.error(
      `${error.message} Is another "npm run dev" (or dev DNS server) running` +
        (error.port === DEFAULT_PORT ? `, or an mDNS responder (avahi-daemon, Bonjour) using ${DEFAULT_PORT}` : "") +
        `? Choose another port: DEV_DNS_PORT=<port> npm run dev (or --port here).`,
    );
  } else if (error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith("ERR_PARSE_ARGS")) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
  } else {
    console.error(error instanceof Error ? error.message : String(error));
  }
  process.exit(1);
});
