import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { seedDemoSso } from "./seed";

/** A stand-in for the backend's HTTP API that records the call and answers `status` + `body`. */
let server: Server | undefined;
afterEach(async () => {
  if (!server) return;
  const closed = new Promise((resolve) => server!.close(resolve));
  server.closeAllConnections();
  await closed;
  server = undefined;
});

async function backend(status: number, body: unknown) {
  const calls: Array<{ path: string | undefined; authorization: string | undefined; body: unknown }> = [];
  server = createServer(async (req, res) => {
    let text = "";
    for await (const chunk of req) text += String(chunk);
    calls.push({ path: req.url, authorization: req.headers.authorization, body: JSON.parse(text) });
    res.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls };
}

const idp = { issuer: "http://127.0.0.1:4400", clientId: "group-sso-demo", clientSecret: "secret" };
const setup = { groupName: "Acme (demo)", connectionName: "Acme demo IdP", samlGroupName: "Initech (demo)", ownerEmail: "owner@acme.test", ownerPassword: "pw" };

describe("seedDemoSso", () => {
  it("calls demo:seed with the admin key and returns what it set up", async () => {
    const { url, calls } = await backend(200, { status: "success", value: setup, logLines: [] });
    expect(await seedDemoSso(url, "admin-key", idp)).toEqual(setup);
    expect(calls).toEqual([
      {
        path: "/api/function",
        authorization: "Convex admin-key",
        body: { path: "demo:seed", args: { ...idp, domain: "acme.test", samlMetadataUrl: "http://127.0.0.1:4400/saml/metadata", samlDomain: "initech.test" }, format: "json" },
      },
    ]);
  });

  it("reports the first line of the function's error", async () => {
    const { url } = await backend(560, { status: "error", errorMessage: "Uncaught Error: no demo here\n    at handler (demo.ts:1)" });
    await expect(seedDemoSso(url, "admin-key", idp)).rejects.toThrow(/^Uncaught Error: no demo here$/);
  });

  it("reports a request the backend refused", async () => {
    const { url } = await backend(401, { code: "Unauthenticated", message: "The admin key is invalid." });
    await expect(seedDemoSso(url, "wrong", idp)).rejects.toThrow("The admin key is invalid.");
  });

  it("reports an answer it does not understand", async () => {
    const { url } = await backend(200, { status: "success", value: { groupName: "Acme" } });
    await expect(seedDemoSso(url, "admin-key", idp)).rejects.toThrow(/unexpected answer from demo:seed \(HTTP 200\)/);
  });
});
