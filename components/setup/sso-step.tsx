import type { SetupOverview } from "./setup-wizard";
import { OidcSetup } from "./oidc-setup";
import { SamlSetup } from "./saml-setup";

/** Single sign-on, in the connection's protocol (chosen by the organization's admin when they created it). */
export function SsoStep({ token, setup }: { token: string; setup: SetupOverview }) {
  return setup.protocol === "saml" ? <SamlSetup token={token} connectionId={setup.connectionId} /> : <OidcSetup token={token} connectionId={setup.connectionId} />;
}
