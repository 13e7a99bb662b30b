import { describe, expect, it } from "vitest";
import { shortFingerprint } from "./certificate-list";

describe("shortFingerprint", () => {
  it("keeps the first and last four bytes of a SHA-256 fingerprint", () => {
    const fingerprint = Array.from({ length: 32 }, (_, index) => index.toString(16).padStart(2, "0").toUpperCase()).join(":");
    expect(shortFingerprint(fingerprint)).toBe("00:01:02:03…1C:1D:1E:1F");
  });

  it("leaves short values alone", () => {
    expect(shortFingerprint("AB:CD:EF")).toBe("AB:CD:EF");
  });
});
