"use client";

import { useMutation } from "convex/react";
import { LoaderCircle, Save, Undo2 } from "lucide-react";
import { useEffect, useId, useMemo, useState, type FormEvent } from "react";
import { FormMessage } from "@/components/console/form-message";
import { ROLE_LABELS } from "@/components/console/role-badge";
import { useConsoleAction } from "@/components/console/use-action-state";
import type { ActiveGroup } from "@/components/console/use-active-group";
import { useConsoleQuery } from "@/components/console/use-console-query";
import { useKeepPrevious } from "@/components/console/use-keep-previous";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Form } from "@/components/ui/form";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { api } from "@/convex/_generated/api";
import type { Policy } from "@/convex/engine/policyShape";
import { cn } from "@/lib/cn";
import { Callout } from "./callout";
import { ChoiceGroup, type Choice } from "./choice-group";
import { PolicyChecks, splitChecks } from "./policy-checks";
import {
  changedFields,
  fromDraft,
  policyPatch,
  rebaseDraft,
  samePolicy,
  toDraft,
  type PolicyDraft,
  type PolicyField,
} from "./policy-draft";
import { RoleMappingEditor } from "./role-mapping-editor";
import { SwitchField } from "./switch-field";
import { useDebouncedValue } from "@/components/sso/use-debounced-value";

const VALIDATE_DELAY_MS = 350;

const FIELD_LABELS: Record<PolicyField, string> = {
  accountLinking: "account linking",
  userCreation: "user creation",
  profileAuthority: "profile authority",
  scimReuse: "SCIM reuse",
  jit: "just-in-time membership",
  roleMapping: "role mapping",
  deprovision: "deprovisioning",
  ssoEnforced: "SSO enforcement",
  ownerBreakGlass: "owner break-glass",
};

const ACCOUNT_LINKING: ReadonlyArray<Choice<Policy["accountLinking"]>> = [
  {
    value: "verifiedEmail",
    label: "Link by verified email",
    description:
      "When an SSO identity has the same email as an existing account, they become one account, but only if your identity provider says the email is verified.",
  },
  {
    value: "sameConnection",
    label: "Only accounts from this connection",
    description: "Link only to accounts this connection created (at an earlier sign-in or through SCIM). Other accounts stay separate.",
  },
  {
    value: "none",
    label: "Never link",
    description: "An SSO identity never joins an existing account. People who already have a password account can't use SSO with the same email.",
  },
];

const USER_CREATION: ReadonlyArray<Choice<Policy["userCreation"]>> = [
  { value: "jit", label: "At first sign-in", description: "Anyone your identity provider lets through gets an account." },
  { value: "scim", label: "Only through SCIM", description: "Your identity provider creates accounts ahead of time; sign-in doesn't." },
  { value: "none", label: "Nobody", description: "Only people who already have an account can sign in." },
];

const PROFILE_AUTHORITY: ReadonlyArray<Choice<Policy["profileAuthority"]>> = [
  {
    value: "idp",
    label: "Identity provider",
    description: "Name and profile are updated from the identity provider at every sign-in; edits in this app are overwritten.",
  },
  { value: "app", label: "This app", description: "The identity provider fills the profile once; later edits in this app are kept." },
];

const DEPROVISION: ReadonlyArray<Choice<Policy["deprovision"]>> = [
  {
    value: "soft",
    label: "Soft: deactivate",
    description: "Suspend their membership and keep everything, so they can be reactivated later.",
  },
  {
    value: "hard",
    label: "Hard: remove membership",
    description: "Remove their membership at once, with its role. Coming back starts from scratch.",
    tone: "danger",
  },
];

const DEFAULT_ROLES = ["member", "admin"] as const;
const DEFAULT_ROLE_HINTS: Record<(typeof DEFAULT_ROLES)[number], string> = {
  member: "Sees and edits projects.",
  admin: "Also manages members, SSO, the policy and the audit log.",
};

type PolicyFormProps = {
  group: ActiveGroup;
  /** The stored policy, live: someone else's save shows up here. */
  saved: Policy;
  canManage: boolean;
};

