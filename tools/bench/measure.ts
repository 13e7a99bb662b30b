import { metered, type Usage } from "./readMeter";

/**
 * One operation measured several times: its usage (the same every run, or
 * the range it took when it isn't) and the median wall time.
 */
export interface Measurement {
  usage: Usage;
  /** Set when the runs did not all use the same: the largest figures seen. */
  maxUsage?: Usage;
  medianMs: number;
  samples: number;
  /** The median time of the ratio's floor, when measured alongside. */
  floorMs?: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The usage of the first run, and the per-field maximum when a later run differs. */
export function summarizeUsage(runs: readonly Usage[]): Pick<Measurement, "usage" | "maxUsage"> {
  const [first, ...rest] = runs;
  if (!first) throw new Error("No runs to summarize.");
  const keys = Object.keys(first) as Array<keyof Usage>;
  if (rest.every((run) => keys.every((key) => run[key] === first[key]))) return { usage: first };
  const maxUsage = Object.fromEntries(keys.map((key) => [key, Math.max(...runs.map((run) => run[key]))])) as unknown as Usage;
  return { usage: first, maxUsage };
}

/**
 * Runs `prepare` (unmeasured: fresh state for the run, e.g. a new sign-in at
 * the IdP) then `operation` (metered and timed) `samples` times, after one
 * unmeasured warm-up run; `check` sees each result so a failed operation
 * can't pass for a fast one. `floor`, when given, is timed on the same
 * prepared state just before the operation: the other side of a ratio.
 */
export async function measure<P, R>({
  samples,
  prepare,
  operation,
  check,
  floor,
}: {
  samples: number;
  prepare: (run: number) => Promise<P>;
  operation: (prepared: P) => Promise<R>;
  check: (result: R) => void;
  floor?: (prepared: P) => Promise<unknown>;
}): Promise<Measurement> {
  const usages: Usage[] = [];
  const times: number[] = [];
  const floorTimes: number[] = [];
  for (let run = 0; run <= samples; run++) {
    const prepared = await prepare(run);
    if (floor) {
      const started = performance.now();
      await floor(prepared);
      if (run > 0) floorTimes.push(performance.now() - started);
    }
    const { value, usage, ms } = await metered(() => operation(prepared));
    check(value);
    if (run === 0) continue;
    usages.push(usage);
    times.push(ms);
  }
  return { ...summarizeUsage(usages), medianMs: median(times), samples, ...(floor ? { floorMs: median(floorTimes) } : {}) };
}
