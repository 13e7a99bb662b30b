"use client";

import { FileUp } from "lucide-react";
import { useState, type ChangeEvent } from "react";
import { TextField } from "@/components/console/text-field";
import { FormMessage } from "@/components/console/form-message";
import { LinesField } from "@/components/sso/lines-field";
import { ChoiceGroup, type Choice } from "@/components/sso/policy/choice-group";
import { Callout } from "@/components/sso/policy/callout";
import { textFieldBinder } from "@/components/sso/settings-form";
import type { SettingsForm } from "@/components/sso/use-settings-form";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/lib/cn";
import { MAX_DOCUMENT_KB, type SamlDraft } from "./saml-form-schema";
import type { SamlTemplate } from "./templates";

const XML_TYPES = ".xml,text/xml,application/xml,application/samlmetadata+xml";

type MetadataCardProps = {
  form: SettingsForm<SamlDraft>;
  template: SamlTemplate;
  /** The saved metadata was given as XML, which isn't shown again. */
  savedAsXml: boolean;
  disabled: boolean;
};

/**
 * Step 2: the identity provider's metadata, by URL (fetched on every save)
 * or as XML (pasted, or read from an uploaded file in the browser).
 */
export function MetadataCard({ form, template, savedAsXml, disabled }: MetadataCardProps) {
  const { draft, change } = form;
  const text = textFieldBinder(form, disabled);
  const provider = template.id === "generic" ? "your identity provider" : template.name;
  const choices: ReadonlyArray<Choice<SamlDraft["metadataMode"]>> = [
    {
      value: "url",
      label: "From its URL",
      description: "Fetched now and again on every save, so new certificates are picked up.",
      badge: template.metadata.source === "url" ? <span className="text-muted-foreground text-xs font-normal">Recommended</span> : undefined,
    },
    {
      value: "xml",
      label: "As an XML file",
      description: `Paste the metadata, or upload the file ${provider} lets you download.`,
      badge: template.metadata.source === "xml" ? <span className="text-muted-foreground text-xs font-normal">{template.name} offers this</span> : undefined,
    },
  ];

  const limitKb = draft.maxMetadataKb.trim() || MAX_DOCUMENT_KB;
  const xmlHint = [
    `Starts with <EntityDescriptor or <md:EntityDescriptor; at most ${limitKb} KB (Largest metadata, under Advanced settings).`,
    template.metadata.source === "xml" ? template.metadata.hint : "",
  ].join(" ");

  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">
          <span className="text-muted-foreground font-medium">Step 2 · </span>Your identity provider&apos;s metadata
        </CardTitle>
        <CardDescription>
          It says who {provider} is, where sign-in starts and which certificates its signatures are checked with. It is read again each
          time you save.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-5">
        <ChoiceGroup
          legend="How do you give it?"
          name="metadataMode"
          value={draft.metadataMode}
          choices={choices}
          onChange={(metadataMode) => change({ metadataMode })}
          disabled={disabled}
          columns={2}
        />
        {draft.metadataMode === "url" ? (
          <TextField
            label="Metadata URL"
            type="url"
            inputMode="url"
            placeholder={template.metadata.pattern ?? "https://idp.example.com/saml/metadata"}
            hint={template.metadata.hint}
            {...text("metadataUrl")}
          />
        ) : (
          <div className="grid gap-3">
            {savedAsXml && draft.metadataXml.trim() === "" && (
              <Callout tone="info" title="The saved metadata isn't shown here">
                To save changes, paste or upload it again (or switch to its URL, which is simpler to keep up to date).
              </Callout>
            )}
            <LinesField
              label="Metadata XML"
              hint={xmlHint}
              placeholder={'<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="…">'}
              rows={6}
              className="max-h-72 overflow-auto"
              {...text("metadataXml")}
            />
            <XmlUpload value={draft.metadataXml} disabled={disabled} onLoad={(metadataXml) => change({ metadataXml })} />
          </div>
        )}
      </CardContent>
    </Card>
  );
}

/** "Upload .xml file": read in the browser into the XML field (nothing is uploaded until Save). */
function XmlUpload({ value, disabled, onLoad }: { value: string; disabled: boolean; onLoad: (xml: string) => void }) {
  // `loaded`: what the file put in the field; the note goes once the field holds something else (an edit, a save).
  const [outcome, setOutcome] = useState<{ tone: "success" | "error"; text: string; loaded?: string } | null>(null);

  async function read(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    // Picking the same file again should read it again.
    event.target.value = "";
    if (!file) return;
    if (file.size > MAX_DOCUMENT_KB * 1024) {
      setOutcome({ tone: "error", text: `${file.name} is larger than ${MAX_DOCUMENT_KB} KB: that isn't a metadata file.` });
      return;
    }
    try {
      const xml = await file.text();
      onLoad(xml);
      setOutcome({ tone: "success", text: `Read ${file.name} (${Math.max(1, Math.round(file.size / 1024))} KB). Save to use it.`, loaded: xml });
    } catch {
      setOutcome({ tone: "error", text: `Couldn't read ${file.name}.` });
    }
  }

  return (
    <div className="grid gap-2">
      <label
        className={cn(
          buttonVariants({ variant: "outline", size: "sm" }),
          "w-fit cursor-pointer has-[:disabled]:pointer-events-none has-[:disabled]:opacity-50",
          "has-[:focus-visible]:ring-ring has-[:focus-visible]:ring-offset-background has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-offset-2",
        )}
      >
        <FileUp aria-hidden />
        Upload .xml file
        <input type="file" accept={XML_TYPES} className="sr-only" onChange={read} disabled={disabled} />
      </label>
      <div aria-live="polite">
        {outcome && (outcome.loaded === undefined || outcome.loaded === value) && <FormMessage tone={outcome.tone}>{outcome.text}</FormMessage>}
      </div>
    </div>
  );
}
