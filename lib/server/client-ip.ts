import { NextRequest } from "next/server";
import { ATTESTED_CLIENT_IP_PARAM, attestClientIp } from "@/lib/client-ip-attestation";

/**
 * Hands the browser's IP address to Convex's password sign-in, so that its
 * per-IP rate limits count browsers rather than this server (see
 * lib/client-ip-attestation.ts and convex/engine/clientIp.ts).
 *
 * Trust assumption, set by two server-only variables:
 * - `AUTH_CLIENT_IP_HEADER` names a request header that the edge in front of
 *   Next.js (load balancer, CDN, reverse proxy) sets or appends the client's
 *   address to, e.g. `x-real-ip`, `cf-connecting-ip` or `x-forwarded-for`.
 *   The rightmost address in it is used: the one that edge saw. Never name a
 *   header the edge passes through unchanged: clients can send any header.
 * - `AUTH_CLIENT_IP_SECRET`, the same random value in the Convex deployment's
 *   environment, signs the address.
 * Without both, nothing is attested and Convex counts every proxied attempt
 * under this server's address (safe, but all users then share one budget).
 *
 * Not marked "server-only" so it can be tested; only proxy.ts imports it.
 */
const AUTH_ROUTE = "/api/auth";

/** The request to hand to the auth proxy: a password sign-in gets the attested address; anything else is unchanged. */
export async function withAttestedClientIp(request: NextRequest, env: Record<string, string | undefined> = process.env): Promise<NextRequest> {
  const { pathname } = request.nextUrl;
  if (request.method !== "POST" || (pathname !== AUTH_ROUTE && pathname !== `${AUTH_ROUTE}/`)) return request;
  const body = await request
    .clone()
    .json()
    .catch(() => null);
  if (!isPasswordSignIn(body)) return request;
  // Only this server may set the parameter: whatever the browser sent is dropped.
  const params = { ...body.args.params };
  delete params[ATTESTED_CLIENT_IP_PARAM];
  const ip = clientIp(request.headers, env.AUTH_CLIENT_IP_HEADER);
  if (ip && env.AUTH_CLIENT_IP_SECRET) params[ATTESTED_CLIENT_IP_PARAM] = await attestClientIp(env.AUTH_CLIENT_IP_SECRET, ip);
  const headers = new Headers(request.headers);
  headers.delete("content-length");
  return new NextRequest(request.url, {
    method: "POST",
    headers,
    body: JSON.stringify({ ...body, args: { ...body.args, params } }),
  });
}

/** The rightmost address in the trusted header, or null when it is not configured, missing or not an address. */
export function clientIp(headers: Headers, headerName: string | undefined): string | null {
  if (!headerName) return null;
  const last = headers.get(headerName)?.split(",").at(-1)?.trim() ?? "";
  return /^[0-9A-Fa-f:.]{2,45}$/.test(last) ? last : null;
}

interface PasswordSignIn {
  action: "auth:signIn";
  args: { provider: "password"; params: Record<string, unknown> };
}

function isPasswordSignIn(body: unknown): body is PasswordSignIn {
  const { action, args } = (body ?? {}) as { action?: unknown; args?: { provider?: unknown; params?: unknown } };
  return action === "auth:signIn" && args?.provider === "password" && typeof args.params === "object" && args.params !== null;
}
