import { z } from "zod";
import type { DemoIdpClient } from "./dev-stack";
import { DEMO_DOMAIN, SAML_DEMO_DOMAIN } from "./users";

/**
 * Points the demo group's SSO connection at this run's demo IdP by calling
 * the internal function `demo:seed` (convex/demo.ts) with the backend's admin
 * key, over the deployment's HTTP API.
 */

/** What `demo:seed` returns: enough to tell the developer how to try it. */
export interface DemoSsoSetup {
  groupName: string;
  connectionName: string;
  /** The second demo group, whose connection is SAML. */
  samlGroupName: string;
  ownerEmail: string;
  ownerPassword: string;
}

const SEED_TIMEOUT_MS = 30_000;

const seedResponse = z.union([
  z.object({
    status: z.literal("success"),
    value: z.object({ groupName: z.string(), connectionName: z.string(), samlGroupName: z.string(), ownerEmail: z.string(), ownerPassword: z.string() }),
  }),
  z.object({ status: z.literal("error"), errorMessage: z.string() }),
  // Requests the backend refuses before calling the function (bad admin key, malformed body).
  z.object({ code: z.string(), message: z.string() }),
]);

/** @throws Error saying why, when the backend is unreachable or demo:seed fails (e.g. convex/demo.ts is missing). */
export async function seedDemoSso(convexUrl: string, adminKey: string, idp: DemoIdpClient): Promise<DemoSsoSetup> {
  // /api/function runs a function of any kind: demo:seed is an action (it creates the owner's password account).
  const response = await fetch(new URL("/api/function", convexUrl), {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Convex ${adminKey}` },
    body: JSON.stringify({
      path: "demo:seed",
      args: {
        issuer: idp.issuer,
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
        domain: DEMO_DOMAIN,
        samlMetadataUrl: `${idp.issuer}/saml/metadata`,
        samlDomain: SAML_DEMO_DOMAIN,
      },
      format: "json",
    }),
    signal: AbortSignal.timeout(SEED_TIMEOUT_MS),
  });
  const text = await response.text();
  const parsed = seedResponse.safeParse(parseJson(text));
  if (!parsed.success) throw new Error(`unexpected answer from demo:seed (HTTP ${response.status}): ${text.slice(0, 200)}`);
  const body = parsed.data;
  if ("value" in body) return body.value;
  // The first line: the rest of a Convex error message is a stack trace.
  const message = "errorMessage" in body ? body.errorMessage : body.message;
  throw new Error(message.split("\n")[0]);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
