import type { SamlDraft } from "./saml-form-schema";

/**
 * Starting points for the SAML form, one per identity provider: what its
 * admin console calls the values we hand over, where it publishes its
 * metadata, the attribute names it sends (or that the steps tell the admin
 * to configure), and the set-up steps. Pure data: picking a template fills
 * the attribute mapping (`applySamlTemplate`); nothing about it is stored.
 */
export type SamlTemplateId = "okta" | "entra" | "google" | "onelogin" | "jumpcloud" | "pingone" | "adfs" | "generic";

/** Attribute names; "" leaves the field unmapped (for `subject`: the NameID identifies people). */
export type SamlMapping = {
  subject: string;
  email: string;
  name: string;
  firstName: string;
  lastName: string;
  groups: string;
  roles: string;
};

export type SamlTemplate = {
  id: SamlTemplateId;
  name: string;
  /** One line under the name in the picker. */
  description: string;
  /** What the provider's console calls the values from step 1. */
  terms: { acsUrl: string; entityId: string };
  metadata: {
    /** How the provider hands its metadata over: a URL to fetch, or a file to download. */
    source: "url" | "xml";
    /** The metadata URL with {placeholders}, as the field's placeholder. */
    pattern?: string;
    /** A filled-in example of `pattern` (used by the tests). */
    example?: string;
    /** Where the provider shows it. */
    hint: string;
  };
  mapping: SamlMapping;
  /** Recognizes a saved configuration (its metadata URL, IdP entity ID or SSO URL) as this provider's. */
  matches?: RegExp;
  /** The set-up in the provider's admin console, in order. */
  steps: readonly string[];
  /** A caveat about groups, roles or signing, if any. */
  note?: string;
};

/** Claim types of the WS-Federation family, as Microsoft Entra ID and AD FS name SAML attributes. */
export const CLAIM_URIS = {
  email: "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
  givenName: "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname",
  surname: "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname",
  objectId: "http://schemas.microsoft.com/identity/claims/objectidentifier",
  groups: "http://schemas.microsoft.com/ws/2008/06/identity/claims/groups",
  role: "http://schemas.microsoft.com/ws/2008/06/identity/claims/role",
  adfsGroup: "http://schemas.xmlsoap.org/claims/Group",
} as const;

/** Plain attribute names, as most providers' custom SAML apps are set up (and as the steps say to name them). */
const PLAIN: SamlMapping = { subject: "", email: "email", name: "", firstName: "firstName", lastName: "lastName", groups: "groups", roles: "" };

