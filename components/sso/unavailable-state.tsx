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
  /** 2 inside a page that has its own heading (a connection's tab); 1 in place of a whole page. */
  level?: 1 | 2;
  testId?: string;
};

/** In place of a page the caller can't use: why, and the way back. The title is the page's heading (or its section's). */
export function UnavailableState({
  icon: Icon,
  title,
  description,
  actions,
  backHref = "/settings/connections",
  backLabel = "Back to SSO connections",
  level = 1,
  testId = "unavailable-state",
}: UnavailableStateProps) {
  const Heading = level === 1 ? "h1" : "h2";
  return (
    <Card data-testid={testId} className="mx-auto w-full max-w-lg">
      <CardHeader>
        <Icon aria-hidden className="text-muted-foreground mb-1 size-6" />
        <Heading className="text-lg leading-tight font-semibold tracking-tight">{title}</Heading>
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
