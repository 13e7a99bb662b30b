"use client";

import { TextField } from "@/components/console/text-field";
import { cn } from "@/lib/cn";
import { LinesField } from "./lines-field";
import { textFieldBinder } from "./settings-form";
import type { SettingsForm } from "./use-settings-form";

export type MappingField<Draft> = { field: keyof Draft & string; label: string; placeholder: string; hint: string };

type ProfileMappingFieldsProps<Draft extends object> = {
  form: SettingsForm<Draft>;
  disabled: boolean;
  /** One input per profile field, in two columns from `sm` up. */
  fields: ReadonlyArray<MappingField<Draft>>;
  /** The `field=<source>` lines for extra profile fields. */
  extra: Omit<MappingField<Draft>, "label">;
  /** One long field per row, in a monospace font (SAML attribute names are often URIs). */
  long?: boolean;
};

/** Which claims (OIDC) or attributes (SAML) fill the profile, and the extra fields to keep. */
export function ProfileMappingFields<Draft extends object>({ form, disabled, fields, extra, long = false }: ProfileMappingFieldsProps<Draft>) {
  const text = textFieldBinder(form, disabled);
  return (
    <>
      <div className={cn("grid gap-4", !long && "sm:grid-cols-2")}>
        {fields.map(({ field, label, placeholder, hint }) => (
          <TextField key={field} label={label} placeholder={placeholder} hint={hint} className={cn(long && "font-mono text-xs")} {...text(field)} />
        ))}
      </div>
      <LinesField label="Extra profile fields" hint={extra.hint} placeholder={extra.placeholder} {...text(extra.field)} />
    </>
  );
}