export const SAML_TEMPLATES: readonly SamlTemplate[] = [
  {
    id: "okta",
    name: "Okta",
    description: "Okta Workforce Identity",
    terms: { acsUrl: "Single sign-on URL", entityId: "Audience URI (SP Entity ID)" },
    metadata: {
      source: "url",
      pattern: "https://{yourOktaDomain}/app/{appId}/sso/saml/metadata",
      example: "https://acme.okta.com/app/exk1a2b3c4d5e6f7g8h9/sso/saml/metadata",
      hint: "On the app's Sign On tab, under SAML 2.0: the Metadata URL.",
    },
    mapping: PLAIN,
    matches: /\.(okta|oktapreview|okta-emea)\.com[/:]|^http:\/\/www\.okta\.com\//i,
    steps: [
      "In the Okta Admin Console, open Applications › Applications, choose Create App Integration and pick SAML 2.0.",
      "Paste the ACS URL above as the Single sign-on URL and the SP entity ID as the Audience URI. Set Name ID format to EmailAddress.",
      "Under Attribute Statements, add email (user.email), firstName (user.firstName) and lastName (user.lastName).",
      "For roles by group: under Group Attribute Statements, add groups with a filter such as Matches regex .*",
      "Finish, assign the app to your people, then copy the Metadata URL from the Sign On tab.",
    ],
  },
  {
    id: "entra",
    name: "Microsoft Entra ID",
    description: "Formerly Azure AD",
    terms: { acsUrl: "Reply URL (Assertion Consumer Service URL)", entityId: "Identifier (Entity ID)" },
    metadata: {
      source: "url",
      pattern: "https://login.microsoftonline.com/{tenant-id}/federationmetadata/2007-06/federationmetadata.xml?appid={app-id}",
      example:
        "https://login.microsoftonline.com/8f2d5c1e-6b7a-4c3d-9e0f-1a2b3c4d5e6f/federationmetadata/2007-06/federationmetadata.xml?appid=0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
      hint: "Under Single sign-on › SAML Certificates: the App Federation Metadata Url.",
    },
    mapping: {
      // The object ID never changes; the default NameID (the user principal name) does when people are renamed.
      subject: CLAIM_URIS.objectId,
      email: CLAIM_URIS.email,
      name: "",
      firstName: CLAIM_URIS.givenName,
      lastName: CLAIM_URIS.surname,
      groups: CLAIM_URIS.groups,
      roles: CLAIM_URIS.role,
    },
    matches: /^https:\/\/(login\.microsoftonline\.com|sts\.windows\.net)\//i,
    steps: [
      "In the Microsoft Entra admin center, open Identity › Applications › Enterprise applications, choose New application › Create your own application (non-gallery).",
      "Under Single sign-on, pick SAML. In Basic SAML Configuration, paste the SP entity ID as the Identifier and the ACS URL as the Reply URL.",
      "Attributes & Claims already sends the email address, given name and surname. For roles by group, add a group claim.",
      "Assign people or groups under Users and groups.",
      "Under SAML Certificates, copy the App Federation Metadata Url.",
    ],
    note: "Entra sends group object IDs (GUIDs) unless the group claim is set to emit names; app roles arrive in the role claim. The subject is the user's object ID, which never changes.",
  },
  {
    id: "google",
    name: "Google Workspace",
    description: "Your domain's Google accounts",
    terms: { acsUrl: "ACS URL", entityId: "Entity ID" },
    metadata: {
      source: "xml",
      hint: "Google offers the metadata as a file: Download metadata, on the Google Identity Provider details step or the app's page.",
    },
    mapping: { ...PLAIN, groups: "" },
    matches: /^https:\/\/accounts\.google\.com\//i,
    steps: [
      "In the Google Admin console, open Apps › Web and mobile apps and choose Add app › Add custom SAML app.",
      "On Google Identity Provider details, choose Download metadata and upload that file below.",
      "Under Service provider details, paste the ACS URL and the SP entity ID. Set Name ID format to EMAIL and Name ID to Basic Information › Primary email.",
      "Under Attribute mapping, map Primary email to email, First name to firstName and Last name to lastName.",
      "Turn the app on for your organization under User access.",
    ],
    note: "Google sends no groups by default: everyone gets the policy's default role. To map roles by group, add Group membership under Attribute mapping there, and its app attribute name under Groups here.",
  },
  {
    id: "onelogin",
    name: "OneLogin",
    description: "SAML Custom Connector",
    terms: { acsUrl: "ACS (Consumer) URL", entityId: "Audience (EntityID)" },
    metadata: {
      source: "url",
      pattern: "https://{subdomain}.onelogin.com/saml/metadata/{app-id}",
      example: "https://acme.onelogin.com/saml/metadata/3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b",
      hint: "On the app's SSO tab: the Issuer URL.",
    },
    mapping: PLAIN,
    matches: /\.onelogin\.com\//i,
    steps: [
      "In OneLogin, open Applications › Applications, choose Add App and pick SAML Custom Connector (Advanced).",
      "On the Configuration tab, paste the SP entity ID as the Audience and the ACS URL as both the ACS (Consumer) URL and its Validator. Set SAML signature element to Assertion.",
      "On the Parameters tab, add email, firstName, lastName and groups (from User Roles or MemberOf), each with Include in SAML assertion checked.",
      "Give your people access under Users or Roles.",
      "On the SSO tab, copy the Issuer URL: it is the metadata URL.",
    ],
  },
  {
    id: "jumpcloud",
    name: "JumpCloud",
    description: "Custom SAML application",
    terms: { acsUrl: "ACS URLs", entityId: "SP Entity ID" },
    metadata: {
      source: "xml",
      hint: "On the application's SSO tab, Export Metadata downloads the file to upload here.",
    },
    mapping: PLAIN,
    matches: /\.jumpcloud\.com\//i,
    steps: [
      "In the JumpCloud Admin Portal, open SSO Applications, choose Add New Application › Custom Application and pick SAML.",
      "On the SSO tab, enter an IdP Entity ID of your choice, paste the SP entity ID and the ACS URL, set SAMLSubject NameID to email and check Sign Assertion.",
      "Under User Attributes, add email, firstName and lastName; check Include group attribute and name it groups.",
      "Bind the user groups who may sign in, then save.",
      "Choose Export Metadata and upload the file below.",
    ],
    note: "JumpCloud signs only the response unless Sign Assertion is checked; signed assertions are required here by default.",
  },
  {
    id: "pingone",
    name: "PingOne",
    description: "PingOne SSO (Ping Identity)",
    terms: { acsUrl: "ACS URLs", entityId: "Entity ID" },
    metadata: {
      source: "url",
      pattern: "https://auth.pingone.com/{environment-id}/saml20/metadata/{application-id}",
      example: "https://auth.pingone.com/5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/saml20/metadata/7e8f9a0b-1c2d-4e3f-8a4b-5c6d7e8f9a0b",
      hint: "On the application's Configuration tab: the IDP Metadata URL.",
    },
    mapping: PLAIN,
    matches: /\.pingone\.(com|eu|asia|ca)\//i,
    steps: [
      "In the PingOne admin console, open Applications › Applications, add an application and pick SAML Application.",
      "Choose Manually Enter: paste the ACS URL and the SP entity ID (or Import from URL with the SP metadata URL). Keep Sign Assertion.",
      "Under Attribute Mappings, map saml_subject to Email Address, and add email, firstName (Given Name), lastName (Family Name) and groups (Group Names).",
      "Turn the application on and grant your people access.",
      "On the Configuration tab, copy the IDP Metadata URL.",
    ],
  },
  {
    id: "adfs",
    name: "AD FS",
    description: "Active Directory Federation Services",
    terms: { acsUrl: "Relying party SAML 2.0 SSO service URL", entityId: "Relying party trust identifier" },
    metadata: {
      source: "url",
      pattern: "https://{adfs-host}/FederationMetadata/2007-06/FederationMetadata.xml",
      example: "https://adfs.acme.com/FederationMetadata/2007-06/FederationMetadata.xml",
      hint: "Your AD FS server's federation metadata. If it isn't reachable from the internet, download the file and upload it instead.",
    },
    mapping: {
      subject: "",
      email: CLAIM_URIS.email,
      name: "",
      firstName: CLAIM_URIS.givenName,
      lastName: CLAIM_URIS.surname,
      groups: CLAIM_URIS.adfsGroup,
      roles: CLAIM_URIS.role,
    },
    matches: /\/FederationMetadata\/2007-06\/FederationMetadata\.xml$|\/adfs\/(services\/trust|ls)\b/i,
    steps: [
      "In AD FS Management, open Relying Party Trusts and choose Add Relying Party Trust (claims aware).",
      "Pick Import data about the relying party published online and paste the SP metadata URL (or enter the ACS URL and the SP entity ID by hand).",
      "In Edit Claim Issuance Policy, add a Send LDAP Attributes as Claims rule: E-Mail-Addresses → E-Mail Address, Given-Name → Given Name, Surname → Surname, Token-Groups - Unqualified Names → Group.",
      "Add a Transform an Incoming Claim rule: E-Mail Address → Name ID, format Email.",
      "Use your federation metadata URL below.",
    ],
  },
  {
    id: "generic",
    name: "Other provider",
    description: "Any SAML 2.0 identity provider",
    terms: { acsUrl: "ACS URL", entityId: "Entity ID (audience)" },
    metadata: {
      source: "url",
      pattern: "https://idp.example.com/saml/metadata",
      example: "https://idp.example.com/saml/metadata",
      hint: "Your provider's metadata address, or upload the metadata file instead.",
    },
    mapping: { ...PLAIN, name: "name" },
    steps: [
      "Create a SAML 2.0 application in your identity provider; if it can import service provider metadata, give it the SP metadata URL.",
      "Otherwise paste the ACS URL (HTTP-POST binding) and the SP entity ID.",
      "Have it sign assertions (RSA-SHA256) and send a NameID that doesn't change, such as persistent or the email address.",
      "Send attributes named email, name, firstName, lastName and groups, or enter its own names under Attribute mapping.",
      "Copy its metadata URL, or download the metadata file.",
    ],
  },
];

