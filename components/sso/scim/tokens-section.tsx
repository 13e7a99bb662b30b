"use client";

import { useMutation } from "convex/react";
import { Ban, KeyRound, RefreshCw } from "lucide-react";
import { useId, useState, type RefObject } from "react";
import { destructiveOutlineButton } from "@/components/console/button-styles";
import { ConfirmDialog } from "@/components/console/confirm-dialog";
import { FormMessage } from "@/components/console/form-message";
import { useConsoleAction } from "@/components/console/use-action-state";
import { useNow } from "@/components/guestbook/use-now";
import { PendingButton } from "@/components/sso/pending-button";
import { ChoiceGroup } from "@/components/sso/policy/choice-group";
import { RelativeTime } from "@/components/sso/relative-time";
import { describeExpiry } from "@/components/sso/time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { api } from "@/convex/_generated/api";
import { cn } from "@/lib/cn";
import type { IssuedToken } from "./token-dialog";
import { describeRotation, OVERLAP_CHOICES, overlapSeconds, tokenRows, type OverlapChoice, type TokenRow } from "./tokens";
import type { ScimToken } from "./types";

const CLOCK_TICK_MS = 30_000;

type TokensSectionProps = {
  connectionId: string;
  tokens: readonly ScimToken[];
  canManage: boolean;
  onIssued: (issued: IssuedToken) => void;
  /** The section's heading, focusable from code (the token dialog returns the focus here). */
  headingRef?: RefObject<HTMLHeadingElement | null>;
};

/** The tokens that can authenticate (by prefix, with their age and any expiry), rotation, and "Revoke all". */
export function TokensSection({ connectionId, tokens, canManage, onIssued, headingRef }: TokensSectionProps) {
  const now = useNow(CLOCK_TICK_MS);
  const rows = tokenRows(tokens, now);
  const ownTokens = rows.filter((row) => row.kind !== "self-check").length;
  const setScim = useMutation(api.auth.group.setScim);
  const issue = useConsoleAction();
  const headingId = useId();

  async function issueToken() {
    const outcome = await issue.run(() => setScim({ connectionId, rotateToken: true }));
    if (outcome.ok && outcome.value.token) {
      onIssued({ token: outcome.value.token, title: "New SCIM token", description: "Paste it into your identity provider: until then, its requests are refused." });
    }
  }

  return (
    <section aria-labelledby={headingId} className="grid gap-3">
      <div className="grid gap-1">
        <h3 id={headingId} ref={headingRef} tabIndex={-1} className="text-sm font-semibold focus:outline-none">
          Tokens
        </h3>
        <p className="text-muted-foreground text-sm">
          Your identity provider authenticates with one of these. Each is shown once, when it is issued; only its first characters are kept, to tell
          them apart.
        </p>
      </div>
      {rows.length === 0 ? (
        <p data-testid="scim-no-tokens" className="text-muted-foreground rounded-lg border border-dashed px-4 py-5 text-center text-sm">
          No token can authenticate: every request is refused until you issue one.
        </p>
      ) : (
        <ul aria-labelledby={headingId} data-testid="scim-tokens" className="divide-y rounded-lg border">
          {rows.map((row) => (
            <TokenItem key={row.key} row={row} now={now} />
          ))}
        </ul>
      )}
      {canManage && (
        <div className="flex flex-wrap gap-2">
          {ownTokens > 0 ? (
            <RotateTokenDialog connectionId={connectionId} onIssued={onIssued} />
          ) : (
            <PendingButton onClick={issueToken} pending={issue.pending} icon={KeyRound}>
              Issue a token
            </PendingButton>
          )}
          <ConfirmDialog
            trigger={
              <Button
                variant="outline"
                className={cn(destructiveOutlineButton, ownTokens === 0 && "pointer-events-none opacity-50")}
                // Not `disabled`: the focus comes back here after revoking, and a disabled button would drop it.
                aria-disabled={ownTokens === 0 || undefined}
                onClick={(event) => ownTokens === 0 && event.preventDefault()}
              >
                <Ban aria-hidden />
                Revoke all tokens
              </Button>
            }
            title="Revoke all SCIM tokens?"
            description="Every token stops working at once, old ones in their overlap window included: your identity provider's requests are refused until you issue a new token and paste it there. Provisioned people stay as they are."
            confirmLabel="Revoke all tokens"
            destructive
            onConfirm={() => setScim({ connectionId, revokeTokens: true })}
          />
        </div>
      )}
      <div aria-live="polite" className="empty:hidden">
        {issue.error && <FormMessage tone="error">{issue.error.message}</FormMessage>}
      </div>
    </section>
  );
}

function TokenItem({ row, now }: { row: TokenRow; now: number }) {
  return (
    <li data-testid="scim-token" data-kind={row.kind} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2.5 sm:px-4">
      <KeyRound aria-hidden className="text-muted-foreground size-4 shrink-0" />
      <code className="font-mono text-sm">{row.kind === "self-check" ? "Self-check token" : `${row.prefix}…`}</code>
      {row.kind === "current" ? (
        <Badge className="border-transparent bg-emerald-50 text-emerald-700 dark:bg-emerald-500/15 dark:text-emerald-300">Active</Badge>
      ) : (
        <Badge className="border-transparent bg-amber-50 text-amber-800 dark:bg-amber-500/15 dark:text-amber-300">
          {row.kind === "self-check" ? "Temporary · " : ""}
          {describeExpiry(row.expiresTime!, now)}
        </Badge>
      )}
      <span className="text-muted-foreground text-xs sm:ml-auto">
        Created <RelativeTime timestamp={row.createdTime} now={now} />
      </span>
    </li>
  );
}

/** "Rotate token": a new token, shown once; the old one stops now or after the overlap picked here. */
function RotateTokenDialog({ connectionId, onIssued }: { connectionId: string; onIssued: (issued: IssuedToken) => void }) {
  const setScim = useMutation(api.auth.group.setScim);
  const [choice, setChoice] = useState<OverlapChoice>("hour");

  async function rotate() {
    const seconds = overlapSeconds(choice);
    const { token } = await setScim({ connectionId, rotateToken: true, overlapSeconds: seconds });
    if (token) onIssued({ token, title: "New SCIM token", description: describeRotation(seconds) });
  }

  return (
    <ConfirmDialog
      trigger={
        <Button variant="outline">
          <RefreshCw aria-hidden />
          Rotate token
        </Button>
      }
      title="Rotate the SCIM token?"
      description="A new token is issued and shown once. Paste it into your identity provider in place of the old one."
      confirmLabel="Rotate token"
      onConfirm={rotate}
    >
      <ChoiceGroup
        legend="Keep the old token working?"
        name="overlap"
        value={choice}
        choices={OVERLAP_CHOICES}
        onChange={setChoice}
      />
    </ConfirmDialog>
  );
}
