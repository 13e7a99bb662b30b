import type { Policy } from "@/convex/engine/policyShape";

/**
 * The policy editor's working copy. Role mapping rows carry a client-side key
 * (React needs a stable one while rows are added, removed and reordered);
 * `fromDraft` strips it again.
 */
export type RoleRule = Policy["roleMapping"][number];
export type DraftRule = RoleRule & { key: string };
export type PolicyDraft = Omit<Policy, "roleMapping"> & { roleMapping: DraftRule[] };
export type PolicyField = keyof Policy;

export const POLICY_FIELDS: PolicyField[] = [
  "accountLinking",
  "userCreation",
  "profileAuthority",
  "scimReuse",
  "jit",
  "roleMapping",
  "deprovision",
  "ssoEnforced",
  "ownerBreakGlass",
];

/** IdP values are capped at this length by the server's `roleMapping.values` check. */
export const MAX_ROLE_VALUE_LENGTH = 200;
export const MAX_ROLE_RULES = 50;

let nextKey = 0;
export function newRuleKey(): string {
  nextKey += 1;
  return `rule-${nextKey}`;
}

export function toDraft(policy: Policy): PolicyDraft {
  return { ...policy, jit: { ...policy.jit }, roleMapping: policy.roleMapping.map((rule) => ({ ...rule, key: newRuleKey() })) };
}

/** Exactly the fields of the policy, in the shape `updatePolicy` and `validatePolicy` accept. */
export function fromDraft(draft: PolicyDraft): Policy {
  return {
    accountLinking: draft.accountLinking,
    userCreation: draft.userCreation,
    profileAuthority: draft.profileAuthority,
    scimReuse: draft.scimReuse,
    jit: { mode: draft.jit.mode, defaultRole: draft.jit.defaultRole },
    roleMapping: draft.roleMapping.map(({ source, value, role }) => ({ source, value, role })),
    deprovision: draft.deprovision,
    ssoEnforced: draft.ssoEnforced,
    ownerBreakGlass: draft.ownerBreakGlass,
  };
}

function sameField(a: Policy, b: Policy, field: PolicyField): boolean {
  switch (field) {
    case "jit":
      return a.jit.mode === b.jit.mode && a.jit.defaultRole === b.jit.defaultRole;
    case "roleMapping":
      return (
        a.roleMapping.length === b.roleMapping.length &&
        a.roleMapping.every((rule, index) => {
          const other = b.roleMapping[index]!;
          return rule.source === other.source && rule.value === other.value && rule.role === other.role;
        })
      );
    default:
      return a[field] === b[field];
  }
}

/** The fields where `next` differs from `saved`, in a stable order. */
export function changedFields(saved: Policy, next: Policy): PolicyField[] {
  return POLICY_FIELDS.filter((field) => !sameField(saved, next, field));
}

export function samePolicy(a: Policy, b: Policy): boolean {
  return changedFields(a, b).length === 0;
}

/** Only what changed, so the audit event names the fields someone actually edited. */
export function policyPatch(saved: Policy, next: Policy): Partial<Policy> {
  return Object.fromEntries(changedFields(saved, next).map((field) => [field, next[field]])) as Partial<Policy>;
}

/**
 * Which rows the server's role mapping checks would refuse, and why, so the
 * editor can point at them: an empty or too long IdP value, or the same
 * source and value mapped twice (the server compares trimmed values).
 */
export function ruleProblems(rules: ReadonlyArray<RoleRule>): Array<"empty" | "tooLong" | "duplicate" | null> {
  const seen = new Map<string, number>();
  for (const rule of rules) {
    const key = `${rule.source}:${rule.value.trim()}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return rules.map((rule) => {
    if (rule.value.trim().length === 0) return "empty";
    if (rule.value.length > MAX_ROLE_VALUE_LENGTH) return "tooLong";
    if ((seen.get(`${rule.source}:${rule.value.trim()}`) ?? 0) > 1) return "duplicate";
    return null;
  });
}

/**
 * Someone saved `next` while the draft, started from `base`, was being
 * edited: settings the draft didn't touch take the new stored values, edited
 * ones keep the draft's. (Saving then sends only real edits, so it can't undo
 * the other save.) `conflicts` lists settings both sides changed, differently.
 */
export function rebaseDraft(draft: PolicyDraft, base: Policy, next: Policy): { draft: PolicyDraft; conflicts: PolicyField[] } {
  const mine = fromDraft(draft);
  const edited = new Set(changedFields(base, mine));
  const theirs = changedFields(base, next);
  const differ = new Set(changedFields(next, mine));
  const merged: PolicyDraft = { ...draft };
  const nextDraft = toDraft(next);
  for (const field of theirs) {
    if (!edited.has(field)) Object.assign(merged, { [field]: nextDraft[field] });
  }
  // The same change on both sides is no conflict.
  return { draft: merged, conflicts: theirs.filter((field) => edited.has(field) && differ.has(field)) };
}
