/**
 * `npm run test:load` (and the "load" step of `npm test`): load and
 * durability against a real embedded backend on its own ports
 * (tools/load/stack.ts).
 *
 *   1. 16 SCIM clients provision users and groups (create, rename, look up,
 *      group, add members; one shared and one contested userName) while 20
 *      SSO sign-ins run through the demo IdP, all at once.
 *   2. Mid-load, once a third of the SCIM writes are acknowledged, the backend
 *      is killed with SIGKILL and restarted on the same data; the clients
 *      retry what got no answer.
 *   3. Checks: no 5xx; every acknowledged write is there (users with their
 *      last acknowledged name, group members, sessions of acknowledged
 *      sign-ins); no user lost or duplicated, in SCIM or in the app.
 *   4. Key rotation through `npm run keys:rotate`: a new key in front, rotate,
 *      the old key dropped — SSO still signs in (its client secret opens).
 *
 * It stops by itself (RUN_TIMEOUT_MS) and stops every child it started, on
 * failure too. Output of the children: test-results/load/. With
 * `--report <file>`, the checks' counts go there as JSON for `npm test`.
 */
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { ConvexHttpClient } from "convex/browser";
import { api } from "../../convex/_generated/api";
import { DEMO_CLIENT_ID } from "../demo-idp/dev-stack";
import { seedDemoSso } from "../demo-idp/seed";
import { DEMO_DOMAIN } from "../demo-idp/users";
import { readAdminKey } from "../dev/admin-key";
import { countUsers, readGroupMembers, readUser, runScimClient, type ScimClientResult, type ScimTarget } from "./scim-load";
import { sessionExists, ssoSignIn, type SignInAck } from "./sso-load";
import { convexUrl, encryptionKey, idpUrl, LOAD_PORTS, LoadStack, loadStackPaths, siteUrl } from "./stack";
import { traffic } from "./traffic";

const SCIM_CLIENTS = 16;
const USERS_PER_CLIENT = 4;
const SSO_SIGN_INS = 20;
/** Two people signing in ten times each, concurrently: the first sign-in of each provisions them, once. */
const SSO_PEOPLE = [`alice@${DEMO_DOMAIN}`, `bob@${DEMO_DOMAIN}`];
/** Each client's user writes: a create and two renames per user, plus the group's two. */
const SCIM_WRITES = SCIM_CLIENTS * (USERS_PER_CLIENT * 3 + 2);
const CRASH_AFTER_ACKS = Math.floor(SCIM_WRITES / 3);
/** The load phase, the crash included, must be over by then. */
const LOAD_PHASE_MS = 120_000;
const RUN_TIMEOUT_MS = 280_000;

const repoRoot = path.resolve(import.meta.dirname, "../..");

interface Check {
  name: string;
  ok: boolean;
  detail?: string;
}

const checks: Check[] = [];

function check(name: string, problems: string[], detail?: string): void {
  checks.push({ name, ok: problems.length === 0, detail: problems.length > 0 ? problems.slice(0, 5).join("; ") + (problems.length > 5 ? ` (+${problems.length - 5} more)` : "") : detail });
}

async function ownerClient(email: string, password: string): Promise<ConvexHttpClient> {
  const client = new ConvexHttpClient(convexUrl, { logger: false });
  const { tokens } = (await client.action(api.auth.signIn, { provider: "password", params: { flow: "signIn", email, password } })) as { tokens?: { token: string } | null };
  if (!tokens?.token) throw new Error(`${email} could not sign in with the demo password.`);
  client.setAuth(tokens.token);
  return client;
}

function errorsOf<T>(results: PromiseSettledResult<T>[]): string[] {
  return results.flatMap((result) => (result.status === "rejected" ? [String((result.reason as Error)?.message ?? result.reason)] : []));
}

function fulfilled<T>(results: PromiseSettledResult<T>[]): T[] {
  return results.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
}

