import { createServer, type AddressInfo, type Server } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { findBusyPorts, isPortFree, waitUntilListening } from "./ports";

let server: Server | undefined;

/** Binds a port the way a running dev server would, and returns it. */
async function occupyPort(): Promise<number> {
  server = createServer();
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

async function release(): Promise<void> {
  const bound = server;
  server = undefined;
  if (bound) await new Promise((resolve) => bound.close(resolve));
}

afterEach(release);

describe("ports", () => {
  it("sees a port bound on 127.0.0.1 as in use, and as free once released", async () => {
    const port = await occupyPort();
    expect(await isPortFree(port)).toBe(false);
    await release();
    expect(await isPortFree(port)).toBe(true);
  });

  it("lists exactly the busy ports", async () => {
    const free = await occupyPort();
    await release();
    const busy = await occupyPort();
    expect(await findBusyPorts([free, busy])).toEqual([busy]);
  });

  it("waits until a port accepts connections, and gives up when told to", async () => {
    const port = await occupyPort();
    expect(await waitUntilListening(port, () => true)).toBe(true);
    await release();
    expect(await waitUntilListening(port, () => false)).toBe(false);
  });
});
