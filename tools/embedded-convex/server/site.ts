import type { IncomingMessage, ServerResponse } from "node:http";
import type { Engine } from "../engine/engine";
import { ANONYMOUS, callerFromHeader } from "./caller";
import { BodyTooLargeError, readBody } from "./http-io";
import type { TokenVerifier } from "./token-verifier";

/**
 * The deployment's site URL: every request goes to the HTTP router exported
 * by `convex/http.ts`. Inside the action `request.url` has convex-test's
 * placeholder host, so apps build public URLs from CONVEX_SITE_URL (as they
 * should on a real deployment too).
 */
export async function handleSiteRequest(
  request: IncomingMessage,
  response: ServerResponse,
  deps: { engine: Engine; verifier: TokenVerifier; adminKey: string },
): Promise<void> {
  const method = request.method ?? "GET";
  let body: Buffer | undefined;
  try {
    body = method === "GET" || method === "HEAD" ? undefined : await readBody(request);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    response.writeHead(413, { "content-type": "text/plain" }).end(error.message);
    return;
  }
  // An invalid token makes the action run without identity, like a missing one.
  const caller = await callerFromHeader(request.headers.authorization, deps.verifier, deps.adminKey).catch(() => ANONYMOUS);
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const result = await deps.engine.fetch({
    pathWithQuery: request.url ?? "/",
    init: { method, headers, ...(body ? { body: new Uint8Array(body) } : {}) },
    identity: caller.identity,
    metadata: { ip: request.socket.remoteAddress, userAgent: request.headers["user-agent"] },
  });
  const outHeaders: Record<string, string | string[]> = {};
  result.headers.forEach((value, name) => {
    if (name !== "set-cookie") outHeaders[name] = value;
  });
  const cookies = result.headers.getSetCookie();
  if (cookies.length > 0) outHeaders["set-cookie"] = cookies;
  const payload = method === "HEAD" ? undefined : Buffer.from(await result.arrayBuffer());
  response.writeHead(result.status, result.statusText, outHeaders);
  response.end(payload);
}
