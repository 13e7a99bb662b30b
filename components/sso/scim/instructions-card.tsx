"use client";

import { useId, useState, type ReactNode } from "react";
import { CopyButton } from "@/components/sso/copy-button";
import { Callout } from "@/components/sso/policy/callout";
import { SelectField } from "@/components/sso/select-field";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { isScimProviderId, SCIM_IDENTIFIER, SCIM_INSTRUCTIONS, SCIM_INSTRUCTIONS_BY_ID, type ScimProviderId } from "./instructions";

/**
 * Where the base URL and the token go at the picked identity provider, in
 * its own words, which attribute becomes userName, and the steps there.
 */
export function InstructionsCard({ baseUrl }: { baseUrl: string }) {
  const [providerId, setProviderId] = useState<ScimProviderId>("entra");
  const provider = SCIM_INSTRUCTIONS_BY_ID[providerId];
  const id = useId();
  return (
    <Card data-testid="scim-instructions">
      <CardHeader>
        <CardTitle as="h2">Connect your identity provider</CardTitle>
        <CardDescription>Turn on provisioning there, in the app people already use to sign in here.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-5">
        <SelectField
          id={`${id}-provider`}
          label="Identity provider"
          hint={provider.description}
          value={providerId}
          onChange={(event) => isScimProviderId(event.target.value) && setProviderId(event.target.value)}
          wrapperClassName="sm:max-w-xs"
        >
          {SCIM_INSTRUCTIONS.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.name}
            </option>
          ))}
        </SelectField>

        <dl data-testid="scim-terms" className="divide-y rounded-lg border text-sm">
          <Term name={provider.terms.baseUrl} what="the base URL">
            <CopyButton value={baseUrl} label="base URL" />
          </Term>
          <Term name={provider.terms.token} what="the token (shown once, when it was issued)" />
          <Term name="Unique identifier" what={<><code className="font-mono text-xs">{SCIM_IDENTIFIER}</code>: {provider.userName}</>} />
        </dl>

        <section aria-labelledby={`${id}-steps`} className="grid gap-2">
          <h3 id={`${id}-steps`} className="text-sm font-semibold">
            In {provider.name}
          </h3>
          <ol data-testid="scim-steps" className="text-muted-foreground grid list-decimal gap-1.5 pl-5 text-sm marker:text-xs">
            {provider.steps.map((step) => (
              <li key={step} className="pl-1">
                {step}
              </li>
            ))}
          </ol>
        </section>
        {provider.note && <Callout tone="info">{provider.note}</Callout>}
      </CardContent>
    </Card>
  );
}

/** One of the provider's fields, and what goes in it. */
function Term({ name, what, children }: { name: string; what: ReactNode; children?: ReactNode }) {
  return (
    <div className="flex flex-col gap-1 px-3 py-2.5 sm:flex-row sm:items-center sm:gap-4 sm:px-4">
      <dt className="font-medium sm:w-52 sm:shrink-0">{name}</dt>
      <dd className="text-muted-foreground flex min-w-0 flex-1 flex-wrap items-center justify-between gap-2">
        <span className="min-w-0">{what}</span>
        {children}
      </dd>
    </div>
  );
}
