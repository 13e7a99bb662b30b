import { describe, expect, it } from "vitest";
import { csvField, toCsv } from "./csv";

describe("csvField", () => {
  it("leaves plain text, numbers and booleans alone", () => {
    expect(csvField("policy.updated")).toBe("policy.updated");
    expect(csvField(42)).toBe("42");
    expect(csvField(-1.5)).toBe("-1.5");
    expect(csvField(false)).toBe("false");
  });

  it("writes null and undefined as empty fields", () => {
    expect(csvField(null)).toBe("");
    expect(csvField(undefined)).toBe("");
  });

  it("quotes fields with commas, quotes, and line breaks, doubling the quotes", () => {
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("line 1\nline 2")).toBe('"line 1\nline 2"');
    expect(csvField("line 1\r\nline 2")).toBe('"line 1\r\nline 2"');
    expect(csvField('{"fields":"deprovision,roleMapping"}')).toBe('"{""fields"":""deprovision,roleMapping""}"');
  });

  it("neutralizes text a spreadsheet would run as a formula", () => {
    expect(csvField("=HYPERLINK(\"http://evil\")")).toBe("\"'=HYPERLINK(\"\"http://evil\"\")\"");
    expect(csvField("+1")).toBe("'+1");
    expect(csvField("-cmd")).toBe("'-cmd");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("\tTab")).toBe("'\tTab");
  });
});

describe("toCsv", () => {
  it("joins a header and rows with commas and CRLF, ending with a line break", () => {
    const csv = toCsv(
      ["time", "kind", "reason"],
      [
        ["2026-01-02T03:04:05.000Z", "login.failed", "Bad signature, retried"],
        ["2026-01-02T03:04:06.000Z", "policy.updated", null],
      ],
    );
    expect(csv).toBe(
      "time,kind,reason\r\n" +
        '2026-01-02T03:04:05.000Z,login.failed,"Bad signature, retried"\r\n' +
        "2026-01-02T03:04:06.000Z,policy.updated,\r\n",
    );
  });

  it("writes just the header when there are no rows", () => {
    expect(toCsv(["a", "b"], [])).toBe("a,b\r\n");
  });
});