async function run(stack: LoadStack): Promise<void> {
  const oldKey = encryptionKey("load1");
  await stack.start(oldKey);
  const adminKey = await readAdminKey(stack.adminKeyFile);
  if (!adminKey) throw new Error("The backend wrote no admin key.");
  const demo = await seedDemoSso(convexUrl, adminKey, { issuer: idpUrl, clientId: DEMO_CLIENT_ID, clientSecret: stack.idpClientSecret });
  let owner = await ownerClient(demo.ownerEmail, demo.ownerPassword);
  const groupId = (await owner.query(api.groups.active, {}))!.groupId;
  const connectionId = (await owner.query(api.auth.group.listConnections, { groupId })).find((connection) => connection.protocol === "oidc")!.connectionId;
  const { token } = await owner.mutation(api.auth.group.setScim, { connectionId });
  console.log(`Stack up: backend ${convexUrl} (site ${siteUrl}), demo IdP ${idpUrl}; SCIM on ${connectionId}.`);

  // 1–2. Load, with a crash once a third of the SCIM writes are acknowledged.
  const deadline = Date.now() + LOAD_PHASE_MS;
  let acks = 0;
  let crash: Promise<number> | undefined;
  const target: ScimTarget = {
    base: `${siteUrl}/scim/v2/${connectionId}`,
    token: token!,
    domain: DEMO_DOMAIN,
    deadline,
    onAck: () => {
      acks += 1;
      if (acks !== CRASH_AFTER_ACKS) return;
      crash = (async () => {
        const cutOff = traffic.inFlight;
        console.log(`SIGKILL to the backend after ${acks} acknowledged SCIM writes, ${cutOff} requests in flight; restarting it on the same data…`);
        await stack.crashBackend();
        await stack.startBackend();
        console.log("Backend back up.");
        return cutOff;
      })();
    },
  };
  const started = performance.now();
  const [scimResults, ssoResults] = await Promise.all([
    Promise.allSettled(Array.from({ length: SCIM_CLIENTS }, (_, client) => runScimClient(target, client, USERS_PER_CLIENT))),
    Promise.allSettled(Array.from({ length: SSO_SIGN_INS }, (_, index) => ssoSignIn(connectionId, SSO_PEOPLE[index % SSO_PEOPLE.length]!, deadline))),
  ]);
  const cutOff = crash ? await crash : 0;
  console.log(`Load phase: ${traffic.requests} requests in ${((performance.now() - started) / 1000).toFixed(1)} s, ${traffic.outages} cut off by the crash.`);

  const scim: ScimClientResult[] = fulfilled(scimResults);
  const signIns: SignInAck[] = fulfilled(ssoResults);
  check(`${SCIM_CLIENTS} SCIM clients and ${SSO_SIGN_INS} SSO sign-ins finished`, [...errorsOf(scimResults), ...errorsOf(ssoResults)]);
  check("the backend was killed (SIGKILL) mid-load, with requests in flight, and restarted", crash ? (cutOff > 0 ? [] : ["no request was in flight at the crash"]) : ["the crash never happened"], `${cutOff} requests cut off`);

  // 3. What the clients were told is what the database has.
  const lost: string[] = [];
  for (const user of scim.flatMap((result) => result.users)) {
    const now = await readUser(target, user.id);
    if (!now) lost.push(`${user.userName} (${user.id}) is gone`);
    else if (now.userName !== user.userName || ![user.displayName, ...user.unanswered].includes(now.displayName)) lost.push(`${user.userName} reads ${JSON.stringify(now)}, acknowledged as ${user.displayName}`);
  }
  check("every acknowledged SCIM user is there after the crash, with its last acknowledged name", lost, `${scim.flatMap((result) => result.users).length} users`);

  const missingMembers: string[] = [];
  for (const group of scim.flatMap((result) => (result.group ? [result.group] : []))) {
    const members = await readGroupMembers(target, group.id);
    if (!members) missingMembers.push(`${group.displayName} is gone`);
    else missingMembers.push(...group.members.filter((id) => !members.includes(id)).map((id) => `${group.displayName} lost member ${id}`));
  }
  check("every acknowledged group membership is there", missingMembers);

  const counted: string[] = [];
  const planned = Array.from({ length: SCIM_CLIENTS * USERS_PER_CLIENT }, (_, n) => `load-${Math.floor(n / USERS_PER_CLIENT)}-${n % USERS_PER_CLIENT}@${DEMO_DOMAIN}`);
  for (const userName of [...planned, `shared@${DEMO_DOMAIN}`, `contested@${DEMO_DOMAIN}`]) {
    const count = await countUsers(target, userName);
    if (count !== 1) counted.push(`${userName} exists ${count} times`);
  }
  const sharedIds = new Set(scim.map((result) => result.sharedId));
  if (sharedIds.size !== 1) counted.push(`the shared user got ${sharedIds.size} ids`);
  const contestWins = scim.filter((result) => result.contestedStatus === 201).length;
  if (contestWins !== 1) counted.push(`the contested userName was created ${contestWins} times`);
  owner = await ownerClient(demo.ownerEmail, demo.ownerPassword);
  const emails = (await owner.query(api.members.list, { groupId })).map((member) => member.email ?? "");
  for (const email of [...planned, `shared@${DEMO_DOMAIN}`, `contested@${DEMO_DOMAIN}`, ...SSO_PEOPLE]) {
    const count = emails.filter((candidate) => candidate === email).length;
    if (count !== 1) counted.push(`${email} is a member ${count} times`);
  }
  check("no user lost or duplicated, in the directory (SCIM) or in the app", counted, `${emails.length} members`);

  const gone = [];
  for (const signIn of signIns) if (!(await sessionExists(signIn.token))) gone.push(`${signIn.email}'s acknowledged session is gone`);
  check("every acknowledged SSO sign-in's session survives the crash", gone, `${signIns.length} sessions`);
  check("no 5xx responses", traffic.serverErrors, `${traffic.requests} requests`);

  // 4. Key rotation on the live deployment, then the old key dropped.
  await stack.stopBackend();
  const newKey = encryptionKey("load2");
  await stack.writeEnv(`${newKey},${oldKey}`);
  await stack.startBackend();
  const rotation = await rotateKeys(stack);
  await stack.stopBackend();
  await stack.writeEnv(newKey);
  await stack.startBackend();
  const afterRotation = await ssoSignIn(connectionId, SSO_PEOPLE[0]!, Date.now() + 30_000).then(
    () => [],
    (error: unknown) => [`SSO sign-in with only the new key: ${(error as Error).message}`],
  );
  check("npm run keys:rotate re-seals the IdP client secret, and SSO works with the old key dropped", [...rotation, ...afterRotation]);
}

