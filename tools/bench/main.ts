import { loadConvexTest } from "../embedded-convex/engine/internals";

/**
 * `npm run bench`: see tools/bench/run.ts. convex-test is loaded here first,
 * with the exports the read meter needs, before any module imports it.
 */
await loadConvexTest();
const { runBench } = await import("./run");
// Exit now: timers the app's functions scheduled (cleanups minutes ahead) would otherwise keep the process alive.
process.exit(await runBench(process.argv.slice(2)));
