/**
 * What a test sign-in says the policy would do, in sentences for the result
 * page. Kept apart from the page (and from the generated API types) so the
 * wording is unit-tested.
 */
type Role = "owner" | "admin" | "member";

export type PlanLike =
  | {
      ok: true;
      user: { action: "existing" | "link" | "create"; email?: string };
      membership: { action: "existing" | "create" | "update"; role: Role; previousRole?: Role };
      matchedRule?: string;
    }
  | { ok: false; code: string; message: string };

const ARTICLE: Record<Role, string> = { owner: "an owner", admin: "an admin", member: "a member" };

/** "alice@acme.test", or a generic phrase when the profile had no email. */
function who(email: string | undefined, fallback: string): string {
  return email ?? fallback;
}

export function describeUser(user: Extract<PlanLike, { ok: true }>["user"]): string {
  switch (user.action) {
    case "existing":
      return `Signs in as the existing user ${who(user.email, "already linked to this identity")}.`;
    case "link":
      return `Would link to the existing account ${who(user.email, "with the same email address")}.`;
    case "create":
      return `Would create a new user ${who(user.email, "for this identity")}.`;
  }
}

export function describeMembership(membership: Extract<PlanLike, { ok: true }>["membership"]): string {
  switch (membership.action) {
    case "create":
      return `Would add them as ${ARTICLE[membership.role]}.`;
    case "update":
      return membership.previousRole
        ? `Would change their role: ${membership.previousRole} → ${membership.role}.`
        : `Would change their role to ${membership.role}.`;
    case "existing":
      return `Keeps their role: ${membership.role}.`;
  }
}

export function describeRule(matchedRule: string | undefined): string {
  return matchedRule
    ? `The role comes from the role mapping rule ${matchedRule}.`
    : "No role mapping rule matched: the role comes from the policy's default.";
}
