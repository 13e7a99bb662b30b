import { describe, expect, test } from "vitest";
import { formatRelativeTime } from "./relative-time";

const now = Date.UTC(2025, 0, 15, 12, 0, 0);
const minute = 60 * 1000;

describe("formatRelativeTime", () => {
  test.each([
    { elapsed: 0, expected: "just now" },
    { elapsed: 59 * 1000, expected: "just now" },
    { elapsed: minute, expected: "1 minute ago" },
    { elapsed: 5 * minute, expected: "5 minutes ago" },
    { elapsed: 90 * minute, expected: "1 hour ago" },
    { elapsed: 24 * 60 * minute, expected: "yesterday" },
    { elapsed: 3 * 24 * 60 * minute, expected: "3 days ago" },
  ])("formats $elapsed ms ago as '$expected'", ({ elapsed, expected }) => {
    expect(formatRelativeTime(now - elapsed, now)).toBe(expected);
  });

  test("treats timestamps slightly in the future (clock skew) as just now", () => {
    expect(formatRelativeTime(now + 5000, now)).toBe("just now");
  });
});
