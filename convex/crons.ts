import { cronJobs } from "convex/server";
import { internal } from "./_generated/api";

const crons = cronJobs();

crons.interval("purge expired SSO state", { hours: 1 }, internal.engine.ssoCleanup.purgeExpired, {});

crons.interval("purge expired rate-limit windows", { hours: 1 }, internal.engine.rateLimit.purgeExpired, {});

crons.interval("refresh SAML metadata and warn about expiring certificates", { hours: 24 }, internal.engine.samlRefresh.refreshAll, {});

export default crons;
