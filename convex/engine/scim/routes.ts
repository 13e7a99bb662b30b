import type { HttpRouter } from "convex/server";
import { internal } from "../../_generated/api";
import { httpAction } from "../../_generated/server";
import { limitAuthFailures } from "./auth";
import { errorReply, ScimError, scimErrorData, toWire, type WireReply } from "./errors";

/**
 * The SCIM 2.0 endpoints, one base URL per connection:
 * `<CONVEX_SITE_URL>/scim/v2/<connectionId>/{Users,Groups,ServiceProviderConfig,ResourceTypes,Schemas}[/<id>]`.
 * Bodies are bounded before they are read; everything else happens in
 * handler.ts, in one transaction per request.
 */
const PREFIX = "/scim/v2/";
// The hard ceiling; each connection's own (smaller) limit is checked once its settings are known.
const MAX_BODY_BYTES = 1024 * 1024;
const CONTENT_TYPE = "application/scim+json";

export function addScimRoutes(http: HttpRouter): void {
  for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"] as const) http.route({ pathPrefix: PREFIX, method, handler: serve });
}

function respond({ status, body, version, location, retryAfter }: WireReply): Response {
  const headers = new Headers({ "Cache-Control": "no-store" });
  if (body !== null) headers.set("Content-Type", CONTENT_TYPE);
  if (version !== undefined) headers.set("ETag", `W/"${version}"`);
  if (location && status === 201) headers.set("Location", location);
  if (status === 401) headers.set("WWW-Authenticate", 'Bearer realm="SCIM"');
  if (retryAfter !== undefined) headers.set("Retry-After", String(retryAfter));
  return new Response(body, { status, headers });
}

const fail = (error: ScimError) => respond(toWire(errorReply(error.data)));

/** The path's segments, decoded; null when one is not valid percent-encoding (`%E0%A4%A`, a lone `%`). */
function decodeSegments(path: string): string[] | null {
  try {
    return path.split("/").map(decodeURIComponent);
  } catch {
    return null;
  }
}

const serve = httpAction(async (ctx, request) => {
  const url = new URL(request.url);
  const segments = decodeSegments(url.pathname.slice(PREFIX.length));
  if (!segments) return fail(new ScimError(400, "The path is not valid percent-encoding.", "invalidSyntax"));
  const [connectionId, resource, ...rest] = segments;
  if (!connectionId || !resource) return fail(new ScimError(404, "Use /scim/v2/<connectionId>/Users, /Groups or a discovery endpoint."));
  const id = rest.length > 0 ? rest.join("/") : undefined;
  const token = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1] ?? null;
  const target = { connectionId, token, resource, ...(id ? { id } : {}), query: Object.fromEntries(url.searchParams) };
  try {
    if (request.method === "GET") return respond(await limitAuthFailures(ctx, connectionId, await ctx.runQuery(internal.engine.scim.handler.read, target)));
    let body = "";
    let bodySize = 0;
    if (request.method !== "DELETE") {
      if (Number(request.headers.get("content-length") ?? "0") > MAX_BODY_BYTES) return fail(new ScimError(413, "The request body is too large."));
      const bytes = await request.arrayBuffer();
      if (bytes.byteLength > MAX_BODY_BYTES) return fail(new ScimError(413, "The request body is too large."));
      body = new TextDecoder().decode(bytes);
      try {
        JSON.parse(body);
      } catch {
        return fail(new ScimError(400, "The request body is not JSON.", "invalidSyntax"));
      }
      bodySize = bytes.byteLength;
    }
    const method = request.method as "POST" | "PUT" | "PATCH" | "DELETE";
    return respond(await ctx.runMutation(internal.engine.scim.handler.write, { ...target, method, body, bodySize }));
  } catch (error) {
    const data = scimErrorData(error);
    if (data) return respond(await limitAuthFailures(ctx, connectionId, toWire(errorReply(data))));
    console.error("SCIM request failed", error);
    return fail(new ScimError(500, "The request failed on our side. Try again."));
  }
});
