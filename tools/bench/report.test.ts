import { describe, expect, it } from "vitest";
import { kb, Report, table } from "./report";

const usage = (documentsRead: number) => ({ documentsRead, bytesRead: 100, documentsWritten: 0, bytesWritten: 0 });
const row = (documentsRead: number, maxRead?: number) => ({
  suite: "sign-in",
  operation: "signIn",
  scale: "10 connections",
  usage: usage(documentsRead),
  ...(maxRead === undefined ? {} : { maxUsage: usage(maxRead) }),
  medianMs: 1.5,
  samples: 5,
});

describe("Report", () => {
  it("fails a read budget on the largest run, and only read budgets count as failures", () => {
    const report = new Report();
    expect(report.readBudget("signIn ≤ 3 reads", row(2), 3)).toBe(true);
    expect(report.readBudget("signIn ≤ 3 reads", row(2, 4), 3)).toBe(false);
    report.ratio({ name: "SAML ACS", operationMs: 30, floorMs: 10, floor: "node-saml", limit: 1.5 });
    report.page({ route: "/sign-in", gzipBytes: 200_000, files: 3, limitBytes: 150_000 });
    expect(report.budgets.map((budget) => [budget.kind, budget.actual, budget.pass])).toEqual([
      ["reads", 2, true],
      ["reads", 4, false],
      ["ratio", 3, false],
      ["page weight", 200_000, false],
    ]);
    expect(report.failedReadBudgets()).toHaveLength(1);
  });

  it("renders every figure with its budget result", () => {
    const report = new Report();
    report.operation(row(2, 4));
    report.readBudget("signIn ≤ 3 reads", row(2, 4), 3);
    const text = report.render();
    expect(text).toContain("≤4");
    expect(text).toMatch(/signIn ≤ 3 reads \(10 connections\)\s+reads\s+4 reads\s+3 reads\s+FAIL/);
  });
});

describe("table and kb", () => {
  it("pads columns to the widest cell, aligned as asked", () => {
    expect(table(["a", "n"], [["x", "1"], ["long", "22"]], "lr")).toBe("a      n\n----  --\nx      1\nlong  22");
    expect(table(["a"], [], "l")).toBe("(none)");
  });

  it("writes kilobytes of 1,000 bytes", () => {
    expect(kb(999)).toBe("999 B");
    expect(kb(150_000)).toBe("150.0 kB");
  });
});
