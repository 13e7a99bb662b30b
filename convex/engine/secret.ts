/**
 * Secrets at rest: AES-256-GCM with keys from the ENCRYPTION_KEYS env
 * variable, `kid:base64key,kid:base64key,…` (32-byte keys). The first key
 * encrypts; any listed key decrypts, by the key id stored beside the
 * ciphertext, so keys rotate without downtime: add a new key in front,
 * re-encrypt, then drop the old one.
 *
 * Read paths never return a `Sealed` value: callers expose `hasSecret`
 * instead, and only protocol code (token exchange, signing) opens one.
 */
import { fail } from "./errors";

export interface Sealed {
  keyId: string;
  iv: string;
  ciphertext: string;
}

interface Key {
  id: string;
  key: Promise<CryptoKey>;
}

function keys(): Key[] {
  const raw = process.env.ENCRYPTION_KEYS;
  if (!raw) fail("NOT_AVAILABLE", "Secrets can't be stored: ENCRYPTION_KEYS is not set on the deployment (see .env.example).");
  return raw.split(",").map((entry) => {
    const [id, material] = entry.trim().split(":");
    const bytes = Uint8Array.from(atob(material ?? ""), (c) => c.charCodeAt(0));
    if (!id || bytes.length !== 32) throw new Error(`ENCRYPTION_KEYS entry "${id ?? ""}" must be kid:<32 bytes base64>`);
    return { id, key: crypto.subtle.importKey("raw", bytes, "AES-GCM", false, ["encrypt", "decrypt"]) };
  });
}

export async function seal(plaintext: string): Promise<Sealed> {
  const current = keys()[0]!;
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, await current.key, new TextEncoder().encode(plaintext));
  return { keyId: current.id, iv: toBase64(iv), ciphertext: toBase64(new Uint8Array(ciphertext)) };
}

export async function open(sealed: Sealed): Promise<string> {
  const key = keys().find((candidate) => candidate.id === sealed.keyId);
  if (!key) throw new Error(`No encryption key "${sealed.keyId}" in ENCRYPTION_KEYS`);
  const plaintext = await crypto.subtle.decrypt(
    { name: "AES-GCM", iv: fromBase64(sealed.iv) },
    await key.key,
    fromBase64(sealed.ciphertext),
  );
  return new TextDecoder().decode(plaintext);
}

/** The id of the key new values are sealed with: the first in ENCRYPTION_KEYS. */
export function currentKeyId(): string {
  return keys()[0]!.id;
}

/** Whether a value was sealed with a key other than the current one (so it should be re-sealed). */
export function needsReseal(sealed: Sealed): boolean {
  return sealed.keyId !== currentKeyId();
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}
