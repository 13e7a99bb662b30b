import { checkOutboundUrl } from "./urlGuard";

/**
 * Requests to URLs that admins typed (OIDC discovery, JWKS, token and
 * userinfo endpoints, SAML metadata, webhooks) go through here or through
 * its Node twin (outboundNode.ts), never through a bare `fetch`:
 *
 * 1. the URL must pass `checkOutboundUrl` (in production: https and a public
 *    host, IP literals in any notation included);
 * 2. no redirect is followed: a 3xx is a failure, since its Location could
 *    name any address, including ones step 1 refuses;
 * 3. the whole exchange, body included, must finish within the time limit;
 * 4. the body is read as a stream and refused past its size limit, so an
 *    endless or oversized answer is never held in memory.
 *
 * This version uses `fetch`, which is what Convex's default runtime has: it
 * cannot see or choose the address a host name resolves to. Where DNS must be
 * checked too, use outboundNode.ts (Node runtime).
 */
export const DEFAULT_TIMEOUT_MS = 10_000;

/** The time limit of one outbound request: `OUTBOUND_TIMEOUT_MS` when set (tests keep it short), else 10 s. */
export function outboundTimeoutMs(): number {
  const configured = Number(process.env.OUTBOUND_TIMEOUT_MS);
  return Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_TIMEOUT_MS;
}

export interface OutboundPolicy {
  /** Local development only: private and loopback hosts and plain http (the demo IdPs, local receivers). */
  allowPrivate: boolean;
  maxBytes: number;
  /** Keep the first `maxBytes` of a longer body instead of refusing it (a webhook receiver's answer is only logged). */
  truncate?: boolean;
}

/** Why a request was refused or failed: `refused` before anything was sent, the others after. */
export type OutboundFailureKind = "refused" | "redirect" | "too_large" | "timeout" | "unreachable";

export class OutboundFailure extends Error {
  constructor(
    readonly kind: OutboundFailureKind,
    message: string,
    /** The HTTP status, when one arrived (a redirect). */
    readonly status?: number,
  ) {
    super(message);
    this.name = "OutboundFailure";
  }
}

export async function fetchOutbound(raw: string, init: RequestInit, policy: OutboundPolicy): Promise<Response> {
  const url = checkedUrl(raw, policy);
  const timeoutMs = outboundTimeoutMs();
  let response: Response;
  try {
    response = await fetch(url, { ...init, redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw failureOf(error, url, timeoutMs);
  }
  refuseRedirect(response.status, response.headers.get("location"), url, response.type === "opaqueredirect");
  let body: Uint8Array<ArrayBuffer> | null;
  try {
    body = await readLimited(response.body, policy, url);
  } catch (error) {
    throw failureOf(error, url, timeoutMs);
  }
  // These statuses can't carry a body in a constructed Response.
  const empty = [101, 204, 205, 304].includes(response.status);
  return new Response(empty ? null : body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

/** The normalized URL, or an OutboundFailure("refused") saying why it is not fetched. */
export function checkedUrl(raw: string, { allowPrivate }: Pick<OutboundPolicy, "allowPrivate">): string {
  const checked = checkOutboundUrl(raw, { allowPrivate });
  if (!checked.ok) throw new OutboundFailure("refused", `Refused to fetch ${raw.slice(0, 200)}: ${checked.message}`);
  return checked.url;
}

export function refuseRedirect(status: number, location: string | null | undefined, url: string, opaque = false): void {
  if (!opaque && (status < 300 || status > 399)) return;
  const to = location ? ` to ${location.slice(0, 200)}` : "";
  throw new OutboundFailure("redirect", `${url} answered with a redirect${to}; redirects are not followed: use the final URL.`, status || undefined);
}

/** The whole body, read chunk by chunk and abandoned as soon as it passes `maxBytes`. */
async function readLimited(body: ReadableStream<Uint8Array> | null, { maxBytes, truncate }: OutboundPolicy, url: string): Promise<Uint8Array<ArrayBuffer> | null> {
  if (!body) return null;
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      if (!truncate) throw tooLarge(url, maxBytes);
      return concat(chunks, size).slice(0, maxBytes);
    }
  }
  return concat(chunks, size);
}

export function tooLarge(url: string, maxBytes: number): OutboundFailure {
  return new OutboundFailure("too_large", `${url} answered with more than ${formatBytes(maxBytes)}.`);
}

export function concat(chunks: Uint8Array[], size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 ? `${Math.round(bytes / 1024)} KB` : `${bytes} bytes`;
}

/** A network-level error as an OutboundFailure naming the cause (timeout, refused connection, TLS…). */
export function failureOf(error: unknown, url: string, timeoutMs: number): OutboundFailure {
  if (error instanceof OutboundFailure) return error;
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return new OutboundFailure("timeout", `${url} didn't answer within ${timeoutMs / 1000} s.`);
  }
  const message = error instanceof Error ? error.message : String(error);
  // Node's fetch says only "fetch failed"; the cause (ECONNREFUSED, a TLS error…) is what helps.
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return new OutboundFailure("unreachable", `Couldn't reach ${url}: ${message}${cause}`.slice(0, 1024));
}
