import { describe, expect, it } from "vitest";
import { nextCronTime, nextDelay } from "./crons";

const at = (iso: string) => new Date(iso);

describe("cron schedules (UTC)", () => {
  it("finds the next matching minute for 5-field expressions", () => {
    expect(nextCronTime("*/15 * * * *", at("2026-11-23T04:07:30Z")).toISOString()).toBe("2026-11-23T04:15:00.000Z");
    expect(nextCronTime("0 9 * * 1-5", at("2026-11-21T10:00:00Z")).toISOString()).toBe("2026-11-23T09:00:00.000Z");
    expect(nextCronTime("30 2 1 * *", at("2026-11-23T00:00:00Z")).toISOString()).toBe("2026-12-01T02:30:00.000Z");
    expect(nextCronTime("0 0 29 2 *", at("2026-03-01T00:00:00Z")).toISOString()).toBe("2028-02-29T00:00:00.000Z");
    expect(nextCronTime("0 12 * * 7", at("2026-11-23T00:00:00Z")).getUTCDay()).toBe(0);
  });

  it("never returns the current minute", () => {
    expect(nextCronTime("* * * * *", at("2026-11-23T04:07:00Z")).toISOString()).toBe("2026-11-23T04:08:00.000Z");
  });

  it("rejects malformed expressions", () => {
    expect(() => nextCronTime("* * * *", new Date())).toThrow(/5 fields/);
    expect(() => nextCronTime("61 * * * *", new Date())).toThrow(/Invalid cron field/);
    expect(() => nextCronTime("*/0 * * * *", new Date())).toThrow(/Invalid cron field/);
  });

  it("turns Convex's schedule helpers into delays", () => {
    const now = at("2026-11-23T04:07:00Z");
    expect(nextDelay({ type: "interval", minutes: 5 }, now)).toBe(300_000);
    expect(nextDelay({ type: "hourly", minuteUTC: 30 }, now)).toBe(23 * 60_000);
    expect(nextDelay({ type: "daily", hourUTC: 4, minuteUTC: 7 }, now)).toBe(24 * 3600_000);
    expect(nextDelay({ type: "weekly", dayOfWeek: "tuesday", hourUTC: 0 }, now)).toBe((19 * 60 + 53) * 60_000);
    expect(nextDelay({ type: "monthly", day: 1, hourUTC: 0 }, now)).toBe(at("2026-12-01T00:00:00Z").getTime() - now.getTime());
  });
});
