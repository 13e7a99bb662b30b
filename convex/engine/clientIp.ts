import type { ActionCtx, MutationCtx } from "../_generated/server";
import { verifyClientIp } from "../../lib/client-ip-attestation";
import { parseIpv4, parseIpv6 } from "./urlGuard";

/**
 * Which client an attempt counts against, for per-IP rate limits.
 *
 * The address comes from Convex's request metadata, which the deployment
 * fills in from the connection itself; request headers (`x-forwarded-for`,
 * `x-real-ip`) are never read, because whoever calls a Convex function or
 * HTTP route directly can set them to anything. One exception: password
 * sign-in arrives through the Next.js proxy, where the metadata holds the app
 * server's address; the proxy attests the browser's address with
 * AUTH_CLIENT_IP_SECRET (lib/server/client-ip.ts), and a valid attestation is
 * used instead. A missing or forged one falls back to the metadata address.
 *
 * Self-hosted Convex behind a reverse proxy: check that the backend's request
 * metadata carries the client's address, not the proxy's.
 */
export async function clientIp(ctx: MutationCtx | ActionCtx, attestation?: string): Promise<string> {
  const secret = process.env.AUTH_CLIENT_IP_SECRET;
  const attested = attestation && secret ? await verifyClientIp(secret, attestation) : null;
  const { ip } = await ctx.meta.getRequestMetadata();
  return ipKey(attested ?? ip);
}

/**
 * The rate-limit identity of an address: IPv4 as dotted decimal (also when
 * IPv4-mapped in IPv6), IPv6 by its /64 — one subscriber usually holds a
 * whole /64, so counting single addresses would let them rotate freely.
 * Anything else (no request, unparsable) is "unknown", one shared bucket.
 */
export function ipKey(ip: string | null | undefined): string {
  const text = (ip ?? "").trim().replace(/%.*$/, "");
  if (!text.includes(":")) {
    const v4 = parseIpv4(text);
    return v4 ? v4.join(".") : "unknown";
  }
  const v6 = parseIpv6(text);
  if (!v6) return "unknown";
  const mapped = v6.slice(0, 10).every((byte) => byte === 0) && v6[10] === 0xff && v6[11] === 0xff;
  if (mapped) return v6.slice(12).join(".");
  const groups = [0, 2, 4, 6].map((i) => ((v6[i]! << 8) | v6[i + 1]!).toString(16));
  return `${groups.join(":")}::/64`;
}
