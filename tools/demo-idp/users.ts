/**
 * The people who can sign in at the demo IdP. Acme (seeded by `npm run dev`):
 * one admin, one ordinary engineer, and one whose email the IdP has not
 * verified (which an app must not trust for account linking). Globex: a
 * second company no group claims yet, to set SSO up from scratch. Initech:
 * the SAML IdP's company (saml-idp.ts), apart from the OIDC users so that each
 * protocol's sign-in page offers its own company.
 */
export interface DemoUser {
  /** The stable, opaque `sub`: what an app should key the account on, never the email. */
  sub: string;
  email: string;
  emailVerified: boolean;
  givenName: string;
  familyName: string;
  groups: string[];
  /** An HR attribute only some users have: an app must cope with an attribute that is missing. */
  employeeId?: string;
}

/** The domain of the seeded demo group's users, which that group verifies. */
export const DEMO_DOMAIN = "acme.test";
/** Unclaimed until someone sets up their own connection for it. */
export const SECOND_DEMO_DOMAIN = "globex.test";
/** The SAML IdP's users' domain; no group claims it until someone sets up a SAML connection. */
export const SAML_DEMO_DOMAIN = "initech.test";

export const DEMO_USERS: readonly DemoUser[] = [
  {
    sub: "demo-alice",
    email: `alice@${DEMO_DOMAIN}`,
    emailVerified: true,
    givenName: "Alice",
    familyName: "Admin",
    groups: ["acme-admins"],
  },
  {
    sub: "demo-bob",
    email: `bob@${DEMO_DOMAIN}`,
    emailVerified: true,
    givenName: "Bob",
    familyName: "Builder",
    groups: ["engineering"],
  },
  {
    sub: "demo-carol",
    email: `carol@${DEMO_DOMAIN}`,
    emailVerified: false,
    givenName: "Carol",
    familyName: "Unverified",
    groups: ["engineering"],
  },
  {
    sub: "demo-dana",
    email: `dana@${SECOND_DEMO_DOMAIN}`,
    emailVerified: true,
    givenName: "Dana",
    familyName: "Director",
    groups: ["globex-admins"],
  },
  {
    sub: "demo-erin",
    email: `erin@${SECOND_DEMO_DOMAIN}`,
    emailVerified: true,
    givenName: "Erin",
    familyName: "Engineer",
    groups: ["engineering"],
  },
];

/** Unclaimed until someone sets up their own SAML connection for it. */
export const SECOND_SAML_DEMO_DOMAIN = "umbrella.test";
/** Unclaimed too: a second company to set up from scratch, so journeys that each need a fresh one don't share it. */
export const THIRD_SAML_DEMO_DOMAIN = "hooli.test";

/**
 * Signs in at the SAML IdP. Initech (seeded by `npm run dev`): one admin, one
 * engineer, and one with several groups and an employee ID. Umbrella and
 * Hooli: companies to set SAML up from scratch.
 */
export const SAML_DEMO_USERS: readonly DemoUser[] = [
  {
    sub: "demo-frank",
    email: `frank@${SAML_DEMO_DOMAIN}`,
    emailVerified: true,
    givenName: "Frank",
    familyName: "Founder",
    groups: ["initech-admins"],
  },
  {
    sub: "demo-grace",
    email: `grace@${SAML_DEMO_DOMAIN}`,
    emailVerified: true,
    givenName: "Grace",
    familyName: "Hopper",
    groups: ["engineering"],
  },
  {
    sub: "demo-peter",
    email: `peter@${SAML_DEMO_DOMAIN}`,
    emailVerified: true,
    givenName: "Peter",
    familyName: "Gibbons",
    groups: ["engineering", "tps-reports"],
    employeeId: "INI-0042",
  },
  {
    sub: "demo-nina",
    email: `nina@${SECOND_SAML_DEMO_DOMAIN}`,
    emailVerified: true,
    givenName: "Nina",
    familyName: "North",
    groups: ["umbrella-admins"],
  },
  {
    sub: "demo-gavin",
    email: `gavin@${THIRD_SAML_DEMO_DOMAIN}`,
    emailVerified: true,
    givenName: "Gavin",
    familyName: "Belson",
    groups: ["hooli-admins"],
  },
];

export function displayName(user: DemoUser): string {
  return `${user.givenName} ${user.familyName}`;
}

export function findDemoUserByEmail(users: readonly DemoUser[], email: string): DemoUser | undefined {
  const wanted = email.trim().toLowerCase();
  return users.find((user) => user.email.toLowerCase() === wanted);
}

/** Every claim the IdP knows about the user; oidc-provider releases only those the granted scopes and claims cover. */
export function claimsOf(user: DemoUser) {
  return {
    sub: user.sub,
    email: user.email,
    email_verified: user.emailVerified,
    name: displayName(user),
    given_name: user.givenName,
    family_name: user.familyName,
    groups: user.groups,
  };
}
