import { z } from "zod";

/**
 * Runs a Convex function, internal ones included, over a deployment's HTTP
 * API with its admin key (`/api/function` takes queries, mutations and
 * actions alike). How the repo's tools reach the embedded backend's
 * internal functions: the key rotation (tools/keys-rotate.ts), the load test.
 */
const reply = z.union([
  z.object({ status: z.literal("success"), value: z.unknown() }),
  z.object({ status: z.literal("error"), errorMessage: z.string() }),
  // Requests the backend refuses before calling the function (bad admin key, malformed body).
  z.object({ code: z.string(), message: z.string() }),
]);

/** @throws Error with the function's error message (its first line), or why the backend refused the call. */
export async function runWithAdminKey(convexUrl: string, adminKey: string, path: string, args: Record<string, unknown>, timeoutMs = 60_000): Promise<unknown> {
  const response = await fetch(new URL("/api/function", convexUrl), {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Convex ${adminKey}` },
    body: JSON.stringify({ path, args, format: "json" }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  let parsed;
  try {
    parsed = reply.safeParse(JSON.parse(text));
  } catch {
    parsed = undefined;
  }
  if (!parsed?.success) throw new Error(`Unexpected answer from ${path} (HTTP ${response.status}): ${text.slice(0, 200)}`);
  const body = parsed.data;
  if ("value" in body) return body.value;
  // The first line: the rest of a Convex error message is a stack trace.
  throw new Error(("errorMessage" in body ? body.errorMessage : body.message).split("\n")[0]);
}
