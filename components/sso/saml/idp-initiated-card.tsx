"use client";

import { TextField } from "@/components/console/text-field";
import { Callout } from "@/components/sso/policy/callout";
import { SwitchField } from "@/components/sso/policy/switch-field";
import { switchFieldBinder, textFieldBinder } from "@/components/sso/settings-form";
import type { SettingsForm } from "@/components/sso/use-settings-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { SamlDraft } from "./saml-form-schema";
import type { SamlTemplate } from "./templates";

type IdpInitiatedCardProps = {
  form: SettingsForm<SamlDraft>;
  template: SamlTemplate;
  disabled: boolean;
};

/** Sign-in started at the identity provider's app dashboard: off by default, and why. */
export function IdpInitiatedCard({ form, template, disabled }: IdpInitiatedCardProps) {
  const text = textFieldBinder(form, disabled);
  const toggle = switchFieldBinder(form, disabled);
  const provider = template.id === "generic" ? "your identity provider" : template.name;
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">Sign-in from the identity provider</CardTitle>
        <CardDescription>
          Sign-in always works from our sign-in page. This is about starting at the app&apos;s tile in {provider}&apos;s dashboard
          (IdP-initiated).
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-5">
        <SwitchField
          label="Allow IdP-initiated sign-in"
          description="Accept answers that no sign-in started here asked for."
          {...toggle("idpInitiated")}
        />
        {form.draft.idpInitiated ? (
          <>
            <Callout tone="warning" title="Less protected than sign-in from our page" live>
              Such an answer can&apos;t be tied to the browser that receives it. Someone holding a valid answer for their own account
              could make another person&apos;s browser sign in with it, and an intercepted answer is accepted once until it expires.
              Turn this on only if people need the dashboard tile.
            </Callout>
            <TextField
              label="Landing page"
              placeholder="/dashboard"
              hint="A path on this site where people land after signing in from the dashboard."
              {...text("defaultRedirect")}
            />
          </>
        ) : (
          <p className="text-muted-foreground text-sm">
            Off: answers must match a sign-in started here. People who click the tile are asked to start from our sign-in page.
          </p>
        )}
      </CardContent>
    </Card>
  );
}
