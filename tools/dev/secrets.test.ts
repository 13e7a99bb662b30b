import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseEnv } from "node:util";
import { createLocalJWKSet, importPKCS8, jwtVerify, SignJWT, type JSONWebKeySet } from "jose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ensureDevSecrets } from "./secrets";

let dir: string;
let envFile: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "dev-secrets-"));
  envFile = path.join(dir, ".env.convex.local");
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function readValues(): Promise<NodeJS.Dict<string>> {
  return parseEnv(await readFile(envFile, "utf8"));
}

/** What @convex-dev/auth does with these values: sign with the private key, verify with JWKS. */
async function expectKeysToMatch(values: NodeJS.Dict<string>): Promise<void> {
  const privateKey = await importPKCS8(values.JWT_PRIVATE_KEY!, "RS256");
  const token = await new SignJWT({ sub: "user-1" })
    .setProtectedHeader({ alg: "RS256" })
    .setIssuer("http://127.0.0.1:3211")
    .setExpirationTime("1h")
    .sign(privateKey);
  const jwks = createLocalJWKSet(JSON.parse(values.JWKS!) as JSONWebKeySet);
  const { payload } = await jwtVerify(token, jwks, { issuer: "http://127.0.0.1:3211" });
  expect(payload.sub).toBe("user-1");
}

describe("ensureDevSecrets", () => {
  it("generates a matching key pair and SITE_URL on first run", async () => {
    const added = await ensureDevSecrets(envFile, "http://localhost:3000");
    expect(added).toEqual(["JWT_PRIVATE_KEY", "JWKS", "SITE_URL", "ENCRYPTION_KEYS", "ALLOW_PRIVATE_WEBHOOK_URLS", "ALLOW_PRIVATE_IDP_URLS"]);

    const values = await readValues();
    expect(values.SITE_URL).toBe("http://localhost:3000");
    expect(Buffer.from(values.ENCRYPTION_KEYS!.split(":")[1]!, "base64")).toHaveLength(32);
    expect(values.JWT_PRIVATE_KEY).toMatch(/^-----BEGIN PRIVATE KEY----- \S+( \S+)* -----END PRIVATE KEY-----$/);
    expect(values.JWT_PRIVATE_KEY).not.toContain("\n");
    const jwks = JSON.parse(values.JWKS!) as JSONWebKeySet;
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: "RSA", use: "sig", alg: "RS256" });
    expect(jwks.keys[0]).not.toHaveProperty("d");
    await expectKeysToMatch(values);
    expect((await stat(envFile)).mode & 0o077).toBe(0);
  });

  it("keeps existing values and adds only what is missing", async () => {
    await writeFile(envFile, "SITE_URL=http://localhost:4000\nRESEND_API_KEY=re_123");
    expect(await ensureDevSecrets(envFile, "http://localhost:3000")).toEqual(["JWT_PRIVATE_KEY", "JWKS", "ENCRYPTION_KEYS", "ALLOW_PRIVATE_WEBHOOK_URLS", "ALLOW_PRIVATE_IDP_URLS"]);

    const text = await readFile(envFile, "utf8");
    expect(text.startsWith("SITE_URL=http://localhost:4000\nRESEND_API_KEY=re_123\n\n")).toBe(true);
    const values = await readValues();
    expect(values.SITE_URL).toBe("http://localhost:4000");
    expect(values.RESEND_API_KEY).toBe("re_123");
    await expectKeysToMatch(values);
  });

  it("leaves a complete file untouched", async () => {
    await ensureDevSecrets(envFile, "http://localhost:3000");
    const before = await readFile(envFile, "utf8");
    expect(await ensureDevSecrets(envFile, "http://localhost:3100")).toEqual([]);
    expect(await readFile(envFile, "utf8")).toBe(before);
  });

  it("derives JWKS from an existing private key", async () => {
    await ensureDevSecrets(envFile, "http://localhost:3000");
    const { JWT_PRIVATE_KEY } = await readValues();
    await writeFile(envFile, `JWT_PRIVATE_KEY='${JWT_PRIVATE_KEY}'\n`);

    expect(await ensureDevSecrets(envFile, "http://localhost:3000")).toEqual(["JWKS", "SITE_URL", "ENCRYPTION_KEYS", "ALLOW_PRIVATE_WEBHOOK_URLS", "ALLOW_PRIVATE_IDP_URLS"]);
    const values = await readValues();
    expect(values.JWT_PRIVATE_KEY).toBe(JWT_PRIVATE_KEY);
    await expectKeysToMatch(values);
  });

  it("points DNS lookups at the dev DNS server unless DNS_SERVERS is set", async () => {
    expect(await ensureDevSecrets(envFile, "http://localhost:3000", { dnsServers: "127.0.0.1:5354" })).toEqual([
      "JWT_PRIVATE_KEY",
      "JWKS",
      "SITE_URL",
      "ENCRYPTION_KEYS",
      "ALLOW_PRIVATE_WEBHOOK_URLS",
      "ALLOW_PRIVATE_IDP_URLS",
      "DNS_SERVERS",
    ]);
    expect((await readValues()).DNS_SERVERS).toBe("127.0.0.1:5354");

    // A value the developer chose, or one generated earlier for another port, is theirs to change.
    await writeFile(envFile, "DNS_SERVERS=10.0.0.53\n");
    expect(await ensureDevSecrets(envFile, "http://localhost:3000", { dnsServers: "127.0.0.1:5363" })).not.toContain("DNS_SERVERS");
    expect((await readValues()).DNS_SERVERS).toBe("10.0.0.53");
    // Empty means the system resolvers.
    await writeFile(envFile, "DNS_SERVERS=\n");
    expect(await ensureDevSecrets(envFile, "http://localhost:3000", { dnsServers: "127.0.0.1:5363" })).not.toContain("DNS_SERVERS");
    expect((await readValues()).DNS_SERVERS).toBe("");
  });

  it("adds DNS_SERVERS to a file that has everything else", async () => {
    await ensureDevSecrets(envFile, "http://localhost:3000");
    const before = await readFile(envFile, "utf8");
    expect(await ensureDevSecrets(envFile, "http://localhost:3000", { dnsServers: "127.0.0.1:5354" })).toEqual(["DNS_SERVERS"]);
    const text = await readFile(envFile, "utf8");
    expect(text.startsWith(before)).toBe(true);
    expect((await readValues()).DNS_SERVERS).toBe("127.0.0.1:5354");
  });

  it("refuses to generate a private key that would not match an existing JWKS", async () => {
    await writeFile(envFile, `JWKS='{"keys":[]}'\n`);
    await expect(ensureDevSecrets(envFile, "http://localhost:3000")).rejects.toThrow(
      /JWKS is set in the Convex env file but JWT_PRIVATE_KEY is not/,
    );
    expect(await readFile(envFile, "utf8")).toBe(`JWKS='{"keys":[]}'\n`);
  });
});
