import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configuredTenant, databaseText, plaintextNeedles, storedSecrets, type ConfiguredTenant } from "../tools/testing/configuredTenant";
import { authEnv, newBackend, type Backend } from "../tools/testing/convex";
import { findLeaks, needle, textOf } from "../tools/testing/leaks";
import { callAs, publicFunctions, sampleArgs, type PublicFunction } from "../tools/testing/publicFunctions";
import { outcomeOf } from "../tools/testing/authorization";
import { api } from "./_generated/api";
import { sha256 } from "./engine/tokens";

/**
 * Secrets stay secret. At rest: the database holds client secrets and SP
 * keys only sealed, tokens and codes only hashed, and mail bodies (invitation
 * links, sign-up codes) not after they were sent. On the way out: every read
 * function — each public query and action, listed from the exports — called
 * by the group's admin (and anonymously) on a fully configured group returns
 * none of them, nor any ciphertext, iv or hash the database holds.
 */
let mailServer: Server;
const mailed: string[] = [];

beforeAll(async () => {
  await authEnv();
  process.env.ENCRYPTION_KEYS = `k1:${btoa(String.fromCharCode(...new Uint8Array(32).fill(4)))}`;
  process.env.ALLOW_PRIVATE_IDP_URLS = "true";
  process.env.ALLOW_PRIVATE_WEBHOOK_URLS = "true";
  // Nothing listens there: lookups fail fast and never leave the machine.
  process.env.DNS_SERVERS = "127.0.0.1:9";
  // Production mail: a real HTTP receiver standing in for the provider.
  mailServer = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      mailed.push((JSON.parse(body) as { text: string }).text);
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => mailServer.listen(0, "127.0.0.1", resolve));
  process.env.MAIL_PROVIDER_URL = `http://127.0.0.1:${(mailServer.address() as AddressInfo).port}/send`;
});

afterAll(async () => {
  delete process.env.MAIL_PROVIDER_URL;
  await new Promise((resolve) => mailServer?.close(resolve));
});

/** A tenant plus an invitation and a password sign-up, with the mailed token and code. */
async function fullyConfigured(t: Backend): Promise<ConfiguredTenant & { emailCode: string; password: string }> {
  const tenant = await configuredTenant(t);
  mailed.length = 0;
  await tenant.admin.client.mutation(api.invites.create, { groupId: tenant.groupId, email: "new@acme.test", role: "member" });
  const password = "correct horse battery staple";
  await t.action(api.auth.signIn, { provider: "password", params: { flow: "signUp", email: "pat@example.com", password, name: "Pat" } });
  await t.finishAllScheduledFunctions(() => {});
  const inviteToken = mailed.map((text) => /\/invite\/([\w-]+)/.exec(text)?.[1]).find(Boolean);
  const emailCode = mailed.map((text) => /\b(\d{8})\b/.exec(text)?.[1]).find(Boolean);
  expect([inviteToken, emailCode]).toEqual([expect.any(String), expect.any(String)]);
  tenant.plaintexts.inviteToken = inviteToken!;
  return { ...tenant, emailCode: emailCode!, password };
}

describe("secrets at rest", () => {
  it("the database holds no secret in plaintext: keys sealed, tokens and codes hashed, sent mail without its body", async () => {
    const t = newBackend();
    const tenant = await fullyConfigured(t);
    const stored = await databaseText(t);
    const plaintexts = [...plaintextNeedles(tenant), needle("email code", tenant.emailCode), needle("password", tenant.password)];
    expect(findLeaks(stored, plaintexts)).toEqual([]);

    // Not merely absent: each credential is there as its hash, so it still works.
    const { plaintexts: raw } = tenant;
    const hashes = await t.run(async (ctx) => ({
      scim: (await ctx.db.get(tenant.oidcConnectionId))!.scim!.tokens.map((token) => token.hash),
      setupLink: (await ctx.db.get(tenant.setupLinkId))!.tokenHash,
      test: (await ctx.db.get(tenant.testId))!.tokenHash,
      invite: (await ctx.db.query("invites").collect())[0]!.tokenHash,
    }));
    expect(hashes).toEqual({ scim: [await sha256(raw.scimToken)], setupLink: await sha256(raw.setupLinkToken), test: await sha256(raw.testToken), invite: await sha256(raw.inviteToken!) });
    const sealed = await t.run(async (ctx) => {
      const [oidc, saml, endpoint] = [await ctx.db.get(tenant.oidcConnectionId), await ctx.db.get(tenant.samlConnectionId), await ctx.db.get(tenant.endpointId)];
      return [oidc!.oidc!.client.secret, saml!.saml!.serviceProvider.signingKey, saml!.saml!.serviceProvider.encryptionKey, endpoint!.secret];
    });
    for (const value of sealed) expect(value).toEqual({ keyId: "k1", iv: expect.any(String), ciphertext: expect.any(String) });
  });
});

