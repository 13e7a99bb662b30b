"use client";

import { BookOpen } from "lucide-react";
import { useId, useMemo, type ReactNode } from "react";
import { ChoiceGroup, type Choice } from "@/components/sso/policy/choice-group";
import { Callout } from "@/components/sso/policy/callout";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

/** What the picker needs of a protocol's identity provider template. */
export type ProviderTemplate<Id extends string> = {
  id: Id;
  name: string;
  /** One line under the name. */
  description: string;
  /** Where to find the values, in the provider's admin console, in order. */
  steps: readonly string[];
  /** A caveat, if any. */
  note?: string;
};

type ProviderCardProps<Id extends string> = {
  /** Under the card's title: what to do at the provider first. */
  intro: ReactNode;
  templates: readonly ProviderTemplate<Id>[];
  value: Id;
  onChange: (template: Id) => void;
  disabled: boolean;
  /** What picking one does, under the question. */
  description: ReactNode;
  /** Above the picked template's steps, e.g. "Where to find these values in Okta". */
  stepsHeading: string;
};

/** "Identity provider": which one (picking one fills in its defaults), and its set-up steps below. */
export function ProviderCard<Id extends string>({ intro, templates, value, onChange, disabled, description, stepsHeading }: ProviderCardProps<Id>) {
  const choices = useMemo<ReadonlyArray<Choice<Id>>>(
    () => templates.map((template) => ({ value: template.id, label: template.name, description: template.description })),
    [templates],
  );
  const template = templates.find((candidate) => candidate.id === value) ?? templates[0]!;
  const stepsId = useId();
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">Identity provider</CardTitle>
        <CardDescription>{intro}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-5">
        <ChoiceGroup
          legend="Which one do you use?"
          description={description}
          name="template"
          value={value}
          choices={choices}
          onChange={onChange}
          disabled={disabled}
          columns={2}
        />
        <section aria-labelledby={stepsId} data-testid="template-steps" className="bg-muted/40 grid gap-3 rounded-lg border p-4">
          <h3 id={stepsId} className="flex items-center gap-2 text-sm font-semibold">
            <BookOpen aria-hidden className="text-muted-foreground size-4" />
            {stepsHeading}
          </h3>
          <ol className="text-muted-foreground grid list-decimal gap-1.5 pl-5 text-sm marker:text-xs">
            {template.steps.map((step) => (
              <li key={step} className="pl-1">
                {step}
              </li>
            ))}
          </ol>
          {template.note && <Callout tone="info">{template.note}</Callout>}
        </section>
      </CardContent>
    </Card>
  );
}
