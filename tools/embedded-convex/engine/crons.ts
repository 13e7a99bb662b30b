import type { CronJob, CronSchedule } from "./app-modules";

/**
 * Runs the jobs in `convex/crons.ts` (convex-test does not). Calendar
 * schedules are evaluated in UTC, like on a deployment.
 */
const DAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

/** Milliseconds from `now` until the job's next run. */
export function nextDelay(schedule: CronSchedule, now: Date): number {
  if (schedule.type === "interval") {
    const seconds = schedule.seconds ?? (schedule.minutes ?? 0) * 60 + (schedule.hours ?? 0) * 3600;
    return Math.max(1, seconds) * 1000;
  }
  return nextCronTime(cronExpression(schedule), now).getTime() - now.getTime();
}

function cronExpression(schedule: Exclude<CronSchedule, { type: "interval" }>): string {
  switch (schedule.type) {
    case "hourly":
      return `${schedule.minuteUTC ?? 0} * * * *`;
    case "daily":
      return `${schedule.minuteUTC ?? 0} ${schedule.hourUTC} * * *`;
    case "weekly":
      return `${schedule.minuteUTC ?? 0} ${schedule.hourUTC} * * ${DAYS.indexOf(schedule.dayOfWeek.toLowerCase())}`;
    case "monthly":
      return `${schedule.minuteUTC ?? 0} ${schedule.hourUTC} ${schedule.day} * *`;
    case "cron":
      return schedule.cron;
  }
}

const FIELD_RANGES: Array<[min: number, max: number]> = [
  [0, 59], // minute
  [0, 23], // hour
  [1, 31], // day of month
  [1, 12], // month
  [0, 7], // day of week (0 and 7 are Sunday)
];

function parseField(field: string, [min, max]: [number, number]): Set<number> {
  const values = new Set<number>();
  for (const part of field.split(",")) {
    const [range = "", stepText] = part.split("/");
    const step = stepText === undefined ? 1 : Number(stepText);
    const [from, to] =
      range === "*" ? [min, max] : range.includes("-") ? range.split("-").map(Number) : [Number(range), stepText ? max : Number(range)];
    if (![from, to, step].every(Number.isInteger) || from! < min || to! > max || from! > to! || step < 1) {
      throw new Error(`Invalid cron field "${field}"`);
    }
    for (let value = from!; value <= to!; value += step) values.add(value);
  }
  return values;
}

/** The first minute strictly after `after` that matches the 5-field expression. */
export function nextCronTime(expression: string, after: Date): Date {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) throw new Error(`Invalid cron expression "${expression}": expected 5 fields`);
  const [minutes, hours, days, months, weekdays] = fields.map((field, i) => parseField(field, FIELD_RANGES[i]!));
  if (weekdays!.has(7)) weekdays!.add(0);
  // Classic cron: when both day fields are restricted, either may match.
  const dayRestricted = fields[2] !== "*";
  const weekdayRestricted = fields[4] !== "*";
  const time = new Date(after.getTime());
  time.setUTCSeconds(0, 0);
  time.setUTCMinutes(time.getUTCMinutes() + 1);
  const limit = after.getTime() + 5 * 366 * 24 * 3600 * 1000;
  while (time.getTime() <= limit) {
    const dayMatch = days!.has(time.getUTCDate());
    const weekdayMatch = weekdays!.has(time.getUTCDay());
    const dayOk =
      dayRestricted && weekdayRestricted ? dayMatch || weekdayMatch : dayRestricted ? dayMatch : weekdayRestricted ? weekdayMatch : true;
    if (!months!.has(time.getUTCMonth() + 1) || !dayOk) {
      time.setUTCDate(time.getUTCDate() + 1);
      time.setUTCHours(0, 0);
    } else if (!hours!.has(time.getUTCHours())) {
      time.setUTCHours(time.getUTCHours() + 1, 0);
    } else if (!minutes!.has(time.getUTCMinutes())) {
      time.setUTCMinutes(time.getUTCMinutes() + 1);
    } else {
      return time;
    }
  }
  throw new Error(`Cron expression "${expression}" never matches`);
}

/** Arms a timer per job; returns a function that disarms them all. */
export function startCrons(jobs: Record<string, CronJob>, run: (job: CronJob) => Promise<void>): () => void {
  const timers = new Map<string, NodeJS.Timeout>();
  let stopped = false;
  const arm = (id: string, job: CronJob) => {
    const delay = Math.min(nextDelay(job.schedule, new Date()), 2 ** 31 - 1);
    timers.set(
      id,
      setTimeout(() => {
        void run(job).finally(() => {
          if (!stopped) arm(id, job);
        });
      }, delay),
    );
  };
  for (const [id, job] of Object.entries(jobs)) arm(id, job);
  return () => {
    stopped = true;
    for (const timer of timers.values()) clearTimeout(timer);
  };
}
