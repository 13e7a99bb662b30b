import { cronJobs } from "convex/server";
import { internal } from "./_generated/api";

const crons = cronJobs();

crons.interval("purge expired SSO state", { hours: 1 }, internal.engine.ssoCleanup.purgeExpired, {});

export default crons;
