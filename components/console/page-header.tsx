import type { ReactNode } from "react";

type PageHeaderProps = {
  /** Small text above the title, e.g. the section. */
  eyebrow?: ReactNode;
  title: ReactNode;
  description?: ReactNode;
  /** Controls on the right (wrap below the title on small screens). */
  actions?: ReactNode;
};

export function PageHeader({ eyebrow, title, description, actions }: PageHeaderProps) {
  return (
    <div className="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
      <div className="flex min-w-0 flex-col gap-1">
        {eyebrow && <p className="text-muted-foreground text-sm font-medium">{eyebrow}</p>}
        <h1 className="text-2xl font-semibold tracking-tight break-words sm:text-3xl">{title}</h1>
        {description && <p className="text-muted-foreground text-sm">{description}</p>}
      </div>
      {actions && <div className="flex shrink-0 flex-wrap items-center gap-2">{actions}</div>}
    </div>
  );
}
