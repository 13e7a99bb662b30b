import { CircleCheck, CircleDashed, CircleX, Clock, TimerOff, TriangleAlert } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/lib/cn";
import { CONNECTION_STATUS_LABELS, DOMAIN_STATUS_LABELS, PROTOCOL_LABELS, PROTOCOL_SHORT } from "./labels";
import type { ConnectionStatus, DomainStatus, Protocol } from "./types";

/**
 * Badges for connections and domains. Every state has its own icon or dot as
 * well as its colour, so it reads without colour too.
 */
const GREEN = "border-transparent bg-emerald-50 text-emerald-700 dark:bg-emerald-500/15 dark:text-emerald-300";
const AMBER = "border-transparent bg-amber-50 text-amber-800 dark:bg-amber-500/15 dark:text-amber-300";
const RED = "border-transparent bg-red-50 text-red-700 dark:bg-red-500/15 dark:text-red-300";

export function ProtocolBadge({ protocol, className }: { protocol: Protocol; className?: string }) {
  return (
    <Badge variant="outline" className={className}>
      <abbr title={PROTOCOL_LABELS[protocol]} className="no-underline">
        {PROTOCOL_SHORT[protocol]}
      </abbr>
    </Badge>
  );
}

export function ConnectionStatusBadge({ status, className }: { status: ConnectionStatus; className?: string }) {
  return (
    <Badge data-testid="connection-status" className={cn(status === "active" && GREEN, status === "disabled" && RED, className)}>
      <span
        aria-hidden
        className={cn(
          "size-1.5 rounded-full",
          status === "active" ? "bg-emerald-500" : status === "disabled" ? "bg-red-500" : "bg-zinc-400",
        )}
      />
      {CONNECTION_STATUS_LABELS[status]}
    </Badge>
  );
}

const DOMAIN_STYLES: Record<DomainStatus, { className: string; icon: typeof Clock }> = {
  pending: { className: AMBER, icon: Clock },
  verified: { className: GREEN, icon: CircleCheck },
  expired: { className: "", icon: TimerOff },
  failed: { className: RED, icon: CircleX },
};

export function DomainStatusBadge({ status, className }: { status: DomainStatus; className?: string }) {
  const { className: tone, icon: Icon } = DOMAIN_STYLES[status] ?? { className: "", icon: CircleDashed };
  return (
    <Badge data-testid="domain-status" className={cn(tone, className)}>
      <Icon aria-hidden />
      {DOMAIN_STATUS_LABELS[status]}
    </Badge>
  );
}

export type CertificateState = "valid" | "expiring" | "expired";

const CERTIFICATE_STYLES: Record<CertificateState, { className: string; icon: typeof Clock; label: string }> = {
  valid: { className: GREEN, icon: CircleCheck, label: "Valid" },
  expiring: { className: AMBER, icon: TriangleAlert, label: "Expires soon" },
  expired: { className: RED, icon: CircleX, label: "Expired" },
};

/** An identity provider's signing certificate: valid, expiring within the warning window, or expired. */
export function CertificateStateBadge({ state, className }: { state: CertificateState; className?: string }) {
  const { className: tone, icon: Icon, label } = CERTIFICATE_STYLES[state];
  return (
    <Badge data-testid="certificate-state" data-state={state} className={cn(tone, className)}>
      <Icon aria-hidden />
      {label}
    </Badge>
  );
}
