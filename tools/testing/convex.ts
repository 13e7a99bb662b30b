import { exportJWK, exportPKCS8, generateKeyPair } from "jose";
import { convexTest } from "convex-test";
import type { Id } from "../../convex/_generated/dataModel";
import schema from "../../convex/schema";

/**
 * convex-test set-up shared by the Convex function tests: the app's schema
 * and modules, the env @convex-dev/auth needs, and signed-in callers.
 */
export const SITE_URL = "https://site.test";
export const CONVEX_SITE_URL = "https://convex.site.test";

let keys: Promise<void> | undefined;

/** Session-token keys and URLs, generated once per test file. */
export function authEnv(): Promise<void> {
  keys ??= (async () => {
    const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
    process.env.JWT_PRIVATE_KEY = (await exportPKCS8(privateKey)).trimEnd().replace(/\n/g, " ");
    process.env.JWKS = JSON.stringify({ keys: [{ use: "sig", ...(await exportJWK(publicKey)) }] });
    process.env.CONVEX_SITE_URL = CONVEX_SITE_URL;
    process.env.SITE_URL = SITE_URL;
    // @convex-dev/auth logs every store call at INFO.
    process.env.AUTH_LOG_LEVEL = "WARN";
  })();
  return keys;
}

// The glob stays inside the function: it is vite's, so this module's other
// helpers still load outside vitest (the benchmarks import them under tsx).
export function newBackend() {
  return convexTest(schema, import.meta.glob("/convex/**/*.ts"));
}

export type Backend = ReturnType<typeof newBackend>;

/** A caller authenticated as `userId` in session `sessionId`, as @convex-dev/auth's JWT would make them. */
export function as(t: Backend, userId: Id<"users">, sessionId: Id<"authSessions">) {
  return t.withIdentity({ subject: `${userId}|${sessionId}`, issuer: CONVEX_SITE_URL });
}

/**
 * A verified user with a live session, written directly (the password flows
 * have their own tests; scrypt makes them slow).
 */
export async function createUser(t: Backend, { email, name = email.split("@")[0]! }: { email: string; name?: string }) {
  const { userId, sessionId } = await t.run(async (ctx) => {
    const userId = await ctx.db.insert("users", { email, name, emailVerificationTime: Date.now() });
    const sessionId = await ctx.db.insert("authSessions", { userId, expirationTime: Date.now() + 3_600_000 });
    return { userId, sessionId };
  });
  return { userId, sessionId, client: as(t, userId, sessionId) };
}

export type TestUser = Awaited<ReturnType<typeof createUser>>;

/** A group with an owner, plus optional admin and member. */
export async function createGroupWith(t: Backend, owner: TestUser, name = "Acme") {
  const { api } = await import("../../convex/_generated/api");
  const { groupId } = await owner.client.mutation(api.groups.create, { name });
  return groupId;
}

export async function addMembership(t: Backend, groupId: Id<"groups">, user: TestUser, role: "owner" | "admin" | "member") {
  return await t.run((ctx) => ctx.db.insert("members", { groupId, userId: user.userId, role, status: "active" }));
}

/** The error code a rejected call carries (see convex/engine/errors.ts). */
export async function errorCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const data = (error as { data?: { code?: string } }).data;
    if (data?.code) return data.code;
    const match = String((error as Error).message).match(/"code":"([A-Z_]+)"/);
    return match?.[1] ?? `untyped error: ${(error as Error).message}`;
  }
  return "no error";
}
