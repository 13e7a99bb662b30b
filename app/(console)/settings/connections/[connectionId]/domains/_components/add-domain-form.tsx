"use client";

import { useMutation } from "convex/react";
import { LoaderCircle, Plus } from "lucide-react";
import { useRef, useState, type FormEvent } from "react";
import * as z from "zod";
import { FormMessage } from "@/components/console/form-message";
import { TextField } from "@/components/console/text-field";
import { useConsoleAction } from "@/components/console/use-action-state";
import { useConsoleQuery } from "@/components/console/use-console-query";
import type { Domain } from "@/components/sso/types";
import { useDebouncedValue } from "@/components/sso/use-debounced-value";
import { domainInputField } from "@/components/sso/validation";
import { Button } from "@/components/ui/button";
import { Form } from "@/components/ui/form";
import { api } from "@/convex/_generated/api";

/** Mirrors MAX_DOMAINS_PER_CONNECTION in convex/engine/domain.ts. */
const MAX_DOMAINS = 20;
const CHECK_DELAY_MS = 400;
/** Failures that are about what was typed: shown on the field rather than under the form. */
const FIELD_CODES = new Set(["DOMAIN_TAKEN", "INVALID_INPUT"]);

type AddDomainFormProps = {
  connectionId: string;
  /** The connection's domains (null while loading): setDomains takes the whole list. */
  domains: Domain[] | null;
};

/**
 * Claims another domain: the server gets the current list plus the new one
 * (and the current primary, which stays primary). What is typed is checked
 * with validateDomains once typing pauses.
 */
export function AddDomainForm({ connectionId, domains }: AddDomainFormProps) {
  const setDomains = useMutation(api.auth.group.setDomains);
  const [value, setValue] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const { pending, error, run } = useConsoleAction();
  const input = useRef<HTMLInputElement>(null);

  const typed = value.trim();
  const debounced = useDebouncedValue(typed, CHECK_DELAY_MS);
  const check = useConsoleQuery(
    api.auth.group.validateDomains,
    debounced === "" ? "skip" : { connectionId, domains: [debounced] },
  );
  // Only a check of what is in the field now counts (not one for an earlier value).
  const live = check.status === "success" && debounced === typed ? check.data[0] : undefined;
  const alreadyHere = live?.domain ? (domains?.some((domain) => domain.domain === live.domain) ?? false) : false;
  const liveError = live && !live.ok ? live.reason : alreadyHere ? `${live?.domain} is already on this connection.` : null;
  const liveOk = live?.ok && !alreadyHere ? live.domain : null;
  const full = domains !== null && domains.length >= MAX_DOMAINS;

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAdded(null);
    const parsed = domainInputField.safeParse(value);
    if (!parsed.success) {
      setFieldError(z.flattenError(parsed.error).formErrors[0] ?? "Check the domain.");
      input.current?.focus();
      return;
    }
    if (!domains) return;
    if (alreadyHere) {
      setFieldError(liveError);
      input.current?.focus();
      return;
    }
    setFieldError(null);
    const primary = domains.find((domain) => domain.isPrimary)?.domain;
    const before = new Set(domains.map((domain) => domain.domain));
    const outcome = await run(() =>
      setDomains({ connectionId, domains: [...domains.map((domain) => domain.domain), parsed.data], primary }),
    );
    if (outcome.ok) {
      setValue("");
      setAdded(outcome.value.find((domain) => !before.has(domain.domain))?.domain ?? parsed.data);
    } else if (FIELD_CODES.has(outcome.code)) {
      setFieldError(outcome.message);
    }
    // After the re-render that enables the field again.
    requestAnimationFrame(() => input.current?.focus());
  }

  const shownError = fieldError ?? liveError;
  return (
    <Form onSubmit={handleSubmit} aria-label="Add a domain" className="grid gap-2">
      <div className="flex flex-col gap-2 sm:flex-row sm:items-start">
        <TextField
          ref={input}
          label="Domain"
          name="domain"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          inputMode="url"
          placeholder="example.com"
          value={value}
          onChange={(event) => {
            setValue(event.target.value);
            setFieldError(null);
            setAdded(null);
          }}
          error={shownError}
          hint={
            liveOk
              ? `${liveOk} can be added.`
              : full
                ? `A connection can claim at most ${MAX_DOMAINS} domains.`
                : "The part after the @ in your people's email addresses."
          }
          disabled={pending || full}
          wrapperClassName="flex-1"
        />
        <Button type="submit" disabled={pending || domains === null || full} className="sm:mt-[1.375rem]">
          {pending ? <LoaderCircle aria-hidden className="animate-spin" /> : <Plus aria-hidden />}
          Add domain
        </Button>
      </div>
      {error && !FIELD_CODES.has(error.code) && <FormMessage tone="error">{error.message}</FormMessage>}
      {added && (
        <FormMessage tone="success">Added {added}. Publish its DNS record below, then verify it.</FormMessage>
      )}
    </Form>
  );
}
