"use client";

import { ArrowDown, ArrowUp, Plus, Trash2 } from "lucide-react";
import { useId, useRef } from "react";
import { ghostButton } from "@/components/console/button-styles";
import { ROLE_LABELS } from "@/components/console/role-badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { cn } from "@/lib/cn";
import { MAX_ROLE_RULES, MAX_ROLE_VALUE_LENGTH, newRuleKey, ruleProblems, type DraftRule, type RoleRule } from "./policy-draft";

const SOURCE_LABELS: Record<RoleRule["source"], string> = { groups: "Group", roles: "Role" };
/** Sign-in never makes owners: the server refuses an owner mapping. */
const MAPPABLE_ROLES = ["member", "admin"] as const;

const PROBLEM_TEXT = {
  empty: "Enter the value your identity provider sends.",
  tooLong: `Use at most ${MAX_ROLE_VALUE_LENGTH} characters.`,
  duplicate: "This value is already mapped above or below.",
} as const;

type RoleMappingEditorProps = {
  rules: DraftRule[];
  onChange: (rules: DraftRule[]) => void;
  disabled?: boolean;
  /** Point at offending rows only once the server's checks have refused them (not while someone types). */
  showProblems: { values: boolean; unique: boolean };
};

/**
 * IdP group or role values that set a member's role, first match wins: rows
 * can be added, removed and moved. Each control is labelled per row, so a
 * screen reader hears "IdP value, mapping 2".
 */
