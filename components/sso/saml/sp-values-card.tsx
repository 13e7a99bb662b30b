"use client";

import { useConvex } from "convex/react";
import { Download, LoaderCircle } from "lucide-react";
import { FormMessage } from "@/components/console/form-message";
import { useConsoleAction } from "@/components/console/use-action-state";
import { downloadText } from "@/components/sso/audit/download";
import { CopyField } from "@/components/sso/copy-value";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { api } from "@/convex/_generated/api";
import type { SamlTemplate } from "./templates";

type SpValues = { acsUrl: string; entityId: string; metadataUrl: string };

type SpValuesCardProps = {
  connectionId: string;
  /** Our service provider's values (from getSamlStatus, there before anything is saved); `null` while loading. */
  values: SpValues | null;
  template: SamlTemplate;
};

/**
 * Step 1: what the identity provider needs from us, each with a copy button,
 * named as the picked provider's console names it; and our SP metadata,
 * which has all of it, as a file.
 */
export function SpValuesCard({ connectionId, values, template }: SpValuesCardProps) {
  const provider = template.id === "generic" ? null : template.name;
  const where = (term: string) => (provider ? ` ${provider} calls it “${term}”.` : "");
  return (
    <Card data-testid="saml-sp-values">
      <CardHeader className="pb-4">
        <CardTitle as="h2">
          <span className="text-muted-foreground font-medium">Step 1 · </span>Give these to your identity provider
        </CardTitle>
        <CardDescription>
          Create a SAML application at {provider ?? "your identity provider"} with these values. If it can import service provider
          metadata, give it our SP metadata instead: its address, or the downloaded file.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-5">
        <div className="grid gap-4 md:grid-cols-2">
          <CopyField
            label="ACS URL"
            testId="saml-acs-url"
            value={values?.acsUrl ?? null}
            hint={`Where your identity provider posts its answer (Assertion Consumer Service).${where(template.terms.acsUrl)}`}
          />
          <CopyField
            label="SP entity ID"
            testId="saml-sp-entity-id"
            value={values?.entityId ?? null}
            hint={`Who we are: the audience of its assertions.${where(template.terms.entityId)}`}
          />
          <CopyField
            label="SP metadata"
            testId="saml-sp-metadata-url"
            value={values?.metadataUrl ?? null}
            className="md:col-span-2"
            hint="The address of our metadata: both values above, and our certificates if any, in one public document."
          />
        </div>
        <DownloadMetadata connectionId={connectionId} />
      </CardContent>
    </Card>
  );
}

/** Saves our SP metadata XML (the public `metadata` query) as sp-metadata.xml. */
function DownloadMetadata({ connectionId }: { connectionId: string }) {
  const convex = useConvex();
  const { pending, error, run } = useConsoleAction();

  async function download() {
    const outcome = await run(() => convex.query(api.auth.group.metadata, { connectionId }));
    if (outcome.ok && outcome.value) downloadText("sp-metadata.xml", outcome.value, "application/samlmetadata+xml");
  }

  return (
    <div className="grid gap-2" aria-live="polite">
      <Button variant="outline" className="w-full sm:w-fit" onClick={download} disabled={pending} aria-busy={pending || undefined}>
        {pending ? <LoaderCircle aria-hidden className="animate-spin" /> : <Download aria-hidden />}
        Download SP metadata
      </Button>
      {error && <FormMessage tone="error">{error.message}</FormMessage>}
    </div>
  );
}