export const SAML_TEMPLATES_BY_ID: Readonly<Record<SamlTemplateId, SamlTemplate>> = Object.fromEntries(
  SAML_TEMPLATES.map((template) => [template.id, template]),
) as Record<SamlTemplateId, SamlTemplate>;

/** The template a saved configuration looks like (by its metadata URL, IdP entity ID or sign-in URL); the generic one otherwise. */
export function detectSamlTemplate(clues: ReadonlyArray<string | null | undefined>): SamlTemplateId {
  const values = clues.filter((clue): clue is string => Boolean(clue)).map((clue) => clue.trim());
  return SAML_TEMPLATES.find((template) => template.matches && values.some((value) => template.matches!.test(value)))?.id ?? "generic";
}

/**
 * The draft with the template's attribute names. An untouched metadata
 * choice follows the way the provider hands its metadata over; the metadata
 * itself and every other setting stay as they are.
 */
export function applySamlTemplate(draft: SamlDraft, template: SamlTemplate): SamlDraft {
  const untouched = draft.metadataUrl.trim() === "" && draft.metadataXml.trim() === "";
  return {
    ...draft,
    metadataMode: untouched ? template.metadata.source : draft.metadataMode,
    subjectAttribute: template.mapping.subject,
    emailAttribute: template.mapping.email,
    nameAttribute: template.mapping.name,
    firstNameAttribute: template.mapping.firstName,
    lastNameAttribute: template.mapping.lastName,
    groupsAttribute: template.mapping.groups,
    rolesAttribute: template.mapping.roles,
  };
}
