import { api } from "../../../convex/_generated/api";
import type { DemoOidcIdp } from "../../demo-idp/oidc-idp";
import type { StandaloneDemoSamlIdp } from "../../demo-idp/saml-idp";
import { DEMO_DOMAIN } from "../../demo-idp/users";
import { benchBackend } from "../backend";
import { measure } from "../measure";
import type { Report } from "../report";
import { seedTenants } from "../tenants";
import { measureOidcCallback, oidcTenant } from "./oidc";
import { measureSamlAcs, samlTenant } from "./saml";

/**
 * The sign-in hot paths at a number of tenants: `signIn` resolution by email
 * domain, the OIDC callback, the SAML ACS, and the console's connection list
 * and status. Every other tenant is a group with an active connection and a
 * verified domain, so each lookup has that many rivals in its index.
 */
const g = api.auth.group;
/** Signs in through the demo OIDC IdP. */
const EMAIL = `bob@${DEMO_DOMAIN}`;
/** The Acme group's other connections, so the console's list has more than one row. */
const EXTRA_CONNECTIONS = 2;

export interface ConnectionSuiteOptions {
  tenants: number;
  samples: number;
  ssoSamples: number;
  /** Time the bare-library floors alongside (at the smallest scale, where the dev engine adds least). */
  floors: boolean;
  oidcIdp: DemoOidcIdp;
  samlIdp: StandaloneDemoSamlIdp;
}

export async function connectionSuite(report: Report, options: ConnectionSuiteOptions): Promise<void> {
  const { t } = await benchBackend();
  const acme = await oidcTenant(t, options.oidcIdp);
  for (let index = 0; index < EXTRA_CONNECTIONS; index++) {
    const connectionId = await acme.owner.client.mutation(g.createConnection, { groupId: acme.groupId, protocol: "saml", name: `Acme ${index}` });
    await acme.owner.client.mutation(g.setDomains, { connectionId, domains: [`acme-${index}.test`] });
  }
  const initech = await samlTenant(t, options.samlIdp);
  await seedTenants(t, options.tenants);
  const scale = `${options.tenants.toLocaleString("en-US")} connections`;
  const suite = "sign-in";
  const row = (operation: string, measurement: Awaited<ReturnType<typeof measure>>) =>
    report.operation({ suite, operation, scale, usage: measurement.usage, maxUsage: measurement.maxUsage, medianMs: measurement.medianMs, samples: measurement.samples });

  const signIn = row(
    "signIn (email domain → route)",
    await measure({
      samples: options.samples,
      prepare: async () => undefined,
      operation: () => t.query(g.signIn, { email: EMAIL }),
      check: (route) => {
        if (route?.connectionId !== acme.connectionId) throw new Error("signIn did not resolve acme.test to its connection.");
      },
    }),
  );
  report.readBudget("signIn resolution ≤ 3 reads", signIn, 3);

  row(
    "listConnections",
    await measure({
      samples: options.samples,
      prepare: async () => undefined,
      operation: () => acme.owner.client.query(g.listConnections, { groupId: acme.groupId }),
      check: (rows) => {
        if (rows.length !== EXTRA_CONNECTIONS + 1) throw new Error(`listConnections returned ${rows.length} rows.`);
      },
    }),
  );
  row(
    "getConnectionStatus",
    await measure({
      samples: options.samples,
      prepare: async () => undefined,
      operation: () => acme.owner.client.query(g.getConnectionStatus, { id: acme.connectionId }),
      check: (status) => {
        if (!status.ready) throw new Error("getConnectionStatus says the active connection is not ready.");
      },
    }),
  );

  const oidc = await measureOidcCallback(t, options.oidcIdp, { samples: options.ssoSamples, floor: options.floors });
  row("OIDC callback (code → session hand-off)", oidc.callback);
  if (oidc.floorMs !== undefined) {
    report.ratio({ name: "OIDC callback", operationMs: oidc.callback.medianMs, floorMs: oidc.floorMs, floor: "token exchange + jose jwtVerify", limit: 1.5 });
    report.notes.push(
      "OIDC callback vs its floor: besides the floor's token exchange and ID-token check, the callback spends the single-use state and provisions the user in two transactions (" +
        `${oidc.callback.usage.documentsRead} reads, ${oidc.callback.usage.documentsWritten} writes) and downloads the IdP's JWKS on every sign-in (the floor's jose key set is fetched once).`,
    );
  }
  const acs = await measureSamlAcs(t, options.samlIdp, initech, { samples: options.ssoSamples, floor: options.floors });
  row("SAML ACS (POST → session hand-off)", acs);
  if (acs.floorMs !== undefined) {
    report.ratio({ name: "SAML ACS", operationMs: acs.medianMs, floorMs: acs.floorMs, floor: "node-saml validatePostResponse", limit: 1.5 });
  }
}
