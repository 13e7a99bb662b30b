import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { authEnv, newBackend, type Backend } from "../../tools/testing/convex";
import { configuredTenant, type ConfiguredTenant } from "../../tools/testing/configuredTenant";
import { internal } from "../_generated/api";
import { open, seal, type Sealed } from "./secret";
import { sealedTables } from "./secretRotation";

/**
 * Key rotation: values sealed with k1, k2 put in front, `rotate`, then k1
 * dropped — every secret still opens, to the same plaintext.
 */
const key = (byte: number) => btoa(String.fromCharCode(...new Uint8Array(32).fill(byte)));
const K1 = `k1:${key(1)}`;
const K2 = `k2:${key(2)}`;

beforeAll(async () => {
  await authEnv();
  process.env.ALLOW_PRIVATE_IDP_URLS = "true";
  process.env.ALLOW_PRIVATE_WEBHOOK_URLS = "true";
});

beforeEach(() => {
  process.env.ENCRYPTION_KEYS = K1;
});

/** Every sealed value in the database, by where it is. */
async function sealedValues(t: Backend): Promise<Record<string, Sealed>> {
  return await t.run(async (ctx) => {
    const found: Record<string, Sealed> = {};
    for (const endpoint of await ctx.db.query("webhookEndpoints").collect()) found[`webhook ${endpoint._id}`] = endpoint.secret;
    for (const connection of await ctx.db.query("connections").collect()) {
      if (connection.oidc?.client.secret) found[`client secret ${connection._id}`] = connection.oidc.client.secret;
      const sp = connection.saml?.serviceProvider;
      if (sp?.signingKey) found[`SP signing key ${connection._id}`] = sp.signingKey;
      if (sp?.encryptionKey) found[`SP encryption key ${connection._id}`] = sp.encryptionKey;
    }
    return found;
  });
}

async function opened(values: Record<string, Sealed>): Promise<Record<string, string>> {
  return Object.fromEntries(await Promise.all(Object.entries(values).map(async ([where, sealed]) => [where, await open(sealed)] as const)));
}

/** What the admin entered, as stored (PEM keys trimmed). */
function expectedPlaintexts(tenant: ConfiguredTenant, values: Record<string, Sealed>): Record<string, string> {
  const { plaintexts } = tenant;
  return Object.fromEntries(
    Object.keys(values).map((where) => [
      where,
      where.startsWith("webhook") ? plaintexts.webhookSecret : where.startsWith("client") ? plaintexts.clientSecret : where.startsWith("SP signing") ? plaintexts.spSigningKey.trim() : plaintexts.spEncryptionKey.trim(),
    ]),
  );
}

describe("key rotation", () => {
  it("finds sealed values in the schema's tables that have them", () => {
    expect(sealedTables().sort()).toEqual(["connections", "webhookEndpoints"]);
  });

  it("re-seals everything under the new key, so the old key can go", async () => {
    const t = newBackend();
    const tenant = await configuredTenant(t);
    const before = await sealedValues(t);
    expect(Object.keys(before)).toHaveLength(4);
    expect(new Set(Object.values(before).map((sealed) => sealed.keyId))).toEqual(new Set(["k1"]));

    process.env.ENCRYPTION_KEYS = `${K2},${K1}`;
    // Batches of one: the cursor is followed across pages and tables.
    const report = await t.action(internal.engine.secretRotation.rotate, { batchSize: 1 });
    expect(report).toEqual({ keyId: "k2", found: { k1: 4 }, resealed: 4, unreadable: 0 });
    const after = await sealedValues(t);
    expect(new Set(Object.values(after).map((sealed) => sealed.keyId))).toEqual(new Set(["k2"]));

    // Idempotent: a second run finds nothing to do.
    expect(await t.action(internal.engine.secretRotation.rotate, {})).toEqual({ keyId: "k2", found: { k2: 4 }, resealed: 0, unreadable: 0 });

    process.env.ENCRYPTION_KEYS = K2;
    expect(await opened(after)).toEqual(expectedPlaintexts(tenant, after));
    await expect(open(Object.values(before)[0]!)).rejects.toThrow(/No encryption key "k1"/);
  });

  it("leaves a value no listed key opens as it is, counted as unreadable", async () => {
    const t = newBackend();
    const tenant = await configuredTenant(t);
    process.env.ENCRYPTION_KEYS = `k0:${key(9)}`;
    const orphan = await seal("sealed with a key since lost");
    await t.run((ctx) => ctx.db.patch(tenant.endpointId, { secret: orphan }));

    process.env.ENCRYPTION_KEYS = `${K2},${K1}`;
    expect(await t.action(internal.engine.secretRotation.rotate, {})).toEqual({ keyId: "k2", found: { k0: 1, k1: 3 }, resealed: 3, unreadable: 1 });
    expect((await t.run((ctx) => ctx.db.get(tenant.endpointId)))!.secret).toEqual(orphan);
  });
});
