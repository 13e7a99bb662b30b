import { appendFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DataStore, type CommitRecord } from "./data-store";

const dirs: string[] = [];
function dir() {
  const created = mkdtempSync(join(tmpdir(), "data-store-"));
  dirs.push(created);
  return created;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const commit = (writes: CommitRecord["writes"], n: number): CommitRecord => ({
  writes,
  nextDocId: 10_000 + n,
  lastCreationTime: n * 10,
  lastCommitTs: String(n * 1000),
});

describe("DataStore", () => {
  it("replays the journal over the snapshot, in order", () => {
    const d = dir();
    const { store } = DataStore.open(d);
    store.append(commit([["1notes", { _id: "1notes", text: "a" }]], 2));
    store.append(commit([["1notes", { _id: "1notes", text: "b" }], ["2notes", { _id: "2notes", text: "c" }]], 3));
    store.compact([{ _id: "1notes", text: "b" }, { _id: "2notes", text: "c" }], { nextDocId: 10_003, lastCreationTime: 30, lastCommitTs: "3000" });
    store.append(commit([["2notes", null]], 3));
    store.close();

    const { store: reopened, state } = DataStore.open(d);
    expect([...state.documents.values()]).toEqual([{ _id: "1notes", text: "b" }]);
    expect(state).toMatchObject({ nextDocId: 10_003, lastCreationTime: 30, lastCommitTs: "3000" });
    reopened.close();
  });

  it("drops a torn last line and truncates it away", () => {
    const d = dir();
    const { store } = DataStore.open(d);
    store.append(commit([["1notes", { _id: "1notes", text: "kept" }]], 2));
    store.close();
    appendFileSync(join(d, "journal.jsonl"), '{"writes":[["2notes",{"_id":"2no');

    const { store: reopened, state } = DataStore.open(d);
    expect([...state.documents.keys()]).toEqual(["1notes"]);
    expect(readFileSync(join(d, "journal.jsonl"), "utf8").endsWith("\n")).toBe(true);
    reopened.close();
  });

  it("wipes everything with reset", () => {
    const d = dir();
    const { store } = DataStore.open(d);
    store.append(commit([["1notes", { _id: "1notes" }]], 2));
    store.close();
    const { store: reset, state } = DataStore.open(d, { reset: true });
    expect(state.documents.size).toBe(0);
    reset.close();
  });
});
