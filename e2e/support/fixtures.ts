import { test as base, type BrowserContext, type Page } from "@playwright/test";
import { parseJson, recordFromBody, recordFromJson, recordFromUrl, recordSecret } from "./secrets";

/**
 * Playwright's `test`, with one automatic fixture: every secret that crosses
 * the browser's wire during a test is recorded (secrets.ts) for the log check
 * at the end of the run. Specs import `test` and `expect` from here.
 */
export * from "@playwright/test";

/** The Convex sync protocol's messages that carry credentials or function arguments and results. */
interface SyncMessage {
  type?: string;
  value?: unknown;
  args?: unknown;
  result?: unknown;
  modifications?: unknown;
}

function watchPage(page: Page): void {
  page.on("websocket", (socket) => {
    const record = (direction: string, payload: string | Buffer) => {
      const message = parseJson(payload.toString()) as SyncMessage | undefined;
      if (!message) return;
      // The session JWT, as the client authenticates its WebSocket.
      if (message.type === "Authenticate" && typeof message.value === "string") recordSecret("session JWT", message.value);
      recordFromJson(`WebSocket ${direction} ${message.type ?? ""}`, { args: message.args, result: message.result, modifications: message.modifications });
    };
    socket.on("framesent", (frame) => record("sent", frame.payload));
    socket.on("framereceived", (frame) => record("received", frame.payload));
  });
}

async function recordCookies(context: BrowserContext): Promise<void> {
  for (const cookie of await context.cookies()) {
    if (/JWT|RefreshToken|Verifier/i.test(cookie.name)) recordSecret(`cookie ${cookie.name}`, decodeURIComponent(cookie.value));
  }
}

export const test = base.extend<{ recordSecrets: void }>({
  recordSecrets: [
    async ({ context }, use) => {
      context.on("request", (request) => {
        recordFromUrl(`${request.method()} URL`, request.url());
        recordFromBody(`${request.method()} body`, request.postData(), request.headers()["content-type"]);
      });
      context.on("response", async (response) => {
        // The sign-in proxy's answers carry the session's tokens.
        if (!new URL(response.url()).pathname.startsWith("/api/auth")) return;
        recordFromJson("sign-in response", parseJson(await response.text().catch(() => "")));
      });
      for (const page of context.pages()) watchPage(page);
      context.on("page", watchPage);
      await use();
      await recordCookies(context);
    },
    { auto: true },
  ],
});
