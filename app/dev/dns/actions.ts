"use server";

import { revalidatePath } from "next/cache";
import { fieldErrorsOf, type FieldErrors } from "@/components/auth/form-errors";
import { dnsRecordSchema, newTxtRecordSchema } from "@/tools/dev-dns/record-schema";
import { addRecord, removeRecord } from "@/tools/dev-dns/records";
import { devDnsConfig } from "./_lib/dev-dns-config";

/**
 * Publishing and withdrawing dev DNS records from /dev/dns: they edit the
 * records file, which the dev DNS server serves from its next query on.
 */
export type PublishOutcome =
  | { ok: true; name: string; added: boolean }
  | { ok: false; fieldErrors: FieldErrors<"name" | "value">; message?: undefined }
  | { ok: false; message: string; fieldErrors?: undefined };

export type WithdrawOutcome = { ok: true } | { ok: false; message: string };

const NOT_RUNNING =
  "The dev DNS server is not running with this app. Start it with `npm run dev` (embedded Convex backend).";

export async function publishTxtRecord(input: { name: string; value: string }): Promise<PublishOutcome> {
  const config = devDnsConfig();
  if (!config) return { ok: false, message: NOT_RUNNING };
  const parsed = newTxtRecordSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  try {
    const { added } = await addRecord(config.recordsFile, { ...parsed.data, type: "TXT" });
    revalidatePath("/dev/dns");
    return { ok: true, name: parsed.data.name, added };
  } catch (error) {
    return { ok: false, message: `Could not publish the record: ${(error as Error).message}` };
  }
}

export async function withdrawRecord(record: { name: string; type: "TXT"; value: string }): Promise<WithdrawOutcome> {
  const config = devDnsConfig();
  if (!config) return { ok: false, message: NOT_RUNNING };
  const parsed = dnsRecordSchema.safeParse(record);
  if (!parsed.success) return { ok: false, message: "That is not a record this page published." };
  try {
    await removeRecord(config.recordsFile, parsed.data);
    revalidatePath("/dev/dns");
    return { ok: true };
  } catch (error) {
    return { ok: false, message: `Could not delete the record: ${(error as Error).message}` };
  }
}
