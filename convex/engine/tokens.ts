/**
 * Secrets handed to people (invite links, codes) are random and only their
 * SHA-256 is stored, so a database read never yields a usable token.
 */
export function randomToken(bytes = 32): string {
  const buffer = new Uint8Array(bytes);
  crypto.getRandomValues(buffer);
  return base64url(buffer);
}

/** A code of `length` decimal digits, uniformly distributed. */
export function randomDigits(length: number): string {
  let code = "";
  const buffer = new Uint32Array(1);
  while (code.length < length) {
    crypto.getRandomValues(buffer);
    // Reject the top of the range so every digit is equally likely.
    if (buffer[0]! < 4_294_967_290) code += String(buffer[0]! % 10);
  }
  return code;
}

export async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return base64url(new Uint8Array(digest));
}

function base64url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
