import { SAML, ValidateInResponseTo } from "@node-saml/node-saml";
import { api } from "../../../convex/_generated/api";
import { startDemoSamlIdp, type StandaloneDemoSamlIdp } from "../../demo-idp/saml-idp";
import { SAML_DEMO_DOMAIN, SAML_DEMO_USERS } from "../../demo-idp/users";
import { CONVEX_SITE_URL, type Backend } from "../../testing/convex";
import { loginAtDemoSamlIdp } from "../../testing/saml-login";
import { measure, type Measurement } from "../measure";
import { activate, tenant, type Tenant } from "../tenants";
import { pathOf, redirectOf, ssoLanding } from "./sso";

/**
 * The SAML ACS against a real SAML IdP (auth0's `samlp`, tools/demo-idp), as
 * convex/engine/samlFlow.test.ts drives it: the start route's AuthnRequest,
 * the IdP's sign-in page, then the measured part — the POST to the ACS
 * (every check convex/engine/samlResponse.ts makes, replay and InResponseTo,
 * provisioning, hand-off code). Its floor is node-saml's own validation of
 * the same response with the same settings.
 */
const USER = SAML_DEMO_USERS[0]!;

export async function startSamlIdp(): Promise<StandaloneDemoSamlIdp> {
  return await startDemoSamlIdp({ port: 0, acsUrlPrefix: `${CONVEX_SITE_URL}/api/auth/saml/` });
}

export interface SamlTenant extends Tenant {
  acsUrl: string;
  entityId: string;
}

export async function samlTenant(t: Backend, idp: StandaloneDemoSamlIdp): Promise<SamlTenant> {
  const initech = await tenant(t, { owner: `owner@${SAML_DEMO_DOMAIN}`, group: "Initech", protocol: "saml", domains: [SAML_DEMO_DOMAIN] });
  await initech.owner.client.action(api.auth.group.setSaml, { connectionId: initech.connectionId, metadata: { url: idp.metadataUrl } });
  await activate(initech.owner, initech.connectionId);
  const status = await initech.owner.client.query(api.auth.group.getSamlStatus, { connectionId: initech.connectionId });
  return { ...initech, acsUrl: status.acsUrl, entityId: status.entityId };
}

export async function measureSamlAcs(t: Backend, idp: StandaloneDemoSamlIdp, sp: SamlTenant, { samples, floor }: { samples: number; floor: boolean }): Promise<Measurement> {
  return await measure({
    samples,
    prepare: async () => {
      const route = (await t.query(api.auth.group.signIn, { email: USER.email }))!;
      return await loginAtDemoSamlIdp(redirectOf(await t.fetch(pathOf(route.signInUrl))), USER.email);
    },
    floor: floor ? (post) => bareValidation(idp, sp, post.SAMLResponse) : undefined,
    operation: async (post) => {
      const body = new URLSearchParams({ SAMLResponse: post.SAMLResponse, ...(post.RelayState === undefined ? {} : { RelayState: post.RelayState }) });
      return ssoLanding(await t.fetch(pathOf(post.acsUrl), { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: body.toString() }));
    },
    check: (landing) => landing.expectSignedIn("SAML ACS"),
  });
}

/** node-saml alone, configured as the ACS configures it (convex/engine/samlResponse.ts) for the connection's defaults. */
async function bareValidation(idp: StandaloneDemoSamlIdp, sp: SamlTenant, samlResponse: string): Promise<void> {
  const saml = new SAML({
    idpCert: idp.certificates(),
    issuer: sp.entityId,
    audience: sp.entityId,
    callbackUrl: sp.acsUrl,
    idpIssuer: idp.entityId,
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: false,
    acceptedClockSkewMs: 60_000,
    validateInResponseTo: ValidateInResponseTo.never,
  });
  const { profile } = await saml.validatePostResponseAsync({ SAMLResponse: samlResponse });
  if (profile?.nameID !== USER.email) throw new Error("node-saml did not validate the response.");
}
