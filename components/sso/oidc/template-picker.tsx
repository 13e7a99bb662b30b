"use client";

import { BookOpen } from "lucide-react";
import { useId } from "react";
import { ChoiceGroup, type Choice } from "@/components/sso/policy/choice-group";
import { Callout } from "@/components/sso/policy/callout";
import { OIDC_TEMPLATES, TEMPLATES_BY_ID, type TemplateId } from "./templates";

const CHOICES: ReadonlyArray<Choice<TemplateId>> = OIDC_TEMPLATES.map((template) => ({
  value: template.id,
  label: template.name,
  description: template.description,
}));

type TemplatePickerProps = {
  value: TemplateId;
  onChange: (template: TemplateId) => void;
  disabled: boolean;
};

/** Which identity provider: picking one fills in its defaults; its set-up steps show below. */
export function TemplatePicker({ value, onChange, disabled }: TemplatePickerProps) {
  const template = TEMPLATES_BY_ID[value];
  const stepsId = useId();
  return (
    <div className="grid gap-5">
      <ChoiceGroup
        legend="Which one do you use?"
        description="Picking one fills in its scopes, claim mapping and client authentication; you can change any of them below."
        name="template"
        value={value}
        choices={CHOICES}
        onChange={onChange}
        disabled={disabled}
        columns={2}
      />
      <section aria-labelledby={stepsId} data-testid="template-steps" className="bg-muted/40 grid gap-3 rounded-lg border p-4">
        <h3 id={stepsId} className="flex items-center gap-2 text-sm font-semibold">
          <BookOpen aria-hidden className="text-muted-foreground size-4" />
          Where to find these values{value === "generic" ? "" : ` in ${template.name}`}
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
    </div>
  );
}
