import type { ScimIdp, SelfCheckStep } from "./types";

/** The self-check's request sequences, in the order they run, with the name the console gives each provider. */
export const SELF_CHECK_IDPS: ReadonlyArray<{ idp: ScimIdp; name: string }> = [
  { idp: "Entra ID", name: "Microsoft Entra ID" },
  { idp: "Okta", name: "Okta" },
];

export type StepGroup = { idp: string; name: string; steps: SelfCheckStep[]; failed: number };

/** The steps by identity provider, in run order; a provider this build doesn't know (a newer server) comes last under its own name. */
export function groupSteps(steps: readonly SelfCheckStep[]): StepGroup[] {
  const known = new Map<string, string>(SELF_CHECK_IDPS.map(({ idp, name }) => [idp, name]));
  const groups = new Map<string, StepGroup>(SELF_CHECK_IDPS.map(({ idp, name }) => [idp, { idp, name, steps: [], failed: 0 }]));
  for (const step of steps) {
    const group = groups.get(step.idp) ?? { idp: step.idp, name: known.get(step.idp) ?? step.idp, steps: [], failed: 0 };
    group.steps.push(step);
    if (!step.ok) group.failed += 1;
    groups.set(step.idp, group);
  }
  return [...groups.values()].filter((group) => group.steps.length > 0);
}

/** "All 15 steps passed" or "2 of 15 steps failed". */
export function summarizeSteps(steps: readonly SelfCheckStep[]): { ok: boolean; text: string } {
  const failed = steps.filter((step) => !step.ok).length;
  const total = `${steps.length} ${steps.length === 1 ? "step" : "steps"}`;
  if (steps.length === 0) return { ok: false, text: "No steps ran." };
  return failed === 0 ? { ok: true, text: `All ${total} passed` } : { ok: false, text: `${failed} of ${total} failed` };
}

/** "HTTP 201", or why there was no answer. */
export function describeStatus(status: number | null): string {
  return status === null ? "No response" : `HTTP ${status}`;
}
