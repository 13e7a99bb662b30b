import { Globe, RefreshCw, ShieldCheck, TriangleAlert } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { readRecords, type DnsRecord } from "@/tools/dev-dns/records";
import { PublishRecordForm } from "./_components/publish-record-form";
import { WithdrawRecordButton } from "./_components/withdraw-record-button";
import { devDnsConfig } from "./_lib/dev-dns-config";

// The records file changes under us (the form, the CLI, an editor); never cache this page.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Dev DNS · Convex Group SSO", robots: { index: false } };

/**
 * Development DNS: the TXT records the dev DNS server (tools/dev-dns) answers
 * with. Domain verification looks records up there while `npm run dev` runs
 * the embedded backend, so this is where a developer "publishes" the record
 * the console asks for. It edits a local file, so it must never exist in
 * production.
 */
export default async function DevDnsPage() {
  const config = devDnsConfig();
  if (!config) notFound();

  const loaded = await loadRecords(config.recordsFile);
  const server = config.server ?? "the dev DNS server";

  return (
    <div className="flex min-h-dvh flex-col">
      <header className="bg-background/80 sticky top-0 z-10 border-b backdrop-blur">
        <div className="mx-auto flex h-14 max-w-3xl items-center justify-between gap-4 px-4 sm:px-6">
          <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
            <ShieldCheck aria-hidden className="text-primary size-5" />
            <span className="hidden sm:inline">Convex Group SSO</span>
          </Link>
          <span className="bg-accent-subtle text-accent-subtle-foreground rounded-full px-2.5 py-1 text-xs font-medium">
            Development only
          </span>
        </div>
      </header>
      <main className="mx-auto flex w-full max-w-3xl flex-1 flex-col gap-6 px-4 py-8 sm:px-6 sm:py-12">
        <div className="flex flex-wrap items-end justify-between gap-4 sm:flex-nowrap">
          <div className="flex min-w-0 flex-col gap-1">
            <h1 className="text-2xl font-semibold tracking-tight">Dev DNS</h1>
            <p className="text-muted-foreground text-sm">
              TXT records served by <Code>{server}</Code> to the app&apos;s DNS lookups. Publish the record the
              console shows you to verify a domain locally.
            </p>
          </div>
          <Link href="/dev/dns" prefetch={false} className={buttonVariants({ variant: "outline", size: "sm" })}>
            <RefreshCw aria-hidden />
            Refresh
          </Link>
        </div>

        <Card>
          <CardHeader>
            <CardTitle as="h2">Publish a TXT record</CardTitle>
            <CardDescription>Served from the next query on; no restart needed.</CardDescription>
          </CardHeader>
          <CardContent>
            <PublishRecordForm />
          </CardContent>
        </Card>

        <section aria-labelledby="published-records" className="flex flex-col gap-3">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="published-records" className="font-semibold">
              Published records
            </h2>
            <p className="text-muted-foreground min-w-0 text-xs break-all">
              <Code>{config.recordsFile}</Code>
            </p>
          </div>
          {loaded.kind === "failed" ? (
            <Notice title="Couldn't read the records file">
              <p>The dev DNS server answers SERVFAIL until the file is valid again. Fix or delete it.</p>
              <pre className="bg-muted mt-3 overflow-x-auto rounded-md px-3 py-2 font-mono text-xs whitespace-pre-wrap">
                {loaded.message}
              </pre>
            </Notice>
          ) : (
            <RecordList records={loaded.records} server={config.server} />
          )}
        </section>
      </main>
    </div>
  );
}

type Loaded = { kind: "ok"; records: DnsRecord[] } | { kind: "failed"; message: string };

async function loadRecords(file: string): Promise<Loaded> {
  try {
    return { kind: "ok", records: await readRecords(file) };
  } catch (error) {
    return { kind: "failed", message: error instanceof Error ? error.message : String(error) };
  }
}

function RecordList({ records, server }: { records: DnsRecord[]; server: string | undefined }) {
  if (records.length === 0) {
    return (
      <div className="text-muted-foreground flex flex-col items-center gap-2 rounded-xl border border-dashed px-4 py-12 text-center text-sm">
        <Globe aria-hidden className="size-6" />
        No records yet. Publish the TXT record the console shows you.
      </div>
    );
  }
  const [host, port] = server?.split(":") ?? [];
  return (
    <Card>
      <ul aria-label="Published records" className="divide-y">
        {records.map((record) => (
          <li
            key={`${record.name} ${record.type} ${record.value}`}
            data-testid="dns-record"
            className="flex flex-col gap-3 px-4 py-4 sm:flex-row sm:items-start sm:px-6"
          >
            <div className="flex min-w-0 flex-1 flex-col gap-1.5">
              <p className="flex min-w-0 items-center gap-2">
                <Badge variant="accent">{record.type}</Badge>
                <span className="min-w-0 font-mono text-sm font-medium break-all">{record.name}</span>
              </p>
              <p className="text-muted-foreground font-mono text-xs break-all">{record.value}</p>
              {host && port && (
                <p className="text-muted-foreground text-xs">
                  Check: <Code>{`dig @${host} -p ${port} ${record.type} ${record.name} +short`}</Code>
                </p>
              )}
            </div>
            <div className="flex shrink-0 justify-end">
              <WithdrawRecordButton record={record} />
            </div>
          </li>
        ))}
      </ul>
    </Card>
  );
}

function Notice({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card role="status" className="flex gap-3 p-4 sm:p-6">
      <TriangleAlert aria-hidden className="text-muted-foreground mt-0.5 size-5 shrink-0" />
      <div className="min-w-0 text-sm">
        <h3 className="font-semibold">{title}</h3>
        <div className="text-muted-foreground mt-1">{children}</div>
      </div>
    </Card>
  );
}

function Code({ children }: { children: ReactNode }) {
  return <code className="bg-muted rounded px-1 py-0.5 font-mono text-xs break-all">{children}</code>;
}
