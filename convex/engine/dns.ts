"use node";

import { Resolver } from "node:dns/promises";
import { v } from "convex/values";
import { internalAction } from "../_generated/server";

/**
 * DNS TXT lookups for domain verification: a group admin proves they own a
 * domain by publishing a TXT record (e.g. `_group-sso-challenge.example.com`)
 * that the domain engine then looks for through this action.
 *
 * Servers come from `DNS_SERVERS` (comma-separated `host:port`, IP addresses
 * only, as c-ares takes them); unset or empty means the system resolvers.
 * A failed lookup (timeout, SERVFAIL) is reported with its reason, and the
 * domain reads "failed" with it until the admin verifies again.
 * `npm run dev` points it at the dev DNS server (tools/dev-dns), where the
 * developer "publishes" records at /dev/dns.
 */

/** An absent record is an answer, not a failure: `ok: true` with no records. */
const txtLookupResult = v.union(
  v.object({ ok: v.literal(true), records: v.array(v.string()) }),
  v.object({ ok: v.literal(false), reason: v.string() }),
);

type TxtLookupResult = typeof txtLookupResult.type;

// A lookup must not hold up the caller (an admin clicking "Verify") for long:
// c-ares waits `timeout` ms per try, doubling it on each retry.
const DEFAULT_TIMEOUT_MS = 3000;
const TRIES = 2;

/** The per-try timeout: `DNS_TIMEOUT_MS` when set (tests keep it short), else 3 s. */
function timeoutMs(): number {
  const configured = Number(process.env.DNS_TIMEOUT_MS);
  return Number.isInteger(configured) && configured > 0 ? configured : DEFAULT_TIMEOUT_MS;
}

/** What an admin reads for the resolver's error codes: what happened and that checking again may work. */
const FAILURE_REASONS: Record<string, string> = {
  ETIMEOUT: "the DNS servers didn't answer in time",
  ESERVFAIL: "the DNS server reported a failure",
  ECONNREFUSED: "the DNS server refused the connection",
  EREFUSED: "the DNS server refused the query",
};

// RFC 1035 limits, plus `_` which service labels (`_dmarc`, our challenge label) use.
const MAX_NAME_LENGTH = 253;
const LABEL = /^[a-z0-9_-]{1,63}$/;

/** Error codes that mean "the name has no TXT record", which verification treats as "not published yet". */
const NO_RECORD_CODES = new Set(["ENODATA", "ENOTFOUND"]);

export const resolveTxt = internalAction({
  args: { name: v.string() },
  returns: txtLookupResult,
  handler: async (_ctx, { name }): Promise<TxtLookupResult> => {
    const normalized = normalizeDnsName(name);
    if (!normalized.ok) return normalized;

    const resolver = new Resolver({ timeout: timeoutMs(), tries: TRIES });
    const servers = (process.env.DNS_SERVERS ?? "")
      .split(",")
      .map((server) => server.trim())
      .filter((server) => server !== "");
    if (servers.length > 0) {
      try {
        resolver.setServers(servers);
      } catch (error) {
        return {
          ok: false,
          reason: `DNS_SERVERS must be comma-separated IP addresses with optional ports (e.g. 127.0.0.1:5353), but it is "${process.env.DNS_SERVERS}": ${(error as Error).message}`,
        };
      }
    }

    try {
      const records = await resolver.resolveTxt(normalized.name);
      // A TXT record is a list of character-strings of at most 255 bytes each; longer values are published split.
      return { ok: true, records: records.map((chunks) => chunks.join("")) };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "UNKNOWN";
      if (NO_RECORD_CODES.has(code)) return { ok: true, records: [] };
      const why = FAILURE_REASONS[code] ?? "the DNS lookup failed";
      return { ok: false, reason: `DNS lookup failed: ${code} (${why}). This is usually temporary: verify again in a few minutes.` };
    }
  },
});

/**
 * The name as it is looked up (lowercase, no trailing dot), or why it cannot
 * be a DNS name: refused before any query so that arbitrary input never
 * reaches a resolver.
 */
function normalizeDnsName(input: string): { ok: true; name: string } | { ok: false; reason: string } {
  // DNS names are case-insensitive, and "example.com." is the same name written fully qualified.
  const name = input.trim().toLowerCase().replace(/\.$/, "");
  // The input is echoed back to help whoever typed it, but not at any length.
  const shown = input.length > 80 ? `${input.slice(0, 80)}…` : input;
  const invalid = (why: string) => ({ ok: false as const, reason: `"${shown}" is not a valid DNS name: ${why}.` });
  if (name === "") return invalid("it is empty");
  if (name.length > MAX_NAME_LENGTH) return invalid(`it is longer than ${MAX_NAME_LENGTH} characters`);
  const badLabel = name.split(".").find((label) => !LABEL.test(label));
  if (badLabel !== undefined) {
    return invalid(
      badLabel === ""
        ? "it has an empty label (two dots in a row, or a leading dot)"
        : `the label "${badLabel}" must be 1–63 characters of a–z, 0–9, "-" and "_"`,
    );
  }
  return { ok: true, name };
}
