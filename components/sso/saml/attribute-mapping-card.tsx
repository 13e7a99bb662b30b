"use client";

import { ProfileMappingFields, type MappingField } from "@/components/sso/profile-mapping-fields";
import type { SettingsForm } from "@/components/sso/use-settings-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { SamlDraft } from "./saml-form-schema";
import type { SamlTemplate } from "./templates";

const ATTRIBUTE_FIELDS: ReadonlyArray<MappingField<SamlDraft>> = [
  {
    field: "subjectAttribute",
    label: "Subject",
    placeholder: "NameID",
    hint: "The user's stable ID. Empty: the NameID. Best something that never changes.",
  },
  { field: "emailAttribute", label: "Email", placeholder: "email", hint: "Required. Else the NameID, if it is an address." },
  { field: "nameAttribute", label: "Name", placeholder: "name", hint: "Optional: the display name. Else first and last name." },
  { field: "firstNameAttribute", label: "First name", placeholder: "firstName", hint: "Optional." },
  { field: "lastNameAttribute", label: "Last name", placeholder: "lastName", hint: "Optional." },
  { field: "groupsAttribute", label: "Groups", placeholder: "groups", hint: "Optional: for role mapping by group." },
  { field: "rolesAttribute", label: "Roles", placeholder: "roles", hint: "Optional: for role mapping by role." },
];

const EXTRA_ATTRIBUTES: Omit<MappingField<SamlDraft>, "label"> = {
  field: "extraFields",
  placeholder: "department=Department",
  hint: "Other attributes to keep on the profile, one field=attribute per line, e.g. department=Department.",
};

type AttributeMappingCardProps = {
  form: SettingsForm<SamlDraft>;
  template: SamlTemplate;
  disabled: boolean;
};

/** Which SAML attributes fill the profile; the picked template's names to start with. */
export function AttributeMappingCard({ form, template, disabled }: AttributeMappingCardProps) {
  const provider = template.id === "generic" ? "your identity provider" : template.name;
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">Attribute mapping</CardTitle>
        <CardDescription>
          Which attributes of {provider}&apos;s assertions fill the profile. Names must match exactly, and are often URIs. A test
          sign-in lists every attribute that arrives.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <ProfileMappingFields form={form} disabled={disabled} fields={ATTRIBUTE_FIELDS} extra={EXTRA_ATTRIBUTES} long />
      </CardContent>
    </Card>
  );
}
