import { afterAll, afterEach, beforeAll, expect, it, vi } from "vitest";
import { newBackend } from "../../tools/testing/convex";
import { startMisbehavingServer, type MisbehavingServer } from "../../tools/testing/misbehaving-server";
import { createEndpoint, listDeliveries, MAX_ATTEMPTS, sendTestEvent } from "./webhook";

/**
 * The outbound rules hold at every delivery attempt, not only when the
 * endpoint is saved: an endpoint saved while private URLs were allowed (a
 * development database promoted, the setting turned off later) gets nothing
 * once they are not, and the reason is in its delivery log.
 */
let receiver: MisbehavingServer;

beforeAll(async () => {
  receiver = await startMisbehavingServer();
  process.env.ENCRYPTION_KEYS = `k1:${btoa(String.fromCharCode(...new Uint8Array(32).fill(8)))}`;
});

afterAll(async () => {
  delete process.env.ENCRYPTION_KEYS;
  await receiver.close();
});

afterEach(() => {
  vi.useRealTimers();
  delete process.env.ALLOW_PRIVATE_WEBHOOK_URLS;
});

it("refuses at delivery time a loopback endpoint saved while private URLs were allowed", async () => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
  const t = newBackend();
  process.env.ALLOW_PRIVATE_WEBHOOK_URLS = "true";
  const endpointId = await t.run(async (ctx) => {
    const groupId = await ctx.db.insert("groups", { name: "Acme", slug: "acme" });
    const connectionId = await ctx.db.insert("connections", { groupId, name: "Okta", protocol: "oidc", status: "active" });
    const { endpointId } = await createEndpoint(ctx, { groupId, connectionId, url: receiver.url("/hook"), kinds: ["*"], actor: { type: "system" } });
    return endpointId;
  });

  delete process.env.ALLOW_PRIVATE_WEBHOOK_URLS;
  await t.run((ctx) => sendTestEvent(ctx, { endpointId }));
  await t.finishAllScheduledFunctions(vi.runAllTimers);

  expect(receiver.requests).toEqual([]);
  const [delivery] = await t.run((ctx) => listDeliveries(ctx, endpointId));
  expect(delivery).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS, lastResponse: { error: expect.stringContaining("Refused to fetch") } });
});
