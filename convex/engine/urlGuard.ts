/**
 * Checks for URLs the server will request on someone's behalf (OIDC
 * discovery, JWKS and token endpoints, SAML metadata, webhooks). The point is
 * to keep an admin from aiming our fetches at our own network: loopback,
 * private ranges, link-local (cloud metadata at 169.254.169.254).
 *
 * `checkOutboundUrl` is lexical: it looks at the host as written, after the
 * WHATWG parser has normalized it (so `http://2130706433/`, `http://0x7f.1/`
 * and `http://[::ffff:127.0.0.1]/` are all caught as 127.0.0.1). A DNS name
 * that resolves to a private address is caught where the request is made in
 * Node (outboundNode.ts), which checks every resolved address with
 * `isInternalAddress` and connects to the address it checked.
 */
export const MAX_URL_LENGTH = 2048;

export type UrlCheck = { ok: true; url: string } | { ok: false; message: string };

/**
 * An absolute http(s) URL of at most MAX_URL_LENGTH characters. Unless
 * `allowPrivate` (local development), it must also be https and name a public
 * host. Returns the normalized URL, which is what should be stored and
 * fetched, so what was checked is what gets requested.
 */
export function checkOutboundUrl(raw: string, { allowPrivate }: { allowPrivate: boolean }): UrlCheck {
  const tooLong: UrlCheck = { ok: false, message: `Use a URL of at most ${MAX_URL_LENGTH} characters.` };
  // Checked before parsing so a huge string is not parsed at all.
  if (raw.length > MAX_URL_LENGTH) return tooLong;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, message: "Enter a full URL, like https://example.com/webhooks." };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return { ok: false, message: "The URL must start with https://." };
  // Endpoint URLs are shown to every admin of the group; credentials don't belong there (requests are signed instead).
  if (url.username || url.password) return { ok: false, message: "Leave user names and passwords out of the URL." };
  // Normalization can grow the URL (percent-encoding).
  if (url.href.length > MAX_URL_LENGTH) return tooLong;
  if (!allowPrivate) {
    if (url.protocol !== "https:") return { ok: false, message: "The URL must start with https://." };
    if (isInternalHost(url.hostname)) {
      return { ok: false, message: "The URL must point to a public host, not localhost or a private network address." };
    }
  }
  return { ok: true, url: url.href };
}

/** Whether a (URL-normalized) hostname is localhost or an IP literal in a non-public range. */
export function isInternalHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  // RFC 6761: every *.localhost name resolves to loopback.
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  if (host.startsWith("[") && host.endsWith("]")) {
    const bytes = parseIpv6(host.slice(1, -1));
    return bytes === null || isInternalIpv6(bytes);
  }
  const bytes = parseIpv4(host);
  return bytes !== null && isInternalIpv4(bytes);
}

/** Whether a resolved IP address (as node:dns returns it: dotted IPv4 or IPv6 text, maybe with a zone) is non-public. */
export function isInternalAddress(address: string): boolean {
  const bytes = address.includes(":") ? parseIpv6(address.replace(/%.*$/, "")) : parseIpv4(address);
  // Something that is not an address at all is not trusted either.
  if (bytes === null) return true;
  return bytes.length === 4 ? isInternalIpv4(bytes) : isInternalIpv6(bytes);
}

type Range = { prefix: number[]; bits: number };

const INTERNAL_IPV4: Range[] = [
  "0.0.0.0/8", // "this network"; 0.0.0.0 reaches the local host on Linux
  "10.0.0.0/8",
  "100.64.0.0/10", // carrier-grade NAT: the provider's internal network
  "127.0.0.0/8",
  "169.254.0.0/16", // link-local, including cloud metadata endpoints
  "172.16.0.0/12",
  "192.168.0.0/16",
  "224.0.0.0/3", // multicast, reserved and broadcast
].map((cidr) => range(cidr, parseIpv4));

const INTERNAL_IPV6: Range[] = [
  "::/128",
  "::1/128",
  "fc00::/7", // unique local
  "fe80::/10", // link-local
  "fec0::/10", // deprecated site-local, still routed internally by some networks
  "ff00::/8", // multicast
].map((cidr) => range(cidr, parseIpv6));

/** IPv6 forms that carry an IPv4 address in their last 4 bytes, which then decides. */
const EMBEDS_IPV4: Range[] = [
  "::ffff:0:0/96", // IPv4-mapped
  "::/96", // IPv4-compatible (deprecated)
  "64:ff9b::/96", // NAT64
].map((cidr) => range(cidr, parseIpv6));

function isInternalIpv4(bytes: number[]): boolean {
  return INTERNAL_IPV4.some((r) => inRange(bytes, r));
}

function isInternalIpv6(bytes: number[]): boolean {
  if (INTERNAL_IPV6.some((r) => inRange(bytes, r))) return true;
  return EMBEDS_IPV4.some((r) => inRange(bytes, r)) && isInternalIpv4(bytes.slice(12));
}

function range(cidr: string, parse: (text: string) => number[] | null): Range {
  const [address = "", bits = ""] = cidr.split("/");
  const prefix = parse(address);
  if (!prefix) throw new Error(`Bad range ${cidr}`);
  return { prefix, bits: Number(bits) };
}

function inRange(bytes: number[], { prefix, bits }: Range): boolean {
  if (bytes.length !== prefix.length) return false;
  for (let i = 0; i * 8 < bits; i++) {
    const mask = bits - i * 8 >= 8 ? 0xff : (0xff << (8 - (bits - i * 8))) & 0xff;
    if (((bytes[i] ?? 0) & mask) !== ((prefix[i] ?? 0) & mask)) return false;
  }
  return true;
}

/** Dotted-quad IPv4 (the only form a normalized URL host takes), as 4 bytes. */
export function parseIpv4(text: string): number[] | null {
  const parts = text.split(".");
  if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255)) return null;
  return parts.map(Number);
}

/** IPv6 text (with `::` and an optional dotted IPv4 tail), as 16 bytes. */
export function parseIpv6(text: string): number[] | null {
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const groupsOf = (part: string | undefined) => (part ? part.split(":") : []);
  let head = groupsOf(halves[0]);
  let tail = groupsOf(halves[1]);
  const last = (halves.length === 2 ? tail : head).at(-1);
  if (last?.includes(".")) {
    const v4 = parseIpv4(last);
    if (!v4) return null;
    const v4Groups = [((v4[0]! << 8) | v4[1]!).toString(16), ((v4[2]! << 8) | v4[3]!).toString(16)];
    if (halves.length === 2) tail = [...tail.slice(0, -1), ...v4Groups];
    else head = [...head.slice(0, -1), ...v4Groups];
  }
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const groups = [...head, ...Array<string>(missing).fill("0"), ...tail];
  if (!groups.every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return null;
  return groups.flatMap((group) => {
    const value = parseInt(group, 16);
    return [value >> 8, value & 0xff];
  });
}
