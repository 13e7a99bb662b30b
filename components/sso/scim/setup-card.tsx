"use client";

import { useMutation } from "convex/react";
import { LogOut, RefreshCw, UserPlus, UsersRound, type LucideIcon } from "lucide-react";
import { FormMessage } from "@/components/console/form-message";
import { useConsoleAction } from "@/components/console/use-action-state";
import { PendingButton } from "@/components/sso/pending-button";
import { Callout } from "@/components/sso/policy/callout";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { api } from "@/convex/_generated/api";
import type { IssuedToken } from "./token-dialog";

const WHAT_IT_DOES: ReadonlyArray<{ icon: LucideIcon; title: string; text: string }> = [
  { icon: UserPlus, title: "Creates", text: "People assigned to the app in your directory get an account and join the organization, before they ever sign in." },
  { icon: RefreshCw, title: "Updates", text: "Names, emails and groups follow the directory, and so do the roles the policy maps from groups." },
  { icon: LogOut, title: "Deactivates", text: "Someone removed or suspended there loses access here at once: every session of theirs ends, everywhere." },
];

type SetupCardProps = {
  connectionId: string;
  canManage: boolean;
  /** Gets the first token, which the page shows once. */
  onIssued: (issued: IssuedToken) => void;
};

/** SCIM before it is set up: what it does, and "Set up SCIM", which turns it on and issues the first token. */
export function SetupCard({ connectionId, canManage, onIssued }: SetupCardProps) {
  const setScim = useMutation(api.auth.group.setScim);
  const { pending, error, run } = useConsoleAction();

  async function setUp() {
    const outcome = await run(() => setScim({ connectionId }));
    if (outcome.ok && outcome.value.token) {
      onIssued({
        token: outcome.value.token,
        title: "SCIM is on: here is its token",
        description: "Your identity provider sends it with every provisioning request, together with the base URL shown on this page.",
      });
    }
  }

  return (
    <Card data-testid="scim-setup">
      <CardHeader>
        <UsersRound aria-hidden className="text-muted-foreground mb-1 size-6" />
        <CardTitle as="h2">Provision people from your directory</CardTitle>
        <CardDescription>
          With SCIM, your identity provider (Microsoft Entra ID, Okta, OneLogin, JumpCloud, …) keeps this organization&apos;s members in step with
          its directory, automatically.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-5">
        <ul className="grid gap-3 sm:grid-cols-3">
          {WHAT_IT_DOES.map(({ icon: Icon, title, text }) => (
            <li key={title} className="bg-muted/40 grid content-start gap-1.5 rounded-lg border p-4">
              <p className="flex items-center gap-2 text-sm font-semibold">
                <Icon aria-hidden className="text-muted-foreground size-4" />
                {title}
              </p>
              <p className="text-muted-foreground text-sm">{text}</p>
            </li>
          ))}
        </ul>
        <Callout tone="info">
          Only people with an email on one of the organization&apos;s verified domains are provisioned, and only if the policy lets the directory create
          users.
        </Callout>
        {canManage ? (
          <div className="grid gap-2" aria-live="polite">
            <PendingButton className="w-full sm:w-fit" onClick={setUp} pending={pending} icon={UsersRound} pendingLabel="Setting up…">
              Set up SCIM
            </PendingButton>
            <p className="text-muted-foreground text-xs">You get a base URL and a token for your identity provider. The token is shown once.</p>
            {error && <FormMessage tone="error">{error.message}</FormMessage>}
          </div>
        ) : (
          <p data-testid="read-only-note" className="text-muted-foreground text-sm">
            Only admins and owners can set up SCIM.
          </p>
        )}
      </CardContent>
    </Card>
  );
}
