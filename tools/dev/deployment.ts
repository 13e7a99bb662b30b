/**
 * Which Convex backend `npm run dev` should use: a real (cloud or self-hosted)
 * deployment once the developer has configured one, otherwise the embedded
 * backend that ships with the repo, so a fresh clone works offline.
 */
export type Deployment = { kind: "embedded" } | { kind: "real"; reason: string };

/**
 * @param processEnv the environment `npm run dev` was started with
 * @param envLocal the values in `.env.local` (written by `npx convex dev`)
 *
 * A variable present in the process environment wins over `.env.local`, even
 * when it is empty: that is how Next.js loads env files too, and it lets
 * Playwright force the embedded backend (`CONVEX_DEPLOYMENT=""` …) on a
 * machine whose `.env.local` points to a real deployment.
 */
export function detectDeployment(
  processEnv: Record<string, string | undefined>,
  envLocal: Record<string, string>,
): Deployment {
  // A self-hosted backend counts even on localhost: it would also hold ports 3210/3211.
  for (const name of ["CONVEX_DEPLOYMENT", "CONVEX_SELF_HOSTED_URL"]) {
    const { value, source } = lookup(name, processEnv, envLocal);
    if (value) return { kind: "real", reason: `${name} is set (${source})` };
  }
  const url = lookup("NEXT_PUBLIC_CONVEX_URL", processEnv, envLocal);
  if (url.value && !isLocalUrl(url.value, url.source)) {
    return { kind: "real", reason: `NEXT_PUBLIC_CONVEX_URL points to ${url.value} (${url.source})` };
  }
  return { kind: "embedded" };
}

function lookup(
  name: string,
  processEnv: Record<string, string | undefined>,
  envLocal: Record<string, string>,
): { value: string | undefined; source: string } {
  if (name in processEnv) return { value: processEnv[name], source: "environment" };
  return { value: envLocal[name], source: ".env.local" };
}

function isLocalUrl(value: string, source: string): boolean {
  let hostname: string;
  try {
    hostname = new URL(value).hostname;
  } catch {
    throw new Error(`NEXT_PUBLIC_CONVEX_URL (${source}) is not a valid URL: "${value}".`);
  }
  return hostname === "localhost" || hostname === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}
