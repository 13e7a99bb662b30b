import { Inbox, RefreshCw, ShieldCheck, TriangleAlert } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Fragment, type ReactNode } from "react";
import { buttonVariants } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { adminClient, readOutbox, type OutboxMail } from "@/lib/dev-outbox";

// Mail arrives all the time; never cache this page.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Dev outbox · Convex Group SSO", robots: { index: false } };

/**
 * Development mail viewer: what the app would have emailed (verification
 * codes, invitations) while no mail provider is configured. Reads the embedded
 * backend with its admin key, so it must never exist in production.
 */
export default async function DevOutboxPage() {
  if (process.env.NODE_ENV === "production") notFound();

  const outbox = await loadOutbox();
  let content: ReactNode;
  switch (outbox.kind) {
    case "unavailable":
      content = <EmbeddedOnly />;
      break;
    case "failed":
      content = (
        <Notice title="Couldn't read the outbox">
          <p>
            The embedded backend refused or did not answer. If it created a new{" "}
            <Code>.convex-local/admin-key</Code>, restart <Code>npm run dev</Code>.
          </p>
          <pre className="bg-muted mt-3 overflow-x-auto rounded-md px-3 py-2 font-mono text-xs whitespace-pre-wrap">
            {outbox.message}
          </pre>
        </Notice>
      );
      break;
    case "ok":
      content = <MailList mails={outbox.mails} />;
      break;
  }

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
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div className="flex flex-col gap-1">
            <h1 className="text-2xl font-semibold tracking-tight">Dev outbox</h1>
            <p className="text-muted-foreground text-sm">
              Email the app sent while no mail provider is configured, newest first.
            </p>
          </div>
          <Link href="/dev/outbox" prefetch={false} className={buttonVariants({ variant: "outline", size: "sm" })}>
            <RefreshCw aria-hidden />
            Refresh
          </Link>
        </div>
        {content}
      </main>
    </div>
  );
}

type Outbox = { kind: "ok"; mails: OutboxMail[] } | { kind: "unavailable" } | { kind: "failed"; message: string };

async function loadOutbox(): Promise<Outbox> {
  const convexUrl = process.env.NEXT_PUBLIC_CONVEX_URL;
  const adminKey = process.env.CONVEX_ADMIN_KEY;
  // `npm run dev` sets the key only for the embedded backend.
  if (!convexUrl || !adminKey) return { kind: "unavailable" };
  try {
    return { kind: "ok", mails: await readOutbox(adminClient(convexUrl, adminKey)) };
  } catch (error) {
    return { kind: "failed", message: error instanceof Error ? error.message : String(error) };
  }
}

function MailList({ mails }: { mails: OutboxMail[] }) {
  if (mails.length === 0) {
    return (
      <div className="text-muted-foreground flex flex-col items-center gap-2 rounded-xl border border-dashed px-4 py-12 text-center text-sm">
        <Inbox aria-hidden className="size-6" />
        No mail yet. Sign up or invite someone, then refresh.
      </div>
    );
  }
  return (
    <ol className="flex flex-col gap-4" aria-label="Mail, newest first">
      {mails.map((mail) => (
        <li key={mail._id}>
          <Card data-testid="outbox-mail" className="overflow-hidden">
            <article aria-labelledby={`mail-${mail._id}`}>
              <header className="flex flex-col gap-1 border-b px-4 py-3 sm:px-6">
                <h2 id={`mail-${mail._id}`} className="font-semibold break-words">
                  {mail.subject}
                </h2>
                <dl className="text-muted-foreground flex flex-wrap gap-x-4 gap-y-1 text-sm">
                  <div className="flex min-w-0 gap-1">
                    <dt>To</dt>
                    <dd className="text-foreground break-words">{mail.to}</dd>
                  </div>
                  <div className="flex gap-1">
                    <dt className="sr-only">Sent</dt>
                    <dd>
                      <time dateTime={new Date(mail._creationTime).toISOString()}>{formatTime(mail._creationTime)}</time>
                    </dd>
                  </div>
                </dl>
              </header>
              <p className="px-4 py-4 text-sm break-words whitespace-pre-wrap sm:px-6">{linkify(mail.text)}</p>
            </article>
          </Card>
        </li>
      ))}
    </ol>
  );
}

function EmbeddedOnly() {
  return (
    <Notice title="The dev outbox only works with the embedded Convex backend">
      <p>
        It reads mail with the embedded backend&apos;s admin key, which <Code>npm run dev</Code> passes to Next.js as{" "}
        <Code>CONVEX_ADMIN_KEY</Code> when no Convex deployment is configured.
      </p>
      <p className="mt-2">
        With a real deployment and no <Code>MAIL_PROVIDER_URL</Code>, the messages are in the <Code>mail</Code> table:
        open it in the Convex dashboard.
      </p>
    </Notice>
  );
}

function Notice({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card role="status" className="flex gap-3 p-4 sm:p-6">
      <TriangleAlert aria-hidden className="text-muted-foreground mt-0.5 size-5 shrink-0" />
      <div className="min-w-0 text-sm">
        <h2 className="font-semibold">{title}</h2>
        <div className="text-muted-foreground mt-1">{children}</div>
      </div>
    </Card>
  );
}

function Code({ children }: { children: ReactNode }) {
  return <code className="bg-muted rounded px-1 py-0.5 font-mono text-xs">{children}</code>;
}

const TIME_FORMAT = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  timeZoneName: "short",
});

function formatTime(time: number): string {
  return TIME_FORMAT.format(new Date(time));
}

const URL_PATTERN = /https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)]/g;

/** The text with its http(s) URLs as links. */
function linkify(text: string): ReactNode[] {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index;
    parts.push(<Fragment key={`t${start}`}>{text.slice(last, start)}</Fragment>);
    parts.push(
      <a key={`a${start}`} href={match[0]} className="text-primary break-all underline underline-offset-4">
        {match[0]}
      </a>,
    );
    last = start + match[0].length;
  }
  parts.push(<Fragment key="rest">{text.slice(last)}</Fragment>);
  return parts;
}