/**
 * The SSO policy as a form. The draft is checked by the server as it changes
 * (`validatePolicy`, debounced): failing errors block saving, warnings inform.
 * Saving sends only the fields that changed.
 */
export function PolicyForm({ group, saved, canManage }: PolicyFormProps) {
  const updatePolicy = useMutation(api.auth.group.updatePolicy);
  const [draft, setDraft] = useState<PolicyDraft>(() => toDraft(saved));
  const [base, setBase] = useState<Policy>(saved);
  /** Someone else saved meanwhile: `true`, or the settings both of you changed. */
  const [changedElsewhere, setChangedElsewhere] = useState<PolicyField[] | boolean>(false);
  const [savedNotice, setSavedNotice] = useState(false);
  const { pending, error, run, reset } = useConsoleAction();
  const defaultRoleId = useId();

  const candidate = useMemo(() => fromDraft(draft), [draft]);

  // The stored policy changed (a save, here or elsewhere): an untouched form follows it; with edits, the
  // settings not edited here follow it and the edited ones are kept.
  if (!samePolicy(saved, base)) {
    setBase(saved);
    if (samePolicy(candidate, base)) setDraft(toDraft(saved));
    else if (!samePolicy(candidate, saved)) {
      const rebased = rebaseDraft(draft, base, saved);
      setDraft(rebased.draft);
      setChangedElsewhere(rebased.conflicts.length > 0 ? rebased.conflicts : true);
    }
  }

  const changes = changedFields(saved, candidate);
  const dirty = changes.length > 0;

  const debounced = useDebouncedValue(candidate, VALIDATE_DELAY_MS);
  const validation = useConsoleQuery(api.auth.group.validatePolicy, { groupId: group.groupId, data: debounced });
  const checks = useKeepPrevious(validation);
  const checking = debounced !== candidate || validation.status === "pending";
  const split = checks.status === "success" ? splitChecks(checks.data) : null;
  const blocked = (split?.errors.length ?? 0) > 0;
  const failing = new Set(split?.errors.map((check) => check.id));

  useEffect(() => {
    if (!dirty) return;
    // Reloading or closing the tab with unsaved edits asks first.
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  function change(patch: Partial<PolicyDraft>) {
    setDraft((current) => ({ ...current, ...patch }));
    setSavedNotice(false);
    reset();
  }

  function discard() {
    setDraft(toDraft(saved));
    setChangedElsewhere(false);
    setSavedNotice(false);
    reset();
  }

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!canManage || !dirty || blocked || pending) return;
    setSavedNotice(false);
    const outcome = await run(() => updatePolicy({ groupId: group.groupId, data: policyPatch(saved, candidate) }));
    if (outcome.ok) {
      setSavedNotice(true);
      setChangedElsewhere(false);
    }
  }

  const readOnly = !canManage;
  return (
    <Form
      onSubmit={save}
      aria-label="Sign-in policy"
      className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_17rem] lg:items-start"
    >
      <div className="grid min-w-0 gap-6">
        {readOnly && (
          <Callout tone="info" title="Read-only">
            Only people who can manage the SSO policy (admins and owners) can change it.
          </Callout>
        )}
        {changedElsewhere && (
          <Callout tone="warning" title="Someone else saved the policy while you were editing" live>
            <p>
              Their changes are in the form now, and your edits are kept: saving applies only the settings you changed.
              {Array.isArray(changedElsewhere) &&
                ` You both changed ${changedElsewhere.map((field) => FIELD_LABELS[field]).join(", ")}: your version is shown.`}
            </p>
            <Button variant="outline" size="sm" className="mt-2" onClick={discard}>
              <Undo2 aria-hidden />
              Discard my edits
            </Button>
          </Callout>
        )}

        <Card>
          <CardHeader>
            <CardTitle as="h2">Accounts</CardTitle>
            <CardDescription>How an identity from your identity provider becomes an account in this app.</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-6">
            <ChoiceGroup
              legend="Account linking"
              description="What happens when someone signs in with SSO and an account with their email already exists."
              name="accountLinking"
              value={draft.accountLinking}
              choices={ACCOUNT_LINKING}
              onChange={(accountLinking) => change({ accountLinking })}
              disabled={readOnly}
            />
            <ChoiceGroup
              legend="User creation"
              description="Who may create accounts for new people."
              name="userCreation"
              value={draft.userCreation}
              choices={USER_CREATION}
              onChange={(userCreation) => change({ userCreation })}
              disabled={readOnly}
              columns={3}
            />
            <ChoiceGroup
              legend="Profile authority"
              description="Whose name and profile fields win."
              name="profileAuthority"
              value={draft.profileAuthority}
              choices={PROFILE_AUTHORITY}
              onChange={(profileAuthority) => change({ profileAuthority })}
              disabled={readOnly}
              columns={2}
            />
            <SwitchField
              label="Reuse SCIM-provisioned accounts"
              description="At SSO sign-in, use the account SCIM already created for that identity instead of matching by email."
              checked={draft.scimReuse}
              onChange={(scimReuse) => change({ scimReuse })}
              disabled={readOnly}
              className="border-t pt-5"
            />
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle as="h2">Membership</CardTitle>
            <CardDescription>What someone who signs in with SSO becomes in {group.name}.</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-6">
            <div className="grid gap-4">
              <SwitchField
                label="Add people at sign-in (just-in-time)"
                description={
                  draft.jit.mode === "on"
                    ? `Someone who signs in through SSO and isn't a member yet joins ${group.name} with the default role.`
                    : "Only existing members can sign in through SSO. Add people by invitation or SCIM."
                }
                checked={draft.jit.mode === "on"}
                onChange={(on) => change({ jit: { ...draft.jit, mode: on ? "on" : "off" } })}
                disabled={readOnly}
              />
              <div className="grid gap-2 sm:grid-cols-[11rem_minmax(0,1fr)] sm:items-center sm:gap-4">
                <Label htmlFor={defaultRoleId} className={cn(draft.jit.mode === "off" && "opacity-70")}>
                  Default role
                </Label>
                <div className="grid gap-1.5 sm:grid-cols-[10rem_minmax(0,1fr)] sm:items-center sm:gap-3">
                  <Select
                    id={defaultRoleId}
                    value={draft.jit.defaultRole}
                    disabled={readOnly || draft.jit.mode === "off"}
                    onChange={(event) => change({ jit: { ...draft.jit, defaultRole: event.target.value as Policy["jit"]["defaultRole"] } })}
                    aria-describedby={`${defaultRoleId}-hint`}
                  >
                    {DEFAULT_ROLES.map((role) => (
                      <option key={role} value={role}>
                        {ROLE_LABELS[role]}
                      </option>
                    ))}
                    {draft.jit.defaultRole === "owner" && <option value="owner">Owner (not allowed)</option>}
                  </Select>
                  <p id={`${defaultRoleId}-hint`} className="text-muted-foreground text-sm">
                    {draft.jit.defaultRole === "owner"
                      ? "Sign-in can't make people owners."
                      : DEFAULT_ROLE_HINTS[draft.jit.defaultRole]}{" "}
                    Owners are only ever made by another owner.
                  </p>
                </div>
              </div>
            </div>

            <section aria-labelledby={`${defaultRoleId}-mapping`} className="grid gap-3 border-t pt-5">
              <div className="grid gap-1">
                <h3 id={`${defaultRoleId}-mapping`} className="text-sm font-medium">
                  Role mapping
                </h3>
                <p className="text-muted-foreground text-sm">
                  Set the role from a value in the identity provider&apos;s groups or roles claim. Rules are checked top to
                  bottom and the first match wins; without a match, people get the default role.
                </p>
              </div>
              <RoleMappingEditor
                rules={draft.roleMapping}
                onChange={(roleMapping) => change({ roleMapping })}
                disabled={readOnly}
                showProblems={{ values: failing.has("roleMapping.values"), unique: failing.has("roleMapping.unique") }}
              />
            </section>
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle as="h2">Deprovisioning</CardTitle>
            <CardDescription>When your identity provider or SCIM removes someone.</CardDescription>
          </CardHeader>
          <CardContent>
            <ChoiceGroup
              legend="When someone is removed"
              name="deprovision"
              value={draft.deprovision}
              choices={DEPROVISION}
              onChange={(deprovision) => change({ deprovision })}
              disabled={readOnly}
              columns={2}
            />
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle as="h2">Enforcement</CardTitle>
            <CardDescription>Whether people on your verified domains may still use a password.</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4">
            <SwitchField
              label="Require SSO on your verified domains"
              description={`People whose email is on one of ${group.name}'s verified domains must sign in through SSO; their passwords stop working.`}
              checked={draft.ssoEnforced}
              onChange={(ssoEnforced) => change({ ssoEnforced })}
              disabled={readOnly}
            />
            {draft.ssoEnforced && (
              <Callout tone="warning" title="Test SSO sign-in before you enforce it">
                Anyone on your domains who can&apos;t get through your identity provider is locked out until you turn this off.
              </Callout>
            )}
            <div className="border-l-2 pl-4">
              <SwitchField
                label="Owners may still use their password (break-glass)"
                description={
                  draft.ssoEnforced
                    ? "A way in when the identity provider is down. Every such sign-in is recorded in the audit log as a break-glass sign-in."
                    : "Applies while SSO is required."
                }
                checked={draft.ownerBreakGlass}
                onChange={(ownerBreakGlass) => change({ ownerBreakGlass })}
                disabled={readOnly || !draft.ssoEnforced}
              />
            </div>
            {draft.ssoEnforced && !draft.ownerBreakGlass && (
              <Callout tone="danger" title="No way around SSO">
                If your identity provider fails or is misconfigured, nobody can sign in to {group.name}, owners included,
                until it works again.
              </Callout>
            )}
          </CardContent>
        </Card>
      </div>

      {/* Below the two-row console header. */}
      <div className="grid gap-4 lg:sticky lg:top-28">
        <PolicyChecks result={checks} checking={checking} />
      </div>

      {canManage && (
        <div
          data-testid="policy-save-bar"
          className={cn(
            "bg-card flex flex-col gap-3 rounded-xl border px-4 py-3 sm:flex-row sm:items-center sm:justify-between lg:col-span-2",
            // Pinned to the bottom of the screen only while there is something to save (or a failure to read).
            (dirty || error) &&
              "bg-background/95 sticky bottom-0 z-20 -mx-4 rounded-none border-x-0 border-b-0 backdrop-blur sm:bottom-4 sm:mx-0 sm:rounded-xl sm:border sm:shadow-lg",
          )}
        >
          <div className="min-w-0 text-sm">
            {error ? (
              <FormMessage tone="error">{error.message}</FormMessage>
            ) : savedNotice && !dirty ? (
              <FormMessage tone="success">Policy saved.</FormMessage>
            ) : dirty ? (
              <p className="text-muted-foreground">
                <span className="text-foreground font-medium">Unsaved changes:</span> {changes.map((field) => FIELD_LABELS[field]).join(", ")}
              </p>
            ) : (
              <p className="text-muted-foreground">No unsaved changes.</p>
            )}
            {dirty && blocked && !error && (
              <p className="text-destructive mt-1 text-sm">Fix the problems listed under Policy checks to save.</p>
            )}
          </div>
          <div className="flex shrink-0 gap-2">
            <Button variant="outline" onClick={discard} disabled={!dirty || pending} className="flex-1 sm:flex-none">
              <Undo2 aria-hidden />
              Discard
            </Button>
            <Button type="submit" disabled={!dirty || blocked || pending} className="flex-1 sm:flex-none">
              {pending ? <LoaderCircle aria-hidden className="animate-spin" /> : <Save aria-hidden />}
              Save policy
            </Button>
          </div>
        </div>
      )}
    </Form>
  );
}
