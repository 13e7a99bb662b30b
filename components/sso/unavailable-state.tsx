import { ArrowLeft, type LucideIcon } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";

type UnavailableStateProps = {
  icon: LucideIcon;
  title: string;
  description: ReactNode;
  /** Extra controls next to the way back. */
  actions?: ReactNode;
  /** Where "back" goes; defaults to the connections list. */
  backHref?: string;
  backLabel?: string;
};

/** In place of a page the caller can't use: why, and the way back. The title is the page's heading. */
export function UnavailableState({
  icon: Icon,
  title,
  description,
  actions,
  backHref = "/settings/connections",
  backLabel = "Back to SSO connections",
}: UnavailableStateProps) {
  return (
    <Card data-testid="unavailable-state" className="mx-auto w-full max-w-lg">
      <CardHeader>
        <Icon aria-hidden className="text-muted-foreground mb-1 size-6" />
        <h1 className="text-lg leading-tight font-semibold tracking-tight">{title}</h1>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-wrap gap-2">
        <Link href={backHref} className={buttonVariants({ variant: "outline" })}>
          <ArrowLeft aria-hidden />
          {backLabel}
        </Link>
        {actions}
      </CardContent>
    </Card>
  );
}
