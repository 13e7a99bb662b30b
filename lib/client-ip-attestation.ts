/**
 * A client IP address vouched for by the Next.js server.
 *
 * Password sign-in and sign-up reach Convex through the Next.js proxy
 * (`POST /api/auth`), so Convex sees the app server's address, not the
 * browser's. The proxy knows the browser's address (from a header its own
 * trusted edge sets) and passes it on, signed with a secret the two servers
 * share (`AUTH_CLIENT_IP_SECRET`). A caller that goes to Convex directly can
 * put anything in its arguments, but cannot sign it: Convex then falls back to
 * the address it saw itself.
 *
 * The signature covers a purpose label, the address and the time, so it is
 * useless for anything else and goes stale after ATTESTATION_TTL_SECONDS.
 *
 * Format: `<ip> <issuedAtSeconds> <base64url HMAC-SHA256>` (an IP address has no spaces).
 */
/** The sign-in parameter that carries the attestation from the proxy to Convex. */
export const ATTESTED_CLIENT_IP_PARAM = "attestedClientIp";

export const ATTESTATION_TTL_SECONDS = 300;
const PURPOSE = "client-ip.v1";

export async function attestClientIp(secret: string, ip: string, nowMs = Date.now()): Promise<string> {
  const issuedAt = Math.floor(nowMs / 1000);
  const mac = await crypto.subtle.sign("HMAC", await macKey(secret, "sign"), signedText(ip, issuedAt));
  return `${ip} ${issuedAt} ${toBase64url(new Uint8Array(mac))}`;
}

/** The attested address, or null for anything malformed, stale or not signed with `secret`. */
export async function verifyClientIp(secret: string, attestation: string, nowMs = Date.now()): Promise<string | null> {
  const parts = attestation.split(" ");
  if (parts.length !== 3) return null;
  const [ip = "", issuedAtText = "", macText = ""] = parts;
  if (ip === "" || ip.length > 64 || !/^\d{1,12}$/.test(issuedAtText)) return null;
  const issuedAt = Number(issuedAtText);
  if (Math.abs(nowMs / 1000 - issuedAt) > ATTESTATION_TTL_SECONDS) return null;
  const mac = fromBase64url(macText);
  if (!mac) return null;
  // Web Crypto's verify compares in constant time.
  const valid = await crypto.subtle.verify("HMAC", await macKey(secret, "verify"), mac, signedText(ip, issuedAt));
  return valid ? ip : null;
}

function signedText(ip: string, issuedAt: number): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(`${PURPOSE}\n${ip}\n${issuedAt}`);
}

function macKey(secret: string, usage: "sign" | "verify"): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [usage]);
}

function toBase64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]{43}$/.test(text)) return null;
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/") + "=");
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}
