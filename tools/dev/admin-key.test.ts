import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { adminKeyPath, readAdminKey, withAdminKey } from "./admin-key";

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "dev-admin-key-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe("adminKeyPath", () => {
  it("is next to the data directory, like the embedded backend's default", () => {
    expect(adminKeyPath("/repo", ".convex-local/data")).toBe("/repo/.convex-local/admin-key");
    expect(adminKeyPath("/repo", ".convex-local/e2e-data")).toBe("/repo/.convex-local/admin-key");
    expect(adminKeyPath("/repo", "/var/convex/data")).toBe("/var/convex/admin-key");
  });
});

describe("readAdminKey", () => {
  it("reads the key without its trailing newline", async () => {
    const file = adminKeyPath(dir, "data");
    await writeFile(file, "0123abcd\n");
    expect(await readAdminKey(file)).toBe("0123abcd");
  });

  it("is undefined when the file is missing or empty", async () => {
    expect(await readAdminKey(path.join(dir, "admin-key"))).toBeUndefined();
    await writeFile(path.join(dir, "admin-key"), "  \n");
    expect(await readAdminKey(path.join(dir, "admin-key"))).toBeUndefined();
  });

  it("fails on other errors", async () => {
    await mkdir(path.join(dir, "admin-key"));
    await expect(readAdminKey(path.join(dir, "admin-key"))).rejects.toThrow();
  });
});

describe("withAdminKey", () => {
  it("sets the key without touching the original environment", () => {
    const env = { PATH: "/bin" };
    expect(withAdminKey(env, "key")).toEqual({ PATH: "/bin", CONVEX_ADMIN_KEY: "key" });
    expect(env).toEqual({ PATH: "/bin" });
  });

  it("drops a key inherited from the shell when there is none", () => {
    expect(withAdminKey({ PATH: "/bin", CONVEX_ADMIN_KEY: "stale" }, undefined)).toEqual({ PATH: "/bin" });
  });
});
