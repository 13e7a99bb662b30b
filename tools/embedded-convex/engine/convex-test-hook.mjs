// Node module-loader hook (see `module.register`). convex-test keeps the
// database, the scheduler and its AsyncLocalStorage contexts private; the
// embedded backend needs them to persist data, observe commits and attribute
// logs. This hook appends one export statement to convex-test's entry module
// and changes nothing else. `internals.ts` checks the pinned version.
const ENTRY = /\/node_modules\/convex-test\/dist\/index\.js$/;

const EXPOSED = [
  "convexGlobalStorage",
  "executionContextStorage",
  "requestMetadataStorage",
  "DatabaseFake",
  "runScheduledFunction",
];

export async function load(url, context, nextLoad) {
  const result = await nextLoad(url, context);
  if (!ENTRY.test(url)) return result;
  const source = typeof result.source === "string" ? result.source : Buffer.from(result.source).toString("utf8");
  const names = EXPOSED.map((name) => `${name} as __embedded_${name}`).join(", ");
  return { ...result, source: `${source}\nexport { ${names} };\n` };
}
