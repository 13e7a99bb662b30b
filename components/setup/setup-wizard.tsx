"use client";

import { useMutation } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { ArrowLeft, ArrowRight, CircleCheck, Clock } from "lucide-react";
import { useEffect, useState } from "react";
import { useNow } from "@/components/guestbook/use-now";
import { PROTOCOL_NAMES } from "@/components/sso/labels";
import { describeExpiry, formatDateTime } from "@/components/sso/time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { api } from "@/convex/_generated/api";
import type { SetupScope } from "@/convex/engine/setupScope";
import { DomainsStep } from "./domains-step";
import { LinkUnavailable, SetupSkeleton } from "./link-state";
import { ScimStep } from "./scim-step";
import { SCOPE_LABELS } from "./scopes";
import { SetupShell } from "./setup-shell";
import { SsoStep } from "./sso-step";
import { StepNav } from "./step-nav";
import { useSetupQuery } from "./use-setup-query";

export type SetupOverview = FunctionReturnType<typeof api.auth.setup.getSetup>;

const CLOCK_TICK_MS = 30_000;
const EXPIRED = Object.assign(new Error("This setup link has expired."), {
  data: { code: "SETUP_LINK_EXPIRED", message: "This setup link has expired." },
});

/** The page's heading by what the link sets up: sign-in when it includes it. */
function titleOf(scopes: readonly SetupScope[]): string {
  if (scopes.includes("sso")) return "Set up sign-in";
  return scopes.includes("scim") ? "Set up provisioning" : "Verify domains";
}

/**
 * The setup wizard a setup link opens, for someone without an account: the
 * link's steps (single sign-on, domains, SCIM, as the link allows), each
 * live. Opening it is recorded once per visit. The overview is a live
 * query, so a link revoked meanwhile turns into its "revoked" state at once,
 * and one that reaches its expiry into "expired".
 */
export function SetupWizard({ token, devDns }: { token: string; /** A local DNS server to publish records on (development). */ devDns: boolean }) {
  const setup = useSetupQuery(api.auth.setup.getSetup, { token });
  const open = useMutation(api.auth.setup.open);
  const now = useNow(CLOCK_TICK_MS);
  const [current, setCurrent] = useState<SetupScope | null>(null);

  // Recorded once the link proved usable (an unusable one would only fail again, and getSetup already says why).
  const usable = setup.status === "success";
  useEffect(() => {
    if (!usable) return;
    // A failure here (the link revoked this very moment) shows through getSetup too.
    open({ token }).catch(() => undefined);
  }, [usable, open, token]);

  if (setup.status === "pending") {
    return (
      <SetupShell>
        <SetupSkeleton />
      </SetupShell>
    );
  }
  if (setup.status === "error" || setup.data.expiresTime <= now) {
    return (
      <SetupShell>
        <LinkUnavailable error={setup.status === "error" ? setup.error : EXPIRED} />
      </SetupShell>
    );
  }

  const data = setup.data;
  // Opens on the first step still to do; after that, the person moves between steps.
  const firstToDo = data.steps.find((step) => !step.done)?.scope ?? data.steps[0]!.scope;
  if (current === null) setCurrent(firstToDo);
  const step = current ?? firstToDo;
  const index = data.steps.findIndex((candidate) => candidate.scope === step);
  const previous = data.steps[index - 1];
  const next = data.steps[index + 1];

  return (
    <SetupShell
      aside={
        <Badge variant="outline" title={formatDateTime(data.expiresTime)} className="font-normal">
          <Clock aria-hidden />
          <span suppressHydrationWarning>{describeExpiry(data.expiresTime, now)}</span>
        </Badge>
      }
    >
      <div className="flex min-w-0 flex-col gap-1">
        <p className="text-muted-foreground text-sm font-medium">{data.organization}</p>
        <h1 className="text-2xl font-semibold tracking-tight break-words sm:text-3xl">
          {titleOf(data.scopes)} for {data.organization}
        </h1>
        <p className="text-muted-foreground max-w-3xl text-sm text-pretty">
          {data.organization} asked you to connect <span className="text-foreground font-medium">{data.connectionName}</span> (
          {PROTOCOL_NAMES[data.protocol]}) to your identity provider. No account is needed: this link is all it takes, until it expires.
          Everything you change here is recorded in {data.organization}&apos;s audit log.
        </p>
      </div>

      {data.complete && (
        <div data-testid="setup-complete" role="status" className="flex items-start gap-3 rounded-lg border border-emerald-600/20 bg-emerald-50/60 p-4 dark:bg-emerald-500/10">
          <CircleCheck aria-hidden className="mt-0.5 size-5 shrink-0 text-emerald-600 dark:text-emerald-400" />
          <div className="grid gap-0.5 text-sm">
            <p className="font-semibold">Set-up complete</p>
            <p className="text-muted-foreground">
              {data.organization}&apos;s admins have been told. You can close this page, or come back to change something while the link works.
            </p>
          </div>
        </div>
      )}

      {data.steps.length > 1 && <StepNav steps={data.steps} current={step} onSelect={setCurrent} />}

      <section aria-label={SCOPE_LABELS[step]} className="grid gap-6">
        {step === "sso" && <SsoStep token={token} setup={data} />}
        {step === "domains" && <DomainsStep token={token} devDns={devDns} />}
        {step === "scim" && <ScimStep token={token} />}
      </section>

      {(previous || next) && (
        <div className="flex flex-wrap justify-between gap-2 border-t pt-6">
          {previous ? (
            <Button variant="outline" onClick={() => setCurrent(previous.scope)}>
              <ArrowLeft aria-hidden />
              {SCOPE_LABELS[previous.scope]}
            </Button>
          ) : (
            <span />
          )}
          {next && (
            <Button onClick={() => setCurrent(next.scope)}>
              Next: {SCOPE_LABELS[next.scope]}
              <ArrowRight aria-hidden />
            </Button>
          )}
        </div>
      )}
    </SetupShell>
  );
}
