import { ArrowRight, FileKey2, LockKeyhole } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { Skeleton } from "@/components/console/skeleton";
import { connectionHref, PROTOCOL_LABELS } from "@/components/sso/labels";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { protocolHref } from "./protocol-links";
import { UnavailableState } from "./unavailable-state";
import type { Protocol } from "./types";

/**
 * A protocol's settings page opened for a connection of the other protocol
 * (the tab is only linked for its own; a typed-in URL lands here).
 */
export function WrongProtocol({ connectionId, protocol, page }: { connectionId: string; protocol: Protocol; page: Protocol }) {
  return (
    <UnavailableState
      level={2}
      testId={`not-${page}`}
      icon={protocol === "saml" ? FileKey2 : LockKeyhole}
      title={`This connection uses ${PROTOCOL_LABELS[protocol]}`}
      description={`${PROTOCOL_LABELS[page]} settings only apply to ${PROTOCOL_LABELS[page]} connections.`}
      backHref={connectionHref(connectionId)}
      backLabel="Back to the overview"
      actions={
        <Link href={protocolHref(connectionId, protocol)} className={buttonVariants({ variant: "outline" })}>
          {PROTOCOL_LABELS[protocol]} settings
          <ArrowRight aria-hidden />
        </Link>
      }
    />
  );
}

/** Card-shaped placeholders while a settings form loads. */
export function SettingsFormSkeleton({ label, cards = 2 }: { label: string; cards?: number }) {
  return (
    <div role="status" aria-label={label} className="grid gap-6">
      {Array.from({ length: cards }, (_, card) => (
        <Card key={card}>
          <CardHeader>
            <Skeleton className="h-5 w-36" />
            <Skeleton className="h-4 w-72 max-w-full" />
          </CardHeader>
          <CardContent className="grid gap-3">
            <Skeleton className="h-10 w-full" />
            <Skeleton className="h-10 w-full" />
            <Skeleton className="h-10 w-2/3" />
          </CardContent>
        </Card>
      ))}
    </div>
  );
}

/** A protocol page's body: the settings form, and beside it (below, on narrow screens) the status and test cards. */
export function SettingsColumns({ form, aside }: { form: ReactNode; aside: ReactNode }) {
  return (
    <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <div className="min-w-0">{form}</div>
      <div className="grid min-w-0 gap-6">{aside}</div>
    </div>
  );
}
