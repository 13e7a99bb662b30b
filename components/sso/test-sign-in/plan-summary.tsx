import { KeyRound, UserRound, UsersRound } from "lucide-react";
import type { LucideIcon } from "lucide-react";
import { Callout } from "@/components/sso/policy/callout";
import { describeMembership, describeRule, describeUser } from "./describe-plan";
import type { TestPlan } from "./types";

/** What the sign-in policy would do with this identity: the account, the membership, the role's source; or why it refuses. */
export function PlanSummary({ plan }: { plan: TestPlan | undefined }) {
  if (!plan) {
    return <p className="text-muted-foreground text-sm">The policy&apos;s outcome wasn&apos;t recorded for this test.</p>;
  }
  if (!plan.ok) {
    return (
      <div data-testid="test-plan" data-ok="false">
        <Callout tone="danger" title="The sign-in would be refused">
          <p>{plan.message}</p>
          <p className="text-muted-foreground mt-1 font-mono text-xs">{plan.code}</p>
        </Callout>
      </div>
    );
  }
  return (
    <ul data-testid="test-plan" data-ok="true" className="grid gap-3 text-sm">
      <Item icon={UserRound} label="Account">
        {describeUser(plan.user)}
      </Item>
      <Item icon={UsersRound} label="Membership">
        {describeMembership(plan.membership)}
      </Item>
      <Item icon={KeyRound} label="Role">
        {describeRule(plan.matchedRule)}
      </Item>
    </ul>
  );
}

function Item({ icon: Icon, label, children }: { icon: LucideIcon; label: string; children: string }) {
  return (
    <li className="flex items-start gap-3">
      <span aria-hidden className="bg-accent-subtle text-accent-subtle-foreground flex size-8 shrink-0 items-center justify-center rounded-lg">
        <Icon className="size-4" />
      </span>
      <span className="grid min-w-0 gap-0.5">
        <span className="text-muted-foreground text-xs font-medium">{label}</span>
        <span className="break-words">{children}</span>
      </span>
    </li>
  );
}