/** Arguments that go together: the sign-in route takes exactly one of connectionId, email or domain. */
const ONLY_ARGUMENTS: Record<string, string[]> = { "auth/group:signIn": ["email"] };

/** The value each read function gets for an argument, by its name; anything else gets a placeholder. */
function argumentFor(fn: PublicFunction, name: string, tenant: ConfiguredTenant, connectionId: string): unknown {
  if (ONLY_ARGUMENTS[fn.path] && !ONLY_ARGUMENTS[fn.path]!.includes(name)) return undefined;
  const values: Record<string, unknown> = {
    groupId: tenant.groupId,
    connectionId,
    id: connectionId,
    endpointId: tenant.endpointId,
    deliveryId: tenant.deliveryId,
    testId: tenant.testId,
    setupLinkId: tenant.setupLinkId,
    domain: tenant.domain,
    email: `someone@${tenant.domain}`,
    token: fn.module === "auth/setup" ? tenant.plaintexts.setupLinkToken : tenant.plaintexts.inviteToken,
    paginationOpts: { numItems: 50, cursor: null },
  };
  return values[name];
}

/** Read functions whose every call here is refused, and why that is right. */
const REFUSED_HERE: Record<string, string> = {
  "auth/setup:getTestSignIn": "the tenant's test sign-in was started by the admin, not through the setup link",
};

/** Actions that read nothing back: they would end the admin's session mid-scan. */
const NOT_READERS: Record<string, string> = {
  "auth:signOut": "ends the caller's session and returns null",
};

describe("no read function returns a secret", () => {
  const readers = publicFunctions().filter((fn) => fn.kind !== "mutation" && !(fn.path in NOT_READERS));

  it("covers the public queries and actions of every module", () => {
    expect(readers.length).toBeGreaterThan(20);
    expect(new Set(readers.map((fn) => fn.module))).toEqual(new Set(publicFunctions().filter((fn) => fn.kind === "query").map((fn) => fn.module)));
  });

  it("as the group's admin and anonymously: no plaintext, ciphertext, iv, token or hash", async () => {
    const t = newBackend();
    const tenant = await fullyConfigured(t);
    const secrets = [
      ...plaintextNeedles(tenant),
      needle("email code", tenant.emailCode),
      needle("password", tenant.password),
      ...(await storedSecrets(t)),
    ];
    const leaks: string[] = [];
    const neverAnswered: string[] = [];
    for (const fn of readers) {
      let answered = false;
      for (const connectionId of [tenant.oidcConnectionId, tenant.samlConnectionId]) {
        const args = sampleArgs(fn, (name) => argumentFor(fn, name, tenant, connectionId));
        for (const [caller, client] of [["admin", tenant.admin.client], ["anonymous", t]] as const) {
          const outcome = await outcomeOf(callAs(client, fn, args));
          if (caller === "admin" && outcome.ok) answered = true;
          for (const label of findLeaks(textOf(outcome.ok ? outcome.value : outcome.error), secrets)) leaks.push(`${fn.path} as ${caller}: ${label}`);
        }
      }
      if (!answered && fn.kind === "query") neverAnswered.push(fn.path);
    }
    expect(leaks).toEqual([]);
    // A query that only ever refused here proves nothing about what it returns.
    expect(neverAnswered.sort()).toEqual(Object.keys(REFUSED_HERE).sort());
  });
});
