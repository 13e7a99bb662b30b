import { internalMutation } from "../_generated/server";

/**
 * Deletes spent SSO state: sign-in states an hour past their expiry (kept
 * that long so a late replay is still reported as a replay), expired
 * hand-off codes, SAML assertion IDs once their assertion has expired (a
 * replay would fail the time check by then), and test sign-ins after 30 days. Bounded per run; the
 * cron comes back for the rest.
 */
const BATCH = 500;
const STATE_GRACE_MS = 60 * 60 * 1000;
const TEST_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

export const purgeExpired = internalMutation({
  args: {},
  handler: async (ctx) => {
    const now = Date.now();
    const states = await ctx.db
      .query("ssoStates")
      .withIndex("by_expiresTime", (q) => q.lt("expiresTime", now - STATE_GRACE_MS))
      .take(BATCH);
    const codes = await ctx.db
      .query("ssoCodes")
      .withIndex("by_expiresTime", (q) => q.lt("expiresTime", now))
      .take(BATCH);
    const assertions = await ctx.db
      .query("samlAssertions")
      .withIndex("by_expiresTime", (q) => q.lt("expiresTime", now))
      .take(BATCH);
    const tests = await ctx.db
      .query("ssoTests")
      .withIndex("by_creation_time", (q) => q.lt("_creationTime", now - TEST_RETENTION_MS))
      .take(BATCH);
    for (const row of [...states, ...codes, ...assertions, ...tests]) await ctx.db.delete(row._id);
    return { states: states.length, codes: codes.length, assertions: assertions.length, tests: tests.length };
  },
});
