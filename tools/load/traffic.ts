/**
 * What the load test's clients saw: every response with a 5xx status, and
 * requests cut off by the backend being down (only expected around the
 * deliberate crash). A request cut off is retried; its write may or may not
 * have happened, so only answered writes count as acknowledged.
 */
export class Outage extends Error {}

export interface Traffic {
  requests: number;
  outages: number;
  serverErrors: string[];
  /** Requests in flight at any moment: how many the crash cut off. */
  inFlight: number;
}

export const traffic: Traffic = { requests: 0, outages: 0, serverErrors: [], inFlight: 0 };

/** Errors that mean nothing answered: refused, reset or closed connections (fetch and ConvexHttpClient alike). */
export function isOutage(error: unknown): boolean {
  if (error instanceof Outage) return true;
  // ConvexHttpClient's form of the backend's 503 while it starts.
  if (/The backend is starting/.test(String((error as Error)?.message))) return true;
  const text = `${(error as Error)?.message ?? ""} ${String((error as { cause?: { code?: string; message?: string } })?.cause?.code ?? "")} ${(error as { cause?: Error })?.cause?.message ?? ""}`;
  return /fetch failed|ECONNREFUSED|ECONNRESET|EPIPE|socket hang up|other side closed|UND_ERR_SOCKET|terminated/i.test(text);
}

/** `fetch` that counts the request, records a 5xx, and turns "nobody answered" into an Outage. */
export async function send(url: string, init: RequestInit = {}): Promise<Response> {
  traffic.requests += 1;
  traffic.inFlight += 1;
  try {
    const response = await fetch(url, { ...init, redirect: "manual", signal: AbortSignal.timeout(30_000) });
    if (response.status >= 500) {
      const body = await response.clone().text();
      // While restarting, the backend holds its ports and answers this before it serves: still down.
      if (response.status === 503 && body.includes('"code":"Starting"')) throw new Outage("the backend is starting");
      traffic.serverErrors.push(`${init.method ?? "GET"} ${new URL(url).pathname} → ${response.status}: ${body.slice(0, 200)}`);
    }
    return response;
  } catch (error) {
    if (isOutage(error)) {
      traffic.outages += 1;
      throw new Outage(`${init.method ?? "GET"} ${url}: nobody answered`);
    }
    throw error;
  } finally {
    traffic.inFlight -= 1;
  }
}

const RETRY_DELAY_MS = 250;

/** Runs `attempt` again while the backend is down (an Outage), until `deadline`. */
export async function untilAnswered<T>(deadline: number, attempt: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (!isOutage(error) || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
    }
  }
}
