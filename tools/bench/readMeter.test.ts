import { getDocumentSize } from "convex/values";
import { describe, expect, it } from "vitest";
import { planStream, StreamCharge, Tally } from "./readMeter";

/** How the meter charges scans: Convex's rule is every index row a query passes over, filtered out or not. */
const rows = ["a1", "b2", "a3", "b4", "a5", "b6"];
const isA = (row: string) => row.startsWith("a");

function charged(plan: ReturnType<typeof planStream<string>>, pulls: boolean[]): string[] {
  const seen: string[] = [];
  const charge = new StreamCharge(rows, plan, (row) => seen.push(row));
  for (const done of pulls) charge.next(done);
  return seen;
}

describe("planStream and StreamCharge", () => {
  it("charges a .first() only up to its first match, and a .collect() for the whole range", () => {
    const plan = planStream(rows, (row) => row === "a3", null);
    expect(plan.results).toEqual(["a3"]);
    expect(charged(plan, [false])).toEqual(["a1", "b2", "a3"]);
    expect(charged(plan, [false, true])).toEqual(rows);
  });

  it("charges the rows a filter drops between results", () => {
    const plan = planStream(rows, isA, null);
    expect(plan.scannedThrough).toEqual([1, 3, 5]);
    expect(charged(plan, [false, false])).toEqual(["a1", "b2", "a3"]);
    expect(charged(plan, [false, false, false, true])).toEqual(rows);
  });

  it("stops scanning at a limit", () => {
    const plan = planStream(rows, isA, 2);
    expect(plan.results).toEqual(["a1", "a3"]);
    expect(plan.scannedAtEnd).toBe(3);
    expect(charged(plan, [false, false, true])).toEqual(["a1", "b2", "a3"]);
  });

  it("charges an empty range nothing and a range without matches in full", () => {
    expect(charged(planStream([], isA, null), [true])).toEqual([]);
    expect(charged(planStream(rows, () => false, null), [true])).toEqual(rows);
  });
});

describe("Tally", () => {
  const doc = { _id: "10001users", _creationTime: 1, email: "ada@contoso.test" };

  it("counts documents and their sizes, and nothing after it is closed", () => {
    const tally = new Tally();
    tally.read(doc);
    tally.write(doc, "users");
    tally.write(null, "users");
    let closed = false;
    tally.onClose(() => (closed = true));
    const usage = tally.close();
    tally.read(doc);
    expect(closed).toBe(true);
    expect(usage).toEqual({ documentsRead: 1, bytesRead: getDocumentSize(doc), documentsWritten: 2, bytesWritten: getDocumentSize(doc) });
    expect(tally.close()).toEqual(usage);
  });

  it("leaves system tables out", () => {
    const tally = new Tally();
    tally.read({ _id: "10002_scheduled_functions", _creationTime: 1 });
    tally.write(null, "_scheduled_functions");
    expect(tally.close()).toEqual({ documentsRead: 0, bytesRead: 0, documentsWritten: 0, bytesWritten: 0 });
  });
});
