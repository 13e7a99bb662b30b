import { connect, createServer } from "node:net";

/** Every server the dev stack starts binds 127.0.0.1, so that is where a port must be free. */
const HOST = "127.0.0.1";

/**
 * Tries to bind the port: the only reliable way to know that our own servers
 * will be able to (a connect probe misses sockets that do not accept yet).
 */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") resolve(false);
      else reject(new Error(`Cannot check port ${port} on ${HOST}: ${error.message}`));
    });
    server.listen({ port, host: HOST, exclusive: true }, () => {
      server.close(() => resolve(true));
    });
  });
}

export async function findBusyPorts(ports: number[]): Promise<number[]> {
  const free = await Promise.all(ports.map(isPortFree));
  return ports.filter((_, index) => !free[index]);
}

/**
 * Polls until something accepts TCP connections on the port (how we know
 * `next dev` is up without requesting a page, which would start compiling it).
 * Gives up, returning false, as soon as `keepWaiting()` says so.
 */
export async function waitUntilListening(port: number, keepWaiting: () => boolean): Promise<boolean> {
  while (keepWaiting()) {
    if (await acceptsConnections(port)) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: HOST });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
