import type { ProviderTemplate } from "@/components/sso/provider-picker";

/**
 * How to point each identity provider's provisioning at this connection's
 * SCIM endpoint: what its admin console calls the base URL and the token,
 * which of its attributes becomes `userName` (our unique identifier: the
 * person's email), and the steps, in order. Pure data for the instructions
 * card; nothing about the pick is stored.
 */
export type ScimProviderId = "entra" | "okta" | "google" | "onelogin" | "jumpcloud" | "generic";

/** A provider as the picker shows it (name, one line, steps, a caveat), and what its console calls our values. */
export type ScimInstructions = ProviderTemplate<ScimProviderId> & {
  /** The names of the provider's fields for what we hand over. */
  terms: {
    /** Where the base URL goes, e.g. Entra's "Tenant URL". */
    baseUrl: string;
    /** Where the bearer token goes, e.g. Entra's "Secret Token". */
    token: string;
  };
  /** Which of the provider's attributes to send as `userName`, our unique identifier: it must be the person's email. */
  userName: string;
};

/** The SCIM attribute that identifies a person here; the provider must fill it with their email. */
export const SCIM_IDENTIFIER = "userName";

export const SCIM_INSTRUCTIONS: readonly ScimInstructions[] = [
  {
    id: "entra",
    name: "Microsoft Entra ID",
    description: "Formerly Azure AD",
    terms: { baseUrl: "Tenant URL", token: "Secret Token" },
    userName: "userPrincipalName (or mail, where the two differ)",
    steps: [
      "In the Microsoft Entra admin center, open Identity › Applications › Enterprise applications and pick the app you use for sign-in (or create a non-gallery one).",
      "Open Provisioning, choose Connect your application (or Get started) and set Provisioning Mode to Automatic.",
      "Under Admin Credentials, paste the base URL as the Tenant URL and the token as the Secret Token, then choose Test Connection.",
      "Under Mappings › Provision Microsoft Entra ID Users, keep userName as the matching attribute and map it to userPrincipalName, or to mail if your UPNs are not email addresses.",
      "Under Settings, set Scope to Sync only assigned users and groups, assign people under Users and groups, then turn Provisioning Status on and save.",
    ],
    note: "Entra provisions in cycles of about 40 minutes. To try one person at once, use Provision on demand.",
  },
  {
    id: "okta",
    name: "Okta",
    description: "Workforce Identity Cloud",
    terms: { baseUrl: "SCIM connector base URL", token: "Bearer token (HTTP Header)" },
    userName: "the Okta username, which is the person's email by default",
    steps: [
      "In the Okta Admin Console, open your app integration under Applications › Applications. On its General tab, under App Settings, set Provisioning to SCIM and save.",
      "On the Provisioning tab, under Integration, paste the base URL as the SCIM connector base URL and enter userName as the Unique identifier field for users.",
      "Check Push New Users, Push Profile Updates and Push Groups; set Authentication Mode to HTTP Header and paste the token as the Bearer token.",
      "Choose Test Connector Configuration, then save.",
      "Under Provisioning › To App, enable Create Users, Update User Attributes and Deactivate Users. Assign people and push groups on the Assignments and Push Groups tabs.",
    ],
  },
  {
    id: "google",
    name: "Google Workspace",
    description: "Auto-provisioning, for catalog apps",
    terms: { baseUrl: "Endpoint URL", token: "Access token" },
    userName: "the primary email",
    steps: [
      "In the Google Admin console, open Apps › Web and mobile apps and pick the SAML app you use for sign-in.",
      "If it has an Auto-provisioning section, choose Configure auto-provisioning.",
      "Paste the token as the Access token and the base URL as the Endpoint URL.",
      "Keep the primary email mapped to userName, pick the groups or organizational units to provision, and choose what happens to suspended and deleted users.",
      "Finish and turn auto-provisioning on.",
    ],
    note: "Google Workspace offers auto-provisioning only for apps from its own catalog: a custom SAML app has no Auto-provisioning section. Without it, people are created when they first sign in (if the policy allows), and you remove them by hand.",
  },
  {
    id: "onelogin",
    name: "OneLogin",
    description: "SCIM Provisioner with SAML",
    terms: { baseUrl: "SCIM Base URL", token: "SCIM Bearer Token" },
    userName: "Email (the SCIM Username parameter)",
    steps: [
      "In OneLogin, open Applications › Applications, choose Add App and pick SCIM Provisioner with SAML (SCIM v2 Enterprise).",
      "On the Configuration tab, paste the base URL as the SCIM Base URL and the token as the SCIM Bearer Token, then set API Status to Enable.",
      "On the Parameters tab, set SCIM Username to Email.",
      "On the Provisioning tab, check Enable provisioning; for deleted and suspended users, pick Delete or Suspend.",
      "Give people access under Users or Roles, then save.",
    ],
  },
  {
    id: "jumpcloud",
    name: "JumpCloud",
    description: "Custom SCIM identity management",
    terms: { baseUrl: "Base URL", token: "Token Key" },
    userName: "the user's email",
    steps: [
      "In the JumpCloud Admin Portal, open SSO Applications and pick the SAML application you use for sign-in.",
      "On its Identity Management tab, choose SCIM 2.0, paste the base URL as the Base URL and the token as the Token Key.",
      "As the Test User Email, enter the email of someone on your verified domain, then choose Test Connection and Activate.",
      "Check Enable management of User Groups and Group Membership to send groups too, then save.",
      "Bind the user groups to provision on the User Groups tab.",
    ],
    note: "Test Connection creates a test user and group and deletes them again.",
  },
  {
    id: "generic",
    name: "Other",
    description: "Any SCIM 2.0 client",
    terms: { baseUrl: "SCIM base URL", token: "Bearer token (Authorization header)" },
    userName: "the person's email",
    steps: [
      "Find the provisioning (SCIM 2.0) settings of the app you use for sign-in at your identity provider.",
      "Paste the base URL as the SCIM base URL: the client adds /Users and /Groups to it.",
      "Send the token in the Authorization header as a bearer token: Authorization: Bearer scim_….",
      "Send the person's email as userName, and active: false to deactivate someone.",
      "Assign people and groups, then start provisioning.",
    ],
  },
];

export const SCIM_INSTRUCTIONS_BY_ID = Object.fromEntries(SCIM_INSTRUCTIONS.map((instructions) => [instructions.id, instructions])) as Record<
  ScimProviderId,
  ScimInstructions
>;

export function isScimProviderId(value: string): value is ScimProviderId {
  return Object.hasOwn(SCIM_INSTRUCTIONS_BY_ID, value);
}
