import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addRecord, readRecords, removeRecord, writeRecords } from "./records";

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "dev-dns-records-"));
  file = path.join(dir, "nested", "dns-records.json");
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const challenge = { name: "_group-sso-challenge.example.com", type: "TXT" as const, value: "token-1" };

describe("dev DNS records file", () => {
  it("reads a missing file as no records", async () => {
    expect(await readRecords(file)).toEqual([]);
  });

  it("adds a record, normalizing the name and trimming the value, in the documented format", async () => {
    expect(await addRecord(file, { name: " _group-sso-Challenge.Example.com. ", type: "TXT", value: "  token-1 " })).toEqual({
      added: true,
      records: [challenge],
    });
    expect(JSON.parse(await readFile(file, "utf8"))).toEqual({ records: [challenge] });
    expect(await readRecords(file)).toEqual([challenge]);
  });

  it("keeps several values for one name but not the same record twice", async () => {
    await addRecord(file, challenge);
    expect((await addRecord(file, challenge)).added).toBe(false);
    await addRecord(file, { ...challenge, value: "token-2" });
    expect(await readRecords(file)).toEqual([challenge, { ...challenge, value: "token-2" }]);
  });

  it("removes exactly the given record", async () => {
    await writeRecords(file, [challenge, { ...challenge, value: "token-2" }]);
    expect(await removeRecord(file, challenge)).toEqual({ removed: true, records: [{ ...challenge, value: "token-2" }] });
    expect((await removeRecord(file, challenge)).removed).toBe(false);
    expect(await readRecords(file)).toEqual([{ ...challenge, value: "token-2" }]);
  });

  it("loses no change when writes overlap, and leaves no temporary files", async () => {
    await Promise.all(Array.from({ length: 10 }, (_, index) => addRecord(file, { ...challenge, value: `token-${index}` })));
    expect((await readRecords(file)).map((record) => record.value).sort()).toEqual(
      Array.from({ length: 10 }, (_, index) => `token-${index}`).sort(),
    );
    expect(await readdir(path.dirname(file))).toEqual(["dns-records.json"]);
  });

  it("refuses records the server could not serve", async () => {
    await expect(addRecord(file, { ...challenge, name: "not a name" })).rejects.toThrow("Use dot-separated labels");
    await expect(addRecord(file, { ...challenge, value: "" })).rejects.toThrow("Enter the value.");
    await expect(addRecord(file, { ...challenge, value: "café" })).rejects.toThrow("Use printable ASCII characters only.");
    expect(await readRecords(file)).toEqual([]);
  });

  it("says what is wrong with a broken file", async () => {
    await writeRecords(file, []);
    await writeFile(file, "{ not json");
    await expect(readRecords(file)).rejects.toThrow(`${file} is not valid JSON`);
    await writeFile(file, JSON.stringify({ records: [{ name: "a.example.com", type: "MX", value: "x" }] }));
    await expect(readRecords(file)).rejects.toThrow(`${file} is not a records file (records.0.type:`);
  });
});
