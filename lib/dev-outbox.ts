import { ConvexHttpClient } from "convex/browser";
import { getFunctionName, makeFunctionReference, type FunctionArgs, type FunctionReturnType } from "convex/server";
// Relative imports: the Playwright helpers (e2e/support) use this module too.
import { internal } from "../convex/_generated/api";

/**
 * The development outbox: mail the app "sent" while no mail provider is
 * configured stays in the `mail` table, and `internal.engine.mail.outbox`
 * lists it. Internal functions need the deployment's admin key; for the
 * embedded backend that is `.convex-local/admin-key`, which `npm run dev`
 * hands to Next.js as CONVEX_ADMIN_KEY. Never use this with a production key
 * in code that runs for visitors.
 */
type OutboxQuery = typeof internal.engine.mail.outbox;
export type OutboxMail = FunctionReturnType<OutboxQuery>[number];

// ConvexHttpClient's types only accept public functions; an admin may call internal ones by name.
const outboxQuery = makeFunctionReference<"query", FunctionArgs<OutboxQuery>, FunctionReturnType<OutboxQuery>>(
  getFunctionName(internal.engine.mail.outbox),
);

/** A Convex HTTP client that acts with the admin key, so it may call internal functions. */
export function adminClient(convexUrl: string, adminKey: string): ConvexHttpClient {
  const client = new ConvexHttpClient(convexUrl);
  // `setAdminAuth` exists at runtime (the Convex CLI and dashboard use it) but is marked @internal, so it is
  // missing from the published types. This narrow cast names just that one method.
  (client as unknown as { setAdminAuth(adminKey: string): void }).setAdminAuth(adminKey);
  return client;
}

/** The newest outbox mail first (at most `limit`, which the query caps at 200). */
export async function readOutbox(client: ConvexHttpClient, limit = 100): Promise<OutboxMail[]> {
  return await client.query(outboxQuery, { limit });
}
