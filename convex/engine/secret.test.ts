import { afterEach, describe, expect, it } from "vitest";
import { needsReseal, open, seal } from "./secret";

const key = (byte: number) => btoa(String.fromCharCode(...new Uint8Array(32).fill(byte)));

afterEach(() => {
  delete process.env.ENCRYPTION_KEYS;
});

describe("secrets at rest", () => {
  it("round-trips and never stores the plaintext", async () => {
    process.env.ENCRYPTION_KEYS = `k1:${key(1)}`;
    const sealed = await seal("client-secret-value");
    expect(JSON.stringify(sealed)).not.toContain("client-secret-value");
    expect(sealed.keyId).toBe("k1");
    expect(await open(sealed)).toBe("client-secret-value");
    expect((await seal("client-secret-value")).iv).not.toBe(sealed.iv);
  });

  it("decrypts with an older key after rotation, and says what needs re-sealing", async () => {
    process.env.ENCRYPTION_KEYS = `k1:${key(1)}`;
    const old = await seal("s3cret");
    process.env.ENCRYPTION_KEYS = `k2:${key(2)},k1:${key(1)}`;
    expect(await open(old)).toBe("s3cret");
    expect(needsReseal(old)).toBe(true);
    expect((await seal("s3cret")).keyId).toBe("k2");
    process.env.ENCRYPTION_KEYS = `k2:${key(2)}`;
    await expect(open(old)).rejects.toThrow(/No encryption key "k1"/);
  });

  it("rejects tampered ciphertext and bad key configuration", async () => {
    process.env.ENCRYPTION_KEYS = `k1:${key(1)}`;
    const sealed = await seal("s3cret");
    const flipped = { ...sealed, ciphertext: sealed.ciphertext.replace(/^./, (c) => (c === "A" ? "B" : "A")) };
    await expect(open(flipped)).rejects.toThrow();
    process.env.ENCRYPTION_KEYS = "k1:c2hvcnQ=";
    await expect(seal("x")).rejects.toThrow(/32 bytes/);
    delete process.env.ENCRYPTION_KEYS;
    await expect(seal("x")).rejects.toThrow(/ENCRYPTION_KEYS is not set/);
  });
});
