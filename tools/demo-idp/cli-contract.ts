/**
 * How `npm run dev` (dev-stack.ts) talks to the demo IdP's CLI (main.ts): the
 * settings go in through the environment, and one line on stdout says it is ready.
 */
export const DEMO_IDP_ENV = {
  port: "DEMO_IDP_PORT",
  clientId: "DEMO_IDP_CLIENT_ID",
  clientSecret: "DEMO_IDP_CLIENT_SECRET",
  redirectUri: "DEMO_IDP_REDIRECT_URI",
  /** The SAML IdP answers only AssertionConsumerService URLs under this (saml-idp.ts). */
  samlAcsUrlPrefix: "DEMO_IDP_SAML_ACS_URL_PREFIX",
} as const;

/**
 * In full `Demo OIDC IdP: http://127.0.0.1:<port> (users: …); SAML metadata: http://127.0.0.1:<port>/saml/metadata (users: …)`,
 * printed once the IdP serves requests.
 */
export const READY_LINE_PREFIX = "Demo OIDC IdP: ";
