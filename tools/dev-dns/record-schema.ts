import * as z from "zod";

/**
 * What the dev DNS server can publish, as zod schemas shared by the records
 * file, the server and the /dev/dns form (which runs in the browser too, so
 * this module imports nothing from Node).
 *
 * The name rules match convex/engine/dns.ts, which refuses to look up
 * anything else: a record that could never be queried is refused here.
 */
const MAX_NAME_LENGTH = 253;
const LABEL = /^[a-z0-9_-]{1,63}$/;

/** Longer values are served as several 255-byte character-strings; resolvers join them back. */
export const MAX_TXT_VALUE_LENGTH = 1024;

/** Lowercase (DNS names are case-insensitive) and without the trailing dot of a fully qualified name. */
export function normalizeDnsName(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, "");
}

export const dnsNameField = z
  .string()
  .transform(normalizeDnsName)
  .pipe(
    z
      .string()
      .min(1, "Enter a name, e.g. _group-sso-challenge.example.com.")
      .max(MAX_NAME_LENGTH, `Use at most ${MAX_NAME_LENGTH} characters.`)
      .refine(
        (name) => name.split(".").every((label) => LABEL.test(label)),
        "Use dot-separated labels of 1–63 letters, digits, “-” or “_”.",
      ),
  );

export const txtValueField = z
  .string()
  .trim()
  .min(1, "Enter the value.")
  .max(MAX_TXT_VALUE_LENGTH, `Use at most ${MAX_TXT_VALUE_LENGTH} characters.`)
  // Bytes and characters then agree, and every resolver decodes the value the same way.
  .regex(/^[\x20-\x7e]*$/, "Use printable ASCII characters only.");

/** The form on /dev/dns: a TXT record to publish. */
export const newTxtRecordSchema = z.object({ name: dnsNameField, value: txtValueField });
export type NewTxtRecord = z.output<typeof newTxtRecordSchema>;

/** One published record. TXT is the only type: it is what domain verification asks for. */
export const dnsRecordSchema = z.object({ name: dnsNameField, type: z.literal("TXT"), value: txtValueField });
export type DnsRecord = z.output<typeof dnsRecordSchema>;

/** The records file: `{ "records": [{ "name": "_x.example.com", "type": "TXT", "value": "…" }] }`. */
export const recordsFileSchema = z.object({ records: z.array(dnsRecordSchema) });

export function sameRecord(a: DnsRecord, b: DnsRecord): boolean {
  return a.name === b.name && a.type === b.type && a.value === b.value;
}
