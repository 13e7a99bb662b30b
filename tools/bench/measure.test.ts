import { describe, expect, it } from "vitest";
import { measure, median, summarizeUsage } from "./measure";

const usage = (documentsRead: number) => ({ documentsRead, bytesRead: documentsRead * 10, documentsWritten: 0, bytesWritten: 0 });

describe("measure", () => {
  it("takes the median of odd and even counts", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it("reports one usage when every run used the same, and the largest figures when they differ", () => {
    expect(summarizeUsage([usage(2), usage(2)])).toEqual({ usage: usage(2) });
    expect(summarizeUsage([usage(2), usage(5), usage(3)])).toEqual({ usage: usage(2), maxUsage: usage(5) });
  });

  it("skips the warm-up run, checks every result and times the floor on the same prepared value", async () => {
    const prepared: number[] = [];
    const floors: number[] = [];
    const checked: string[] = [];
    const result = await measure({
      samples: 3,
      prepare: async (run) => (prepared.push(run), run),
      floor: async (value) => floors.push(value),
      operation: async (value) => `ran ${value}`,
      check: (value) => checked.push(value),
    });
    expect(prepared).toEqual([0, 1, 2, 3]);
    expect(floors).toEqual([0, 1, 2, 3]);
    expect(checked).toEqual(["ran 0", "ran 1", "ran 2", "ran 3"]);
    expect(result).toMatchObject({ samples: 3, usage: usage(0) });
    expect(result.floorMs).toBeTypeOf("number");
  });

  it("fails when a result fails its check", async () => {
    await expect(
      measure({ samples: 1, prepare: async () => 0, operation: async () => 500, check: (status) => {
        if (status !== 200) throw new Error(`status ${status}`);
      } }),
    ).rejects.toThrow("status 500");
  });
});
