"use client";

import { LoaderCircle, Trash2 } from "lucide-react";
import { useState, useTransition } from "react";
import { destructiveOutlineButton } from "@/components/console/button-styles";
import { FormMessage } from "@/components/console/form-message";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/lib/use-hydrated";
import type { DnsRecord } from "@/tools/dev-dns/record-schema";
import { withdrawRecord } from "../actions";

/** Deletes one record from the dev DNS server at once: it is a development tool, and re-adding is one paste away. */
export function WithdrawRecordButton({ record }: { record: DnsRecord }) {
  const hydrated = useHydrated();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  return (
    <div className="flex flex-col items-end gap-1">
      <Button
        variant="outline"
        size="sm"
        className={destructiveOutlineButton}
        disabled={!hydrated || pending}
        aria-busy={pending || undefined}
        aria-label={`Delete ${record.type} ${record.name} "${excerpt(record.value)}"`}
        onClick={() => {
          setError(null);
          startTransition(async () => {
            const result = await withdrawRecord(record);
            if (!result.ok) setError(result.message);
          });
        }}
      >
        {pending ? <LoaderCircle aria-hidden className="animate-spin" /> : <Trash2 aria-hidden />}
        Delete
      </Button>
      {error && <FormMessage tone="error">{error}</FormMessage>}
    </div>
  );
}

/** Enough of the value to tell records of one name apart without reading out 1,000 characters. */
function excerpt(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}
