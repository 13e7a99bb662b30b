import type { IncomingMessage, ServerResponse } from "node:http";
import type { CallRequest, Engine } from "../engine/engine";
import type { FunctionKind } from "../engine/function-path";
import { callerFromHeader } from "./caller";
import { readBody, sendJson, BodyTooLargeError } from "./http-io";
import { AuthError, type TokenVerifier } from "./token-verifier";

/**
 * The deployment's HTTP API: `/api/query`, `/api/mutation`, `/api/action`,
 * `/api/function`, `/api/query_ts` and `/api/query_at_ts`. Function results
 * are 200 `{status: "success"}` or 560 `{status: "error"}`; malformed requests
 * are 4xx `{code, message}`, as ConvexHttpClient expects.
 */
const UDF_FAILED = 560;

const ENDPOINTS: Record<string, FunctionKind | "any"> = {
  "/api/query": "query",
  "/api/query_at_ts": "query",
  "/api/mutation": "mutation",
  "/api/action": "action",
  "/api/function": "any",
};

export function isHttpApiPath(pathname: string): boolean {
  return pathname in ENDPOINTS || pathname === "/api/query_ts";
}

export async function handleHttpApi(
  request: IncomingMessage,
  response: ServerResponse,
  deps: { engine: Engine; verifier: TokenVerifier; adminKey: string },
): Promise<void> {
  const pathname = new URL(request.url ?? "/", "http://localhost").pathname;
  if (request.method !== "POST") {
    return sendJson(response, 405, { code: "MethodNotAllowed", message: `${pathname} only accepts POST` });
  }
  if (pathname === "/api/query_ts") {
    return sendJson(response, 200, { ts: deps.engine.currentTs().toString() });
  }
  let body: unknown;
  try {
    const raw = await readBody(request);
    body = raw.length === 0 ? {} : JSON.parse(raw.toString("utf8"));
  } catch (error) {
    if (error instanceof BodyTooLargeError) return sendJson(response, 413, { code: "PayloadTooLarge", message: error.message });
    return sendJson(response, 400, { code: "BadJsonBody", message: `The request body is not valid JSON: ${(error as Error).message}` });
  }
  const kind = ENDPOINTS[pathname]!;
  const parsed = parseCallBody(body, kind, pathname);
  if ("message" in parsed) return sendJson(response, 400, { code: "BadRequest", message: parsed.message });

  let caller;
  try {
    caller = await callerFromHeader(request.headers.authorization, deps.verifier, deps.adminKey);
  } catch (error) {
    if (error instanceof AuthError) return sendJson(response, 401, { code: "Unauthenticated", message: error.message });
    throw error;
  }
  const call: CallRequest = {
    kind,
    udfPath: parsed.path,
    args: parsed.args,
    identity: caller.identity,
    admin: caller.admin,
    metadata: { ip: request.socket.remoteAddress, userAgent: request.headers["user-agent"] },
  };
  const result = await deps.engine.call(call);
  if (result.ok) return sendJson(response, 200, { status: "success", value: result.value, logLines: result.logLines });
  return sendJson(response, UDF_FAILED, {
    status: "error",
    errorMessage: result.errorMessage,
    ...(result.errorData === undefined ? {} : { errorData: result.errorData }),
    logLines: result.logLines,
  });
}

function parseCallBody(
  body: unknown,
  kind: FunctionKind | "any",
  pathname: string,
): { path: string; args: unknown } | { message: string } {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { message: "The request body must be a JSON object." };
  }
  const { path, args, format, ts } = body as Record<string, unknown>;
  if (typeof path !== "string") return { message: 'Missing "path": the function to call, e.g. "messages:list".' };
  if (format !== undefined && format !== "convex_encoded_json" && format !== "json") {
    return { message: `Unsupported format ${JSON.stringify(format)}; use "convex_encoded_json".` };
  }
  if (pathname === "/api/query_at_ts" && ts === undefined) return { message: 'Missing "ts" (from /api/query_ts).' };
  // `/api/function` takes the arguments object itself; the others an array of one.
  if (kind === "any") return { path, args: args ?? {} };
  if (args === undefined) return { path, args: {} };
  if (!Array.isArray(args) || args.length !== 1) return { message: '"args" must be an array holding one arguments object.' };
  return { path, args: args[0] };
}
