import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { newBackend, type Backend } from "../../tools/testing/convex";
import { internal } from "../_generated/api";
import { ipKey } from "./clientIp";
import { clear, firstInWindow, LIMITS, refund, take, takeAll, type Limit } from "./rateLimit";

/** The fixed-window counters on their own; each limit in use is tested where it is used (abuseLimits.test.ts). */
const LIMIT: Limit = { max: 3, windowMs: 60_000 };
const START = Date.UTC(2026, 10, 1, 12, 0, 0);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(START);
});
afterEach(() => {
  vi.useRealTimers();
});

const takeOne = (t: Backend, key = "k") => t.run((ctx) => take(ctx, key, LIMIT));
const rows = (t: Backend) => t.run((ctx) => ctx.db.query("rateLimits").collect());

describe("fixed-window counters", () => {
  it("admits `max` attempts, refuses the next without counting it, and admits again once the window ends", async () => {
    const t = newBackend();
    for (let i = 0; i < LIMIT.max; i++) expect(await takeOne(t)).toBeNull();
    vi.setSystemTime(START + 45_000);
    expect(await takeOne(t)).toEqual({ windowStart: START, retryAfterMs: 15_000 });
    expect(await takeOne(t)).toEqual({ windowStart: START, retryAfterMs: 15_000 });
    expect((await rows(t))[0]).toMatchObject({ key: "k", windowStart: START, count: LIMIT.max });
    vi.setSystemTime(START + LIMIT.windowMs);
    expect(await takeOne(t)).toBeNull();
    expect((await rows(t))[0]).toMatchObject({ windowStart: START + LIMIT.windowMs, count: 1 });
    expect(await takeOne(t, "other")).toBeNull();
  });

  it("counts against every check or none: a refusal by one leaves the others unchanged", async () => {
    const t = newBackend();
    const tight: Limit = { max: 1, windowMs: 60_000 };
    const checks = [
      { key: "wide", limit: LIMIT },
      { key: "tight", limit: tight },
    ];
    expect(await t.run((ctx) => takeAll(ctx, checks))).toBeNull();
    const refused = await t.run((ctx) => takeAll(ctx, checks));
    expect(refused?.check.key).toBe("tight");
    expect(Object.fromEntries((await rows(t)).map((row) => [row.key, row.count]))).toEqual({ wide: 1, tight: 1 });
  });

  it("gives back one attempt of the current window only, and clears", async () => {
    const t = newBackend();
    for (let i = 0; i < LIMIT.max; i++) await takeOne(t);
    await t.run((ctx) => refund(ctx, "k", LIMIT));
    expect(await takeOne(t)).toBeNull();
    expect(await takeOne(t)).not.toBeNull();
    vi.setSystemTime(START + LIMIT.windowMs);
    await t.run((ctx) => refund(ctx, "k", LIMIT));
    expect((await rows(t))[0]!.count).toBe(LIMIT.max);
    await t.run((ctx) => clear(ctx, "k"));
    expect(await rows(t)).toEqual([]);
  });

  it("says yes once per window start", async () => {
    const t = newBackend();
    expect(await t.run((ctx) => firstInWindow(ctx, "marker", START))).toBe(true);
    expect(await t.run((ctx) => firstInWindow(ctx, "marker", START))).toBe(false);
    expect(await t.run((ctx) => firstInWindow(ctx, "marker", START + 1))).toBe(true);
    expect(await rows(t)).toHaveLength(1);
  });

  it("purges rows whose window ended longer ago than the longest limit's window", async () => {
    const t = newBackend();
    await takeOne(t, "old");
    const longest = Math.max(...Object.values(LIMITS).map((limit) => limit.windowMs));
    vi.setSystemTime(START + longest);
    await takeOne(t, "recent");
    vi.setSystemTime(START + longest + 1);
    expect(await t.mutation(internal.engine.rateLimit.purgeExpired, {})).toBe(1);
    expect((await rows(t)).map((row) => row.key)).toEqual(["recent"]);
  });
});

describe("client IP keys", () => {
  it.each([
    ["203.0.113.9", "203.0.113.9"],
    [" 203.0.113.9 ", "203.0.113.9"],
    ["::ffff:203.0.113.9", "203.0.113.9"],
    ["2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64"],
    ["2001:DB8:1:2::1", "2001:db8:1:2::/64"],
    ["fe80::1%eth0", "fe80:0:0:0::/64"],
    ["", "unknown"],
    [null, "unknown"],
    ["not an address", "unknown"],
    ["1.2.3", "unknown"],
  ])("%s counts as %s", (ip, key) => {
    expect(ipKey(ip)).toBe(key);
  });
});