export function RoleMappingEditor({ rules, onChange, disabled, showProblems }: RoleMappingEditorProps) {
  const id = useId();
  const list = useRef<HTMLOListElement>(null);
  const problems = ruleProblems(rules);

  function update(index: number, patch: Partial<RoleRule>) {
    onChange(rules.map((rule, at) => (at === index ? { ...rule, ...patch } : rule)));
  }

  function move(index: number, by: -1 | 1) {
    const next = [...rules];
    const [rule] = next.splice(index, 1);
    next.splice(index + by, 0, rule!);
    onChange(next);
  }

  function remove(index: number) {
    onChange(rules.filter((_, at) => at !== index));
  }

  function add() {
    onChange([...rules, { key: newRuleKey(), source: "groups", value: "", role: "member" }]);
    // Focus the new row's value once it renders.
    requestAnimationFrame(() => {
      const inputs = list.current?.querySelectorAll<HTMLInputElement>("input[data-rule-value]");
      inputs?.[inputs.length - 1]?.focus();
    });
  }

  return (
    <div className="grid gap-3">
      {rules.length === 0 ? (
        <p className="text-muted-foreground rounded-lg border border-dashed px-4 py-5 text-center text-sm">
          No role mappings: everyone gets the default role above.
        </p>
      ) : (
        <>
          <div
            aria-hidden
            className="text-muted-foreground hidden grid-cols-[8rem_minmax(0,1fr)_8rem_5.5rem] gap-2 px-1 text-xs font-medium sm:grid"
          >
            <span>Source</span>
            <span>IdP value</span>
            <span>Role</span>
          </div>
          <ol ref={list} aria-label="Role mappings, first match wins" className="grid gap-3 sm:gap-2">
            {rules.map((rule, index) => {
              const number = index + 1;
              const problem = problems[index];
              const visibleProblem =
                problem === "duplicate" ? (showProblems.unique ? problem : null) : problem && showProblems.values ? problem : null;
              // DOM ids by position: the rule keys are client-side counters that differ between server render and hydration.
              const rowId = `${id}-${index}`;
              return (
                <li
                  key={rule.key}
                  data-testid="role-mapping"
                  className="bg-background grid gap-2 rounded-lg border p-3 sm:grid-cols-[8rem_minmax(0,1fr)_8rem_5.5rem] sm:items-start sm:border-0 sm:bg-transparent sm:p-0"
                >
                  <div className="grid gap-1.5">
                    <label htmlFor={`${rowId}-source`} className="text-xs font-medium sm:sr-only">
                      Source
                      <span className="sr-only">, mapping {number}</span>
                    </label>
                    <Select
                      id={`${rowId}-source`}
                      value={rule.source}
                      disabled={disabled}
                      onChange={(event) => update(index, { source: event.target.value as RoleRule["source"] })}
                    >
                      {(Object.keys(SOURCE_LABELS) as RoleRule["source"][]).map((source) => (
                        <option key={source} value={source}>
                          {SOURCE_LABELS[source]}
                        </option>
                      ))}
                    </Select>
                  </div>
                  <div className="grid gap-1.5">
                    <label htmlFor={`${rowId}-value`} className="text-xs font-medium sm:sr-only">
                      IdP value
                      <span className="sr-only">, mapping {number}</span>
                    </label>
                    <Input
                      id={`${rowId}-value`}
                      data-rule-value
                      value={rule.value}
                      disabled={disabled}
                      placeholder={rule.source === "groups" ? "e.g. engineering-admins" : "e.g. app.admin"}
                      autoComplete="off"
                      spellCheck={false}
                      maxLength={MAX_ROLE_VALUE_LENGTH + 50}
                      aria-invalid={visibleProblem ? true : undefined}
                      aria-describedby={visibleProblem ? `${rowId}-problem` : undefined}
                      onChange={(event) => update(index, { value: event.target.value })}
                    />
                    {visibleProblem && (
                      <p id={`${rowId}-problem`} className="text-destructive text-xs">
                        {PROBLEM_TEXT[visibleProblem]}
                      </p>
                    )}
                  </div>
                  <div className="grid gap-1.5">
                    <label htmlFor={`${rowId}-role`} className="text-xs font-medium sm:sr-only">
                      Role
                      <span className="sr-only">, mapping {number}</span>
                    </label>
                    <Select
                      id={`${rowId}-role`}
                      value={rule.role}
                      disabled={disabled}
                      onChange={(event) => update(index, { role: event.target.value as RoleRule["role"] })}
                    >
                      {MAPPABLE_ROLES.map((role) => (
                        <option key={role} value={role}>
                          {ROLE_LABELS[role]}
                        </option>
                      ))}
                      {rule.role === "owner" && <option value="owner">Owner (not allowed)</option>}
                    </Select>
                  </div>
                  {!disabled && (
                    <div className="flex items-center justify-end gap-0.5 sm:h-10">
                      <Button
                        variant="outline"
                        size="sm"
                        className={cn(ghostButton, "size-8 px-0")}
                        aria-label={`Move mapping ${number} up`}
                        disabled={index === 0}
                        onClick={() => move(index, -1)}
                      >
                        <ArrowUp aria-hidden />
                      </Button>
                      <Button
                        variant="outline"
                        size="sm"
                        className={cn(ghostButton, "size-8 px-0")}
                        aria-label={`Move mapping ${number} down`}
                        disabled={index === rules.length - 1}
                        onClick={() => move(index, 1)}
                      >
                        <ArrowDown aria-hidden />
                      </Button>
                      <Button
                        variant="outline"
                        size="sm"
                        className={cn(ghostButton, "text-destructive hover:text-destructive size-8 px-0")}
                        aria-label={`Remove mapping ${number}`}
                        onClick={() => remove(index)}
                      >
                        <Trash2 aria-hidden />
                      </Button>
                    </div>
                  )}
                </li>
              );
            })}
          </ol>
        </>
      )}
      {!disabled && (
        <div className="flex flex-wrap items-center justify-between gap-2">
          <Button variant="outline" size="sm" onClick={add} disabled={rules.length >= MAX_ROLE_RULES}>
            <Plus aria-hidden />
            Add mapping
          </Button>
          {rules.length >= MAX_ROLE_RULES && (
            <p className="text-muted-foreground text-xs">At most {MAX_ROLE_RULES} mappings.</p>
          )}
        </div>
      )}
    </div>
  );
}