/** `npm run keys:rotate` against the load stack's backend; returns what went wrong. */
async function rotateKeys(stack: LoadStack): Promise<string[]> {
  const env = {
    ...process.env,
    // The embedded backend, even where .env.local names a real deployment.
    CONVEX_DEPLOYMENT: "",
    CONVEX_SELF_HOSTED_URL: "",
    NEXT_PUBLIC_CONVEX_URL: convexUrl,
    CONVEX_LOCAL_PORT: String(LOAD_PORTS.convex),
    CONVEX_LOCAL_DATA_DIR: stack.paths.dataDir,
  };
  const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn(path.join(repoRoot, "node_modules/.bin/tsx"), ["tools/keys-rotate.ts"], { cwd: repoRoot, env, stdio: ["ignore", "pipe", "pipe"] });
    let text = "";
    child.stdout.on("data", (chunk: Buffer) => (text += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (text += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (exitCode) => resolve({ code: exitCode, output: text }));
  });
  console.log(output.trim().replace(/^/gm, "  keys:rotate │ "));
  if (code !== 0) return [`keys:rotate exited with ${code}`];
  return /Re-sealed: [1-9]/.test(output) ? [] : ["keys:rotate re-sealed nothing"];
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { report: { type: "string" } }, strict: true });
  const stack = new LoadStack(loadStackPaths(repoRoot));
  let stopping = false;
  const stopAndExit = (reason: string) => {
    if (stopping) return;
    stopping = true;
    console.error(reason);
    void stack.stop().finally(() => process.exit(1));
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => stopAndExit(`${signal}: stopping the load stack.`));
  process.on("uncaughtException", (error) => stopAndExit(`Unexpected error: ${error.stack ?? String(error)}`));
  process.on("exit", () => stack.killNow());
  const timeout = setTimeout(() => stopAndExit(`The load test did not finish within ${RUN_TIMEOUT_MS / 1000} s.`), RUN_TIMEOUT_MS);

  try {
    await run(stack);
  } catch (error) {
    checks.push({ name: "the load test ran to the end", ok: false, detail: (error as Error).stack ?? String(error) });
  } finally {
    clearTimeout(timeout);
    await stack.stop();
  }

  console.log("\nLoad and durability");
  for (const { name, ok, detail } of checks) console.log(`  ${ok ? "✔" : "✘"} ${name}${detail ? ` — ${detail}` : ""}`);
  const passed = checks.filter((item) => item.ok).length;
  const failed = checks.length - passed;
  if (values.report) writeFileSync(values.report, JSON.stringify({ passed, failed, checks }, null, 2));
  console.log(`load: ${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

// Exit even if a client left a keep-alive socket open: every child is stopped by now.
process.exit(await main());
