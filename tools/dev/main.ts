/**
 * `npm run dev`: starts Next.js together with a Convex backend — the developer's
 * own deployment once one is configured, otherwise the embedded backend that
 * ships with the repo — and stops them together.
 */
import path from "node:path";
import { startDemoIdpChild, type DemoIdpClient } from "../demo-idp/dev-stack";
import { seedDemoSso } from "../demo-idp/seed";
import { startDevDnsChild, withDevDns } from "../dev-dns/dev-stack";
import { adminKeyPath, readAdminKey, withAdminKey } from "./admin-key";
import { detectDeployment } from "./deployment";
import { startEmbeddedBackend } from "./embedded-backend";
import { readEnvFile } from "./env-file";
import { say, sayError } from "./output";
import { findBusyPorts, waitUntilListening } from "./ports";
import { describeExit, Supervisor } from "./processes";
import { ensureDevSecrets } from "./secrets";
import { readDevSettings, type DevSettings } from "./settings";

const repoRoot = path.resolve(import.meta.dirname, "../..");
const bin = (name: string) => path.join(repoRoot, "node_modules/.bin", name);

const supervisor = new Supervisor((child, exit) => {
  fail(`${child.name} exited unexpectedly (${describeExit(exit)}); stopping everything.`);
});
let shuttingDown: Promise<void> | undefined;

function stopEverything(exitCode: number, signal: NodeJS.Signals): void {
  shuttingDown ??= supervisor.stopAll(signal).then(() => process.exit(exitCode));
}

function fail(message: string): void {
  // Once we are stopping, children exiting and startup being cut short are expected.
  if (shuttingDown) return;
  sayError(message);
  stopEverything(1, "SIGTERM");
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (!shuttingDown) say(`Received ${signal}, stopping…`);
    // The children get the same signal: the backend flushes its data on either.
    stopEverything(0, signal);
  });
}
process.on("exit", () => supervisor.killAllNow());

async function main(): Promise<void> {
  const settings = readDevSettings(process.env);
  const envLocal = await readEnvFile(path.join(repoRoot, ".env.local"));
  const deployment = detectDeployment(process.env, envLocal.values);

  if (deployment.kind === "real") {
    say(`Using your Convex deployment: ${deployment.reason}.`);
    say(`If "npx convex dev" needs to ask you something (login, project), run it once on its own.`);
    await assertPortsFree([settings.devPort]);
    supervisor.start({ name: "convex", command: bin("convex"), args: ["dev"], cwd: repoRoot });
    // The dev outbox (/dev/outbox) and dev DNS (/dev/dns) are for the embedded backend only.
    await startNext(settings, withDevDns(withAdminKey(process.env, undefined), undefined));
  } else {
    say("No Convex deployment configured: using the embedded Convex backend.");
    const devDnsServer = `127.0.0.1:${settings.dnsPort}`;
    const added = await ensureDevSecrets(
      path.join(repoRoot, settings.envFile),
      `http://localhost:${settings.devPort}`,
      { dnsServers: devDnsServer },
    );
    if (added.length > 0) say(`Generated ${added.join(", ")} in ${settings.envFile}.`);
    // Written once, so it goes stale when DEV_DNS_PORT changes (e.g. to dodge another program on its port).
    const { DNS_SERVERS } = (await readEnvFile(path.join(repoRoot, settings.envFile))).values;
    if (DNS_SERVERS !== devDnsServer) {
      say(
        `Note: DNS_SERVERS in ${settings.envFile} is "${DNS_SERVERS}", not the dev DNS server (${devDnsServer}), ` +
          `so domain verification will not see the records published at /dev/dns. Change or remove that line to use it.`,
      );
    }
    await assertPortsFree([settings.devPort, settings.convexPort, settings.convexSitePort, settings.demoIdpPort]);
    // Before the backend, whose functions (domain verification) look TXT records up in it.
    const dnsRecordsFile = path.resolve(repoRoot, settings.dnsRecordsFile);
    await startDevDnsChild(supervisor, repoRoot, { port: settings.dnsPort, recordsFile: dnsRecordsFile, reset: settings.reset });
    // Before the backend too, so that the demo group's connection works as soon as it is seeded.
    const demoIdp = await startDemoIdpChild(supervisor, repoRoot, {
      port: settings.demoIdpPort,
      redirectUri: `http://127.0.0.1:${settings.convexSitePort}/api/auth/sso/callback`,
    });
    await startEmbeddedBackend(supervisor, repoRoot, settings);
    // The backend has written its admin key by the time it is ready; /dev/outbox reads mail with it.
    const keyFile = adminKeyPath(repoRoot, settings.dataDir);
    const adminKey = await readAdminKey(keyFile);
    if (!adminKey) say(`No admin key in ${path.relative(repoRoot, keyFile)}: /dev/outbox will not be able to show mail.`);
    await setUpDemoSso(settings, adminKey, demoIdp);
    await startNext(
      settings,
      withDevDns(
        withAdminKey(
          {
            ...process.env,
            NEXT_PUBLIC_CONVEX_URL: `http://127.0.0.1:${settings.convexPort}`,
            NEXT_PUBLIC_CONVEX_SITE_URL: `http://127.0.0.1:${settings.convexSitePort}`,
          },
          adminKey,
        ),
        // /dev/dns publishes records by editing the file the dev DNS server serves.
        { recordsFile: dnsRecordsFile, port: settings.dnsPort },
      ),
    );
  }
}

/**
 * Points the demo group's SSO connection at this run's demo IdP (its client
 * secret is new on every run). A convenience only: if it fails, say why and
 * carry on with the stack.
 */
async function setUpDemoSso(settings: DevSettings, adminKey: string | undefined, demoIdp: DemoIdpClient): Promise<void> {
  if (!adminKey) {
    say("Demo SSO set-up skipped: the backend has no admin key.");
    return;
  }
  try {
    const demo = await seedDemoSso(`http://127.0.0.1:${settings.convexPort}`, adminKey, demoIdp);
    say(
      `Demo SSO: sign in at http://localhost:${settings.devPort}/sign-in with bob@acme.test (OpenID Connect, ` +
        `group "${demo.groupName}") or frank@initech.test (SAML, group "${demo.samlGroupName}"), or as the demo groups' ` +
        `owner ${demo.ownerEmail} / ${demo.ownerPassword} to see their consoles.`,
    );
  } catch (error) {
    say(`Demo SSO set-up skipped: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function assertPortsFree(ports: number[]): Promise<void> {
  const busy = await findBusyPorts(ports);
  if (busy.length > 0) {
    throw new Error(
      busy.map((port) => `Port ${port} is already in use (is another "npm run dev" running?)`).join("\n"),
    );
  }
}

async function startNext(settings: DevSettings, env: NodeJS.ProcessEnv): Promise<void> {
  const next = supervisor.start({
    name: "next",
    command: bin("next"),
    args: ["dev", "--hostname", "127.0.0.1", "--port", String(settings.devPort)],
    cwd: repoRoot,
    env,
  });
  if (await waitUntilListening(settings.devPort, () => !next.hasExited && !shuttingDown)) {
    announce(`http://localhost:${settings.devPort}`);
  }
}

function announce(url: string): void {
  const text = `Ready: open ${url}`;
  const rule = "─".repeat(text.length + 4);
  say(`\n╭${rule}╮\n│  ${text}  │\n╰${rule}╯\n`);
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
