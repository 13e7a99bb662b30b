"use node";

import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import { checkedUrl, concat, failureOf, OutboundFailure, outboundTimeoutMs, refuseRedirect, tooLarge, type OutboundPolicy } from "./outboundFetch";
import { isInternalAddress } from "./urlGuard";

/**
 * fetchOutbound's rules (outboundFetch.ts), plus DNS: a host name is resolved
 * here, every address it resolves to is checked, and the connection goes to
 * the address that was checked. Checking first and letting `fetch` resolve
 * again would leave a gap a DNS server could use (rebinding: a public address
 * for the check, 127.0.0.1 for the connection). Node runtime only: Convex's
 * default runtime has no DNS API.
 */
export interface NodeRequest {
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
}

export async function fetchOutboundPinned(raw: string, init: NodeRequest, policy: OutboundPolicy): Promise<Response> {
  const url = new URL(checkedUrl(raw, policy));
  const timeoutMs = outboundTimeoutMs();
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return await new Promise<Response>((resolve, reject) => {
    const request = send(
      url,
      {
        method: init.method ?? "GET",
        headers: init.headers,
        lookup: publicOnlyLookup(policy.allowPrivate),
        signal: AbortSignal.timeout(timeoutMs),
      },
      (response) => {
        try {
          refuseRedirect(response.statusCode ?? 0, response.headers.location, url.href);
        } catch (error) {
          response.destroy();
          return reject(error);
        }
        readLimited(response, policy, url.href).then(
          (body) => resolve(toResponse(response, body)),
          (error: unknown) => reject(failureOf(error, url.href, timeoutMs)),
        );
      },
    );
    request.on("error", (error) => reject(failureOf(error, url.href, timeoutMs)));
    request.end(init.body);
  });
}

/**
 * A `lookup` for node:net that refuses names resolving to any non-public
 * address (unless allowed): one bad address is enough, since a client may
 * try them all.
 */
function publicOnlyLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, "", 0);
      const internal = addresses.find((entry) => isInternalAddress(entry.address));
      if (internal && !allowPrivate) {
        const refused = new OutboundFailure("refused", `Refused to connect: ${hostname} resolves to ${internal.address}, a private or local address.`);
        return callback(Object.assign(refused, { code: "EPRIVATEADDRESS" }), "", 0);
      }
      // node:net asks for every address when it races IPv4 and IPv6 (autoSelectFamily).
      if (options.all) return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, addresses);
      const [first] = addresses;
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }), "", 0);
      callback(null, first.address, first.family);
    });
  };
}

async function readLimited(response: IncomingMessage, { maxBytes, truncate }: OutboundPolicy, url: string): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    size += chunk.byteLength;
    if (size > maxBytes) {
      response.destroy();
      if (!truncate) throw tooLarge(url, maxBytes);
      return concat(chunks, size).slice(0, maxBytes);
    }
  }
  return concat(chunks, size);
}

function toResponse(response: IncomingMessage, body: Uint8Array<ArrayBuffer>): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(response.headers)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, one);
  }
  const status = response.statusCode ?? 0;
  const empty = [101, 204, 205, 304].includes(status);
  return new Response(empty ? null : body, { status, statusText: response.statusMessage ?? "", headers });
}
