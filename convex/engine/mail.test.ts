import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { sendMail } from "./mail";
import { newBackend } from "../../tools/testing/convex";

afterEach(() => {
  delete process.env.MAIL_PROVIDER_URL;
  delete process.env.MAIL_PROVIDER_TOKEN;
});

describe("outgoing mail", () => {
  it("stays in the outbox when no provider is configured", async () => {
    const t = newBackend();
    await t.run((ctx) => sendMail(ctx, { to: "a@example.com", subject: "Hi", text: "Hello" }));
    expect(await t.run((ctx) => ctx.db.query("mail").collect())).toMatchObject([{ to: "a@example.com", status: "outbox" }]);
  });

  it("posts to the configured provider and records the outcome", async () => {
    const received: Array<{ auth: string | undefined; body: unknown }> = [];
    let status = 202;
    const server = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString()));
      req.on("end", () => {
        received.push({ auth: req.headers.authorization, body: JSON.parse(body) });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    process.env.MAIL_PROVIDER_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/send`;
    process.env.MAIL_PROVIDER_TOKEN = "provider-token";
    try {
      const t = newBackend();
      await t.run((ctx) => sendMail(ctx, { to: "a@example.com", subject: "Hi", text: "Hello" }));
      await t.finishAllScheduledFunctions(() => {});
      status = 500;
      await t.run((ctx) => sendMail(ctx, { to: "b@example.com", subject: "Hi", text: "Hello" }));
      await t.finishAllScheduledFunctions(() => {});
      expect(received).toEqual([
        { auth: "Bearer provider-token", body: { from: "no-reply@localhost", to: "a@example.com", subject: "Hi", text: "Hello" } },
        { auth: "Bearer provider-token", body: { from: "no-reply@localhost", to: "b@example.com", subject: "Hi", text: "Hello" } },
      ]);
      const statuses = await t.run(async (ctx) => (await ctx.db.query("mail").collect()).map((m) => [m.to, m.status, m.error ?? null]));
      expect(statuses).toEqual([
        ["a@example.com", "sent", null],
        ["b@example.com", "failed", "HTTP 500"],
      ]);
    } finally {
      server.close();
    }
  });
});
