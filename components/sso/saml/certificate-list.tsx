import { CopyButton } from "@/components/sso/copy-button";
import { CertificateStateBadge } from "@/components/sso/status-badges";
import { describeExpiry } from "@/components/sso/time";
import type { SamlCertificateStatus } from "./types";

const DATE = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium" });

/** "AB:CD:EF:01…67:89:AB:CD": the first and last four bytes of a SHA-256 fingerprint, enough to tell certificates apart. */
export function shortFingerprint(fingerprint: string): string {
  const bytes = fingerprint.split(":");
  return bytes.length <= 8 ? fingerprint : `${bytes.slice(0, 4).join(":")}…${bytes.slice(-4).join(":")}`;
}

/**
 * The identity provider's signing certificates we trust: several during a
 * rotation. Each with its fingerprint (shortened; the copy button and the
 * tooltip have it in full) and its expiry, in words and as a badge.
 */
export function CertificateList({ certificates, now }: { certificates: readonly SamlCertificateStatus[]; now: number }) {
  if (certificates.length === 0) {
    return <p className="text-muted-foreground text-sm">No signing certificates: the metadata has to name at least one.</p>;
  }
  return (
    <ul className="grid gap-2" data-testid="saml-certificates">
      {certificates.map((certificate) => (
        <li
          key={certificate.fingerprint}
          data-testid="saml-certificate"
          data-state={certificate.state}
          className="grid gap-1.5 rounded-lg border px-3 py-2.5 text-sm"
        >
          <div className="flex flex-wrap items-center justify-between gap-2">
            <CertificateStateBadge state={certificate.state} />
            {/* Far-off dates read better as dates; soon or past, as a distance too. */}
            <time dateTime={new Date(certificate.notAfter).toISOString()} className="text-xs" suppressHydrationWarning>
              {certificate.state === "valid" ? (
                <span className="text-muted-foreground">Expires {DATE.format(certificate.notAfter)}</span>
              ) : (
                <>
                  <span className="font-medium">{describeExpiry(certificate.notAfter, now)}</span>
                  <span className="text-muted-foreground"> · {DATE.format(certificate.notAfter)}</span>
                </>
              )}
            </time>
          </div>
          <div className="flex items-center justify-between gap-2">
            <span className="min-w-0">
              <span className="text-muted-foreground text-xs">SHA-256 </span>
              <code title={certificate.fingerprint} className="font-mono text-xs whitespace-nowrap">
                {shortFingerprint(certificate.fingerprint)}
              </code>
            </span>
            <CopyButton value={certificate.fingerprint} label="certificate fingerprint" />
          </div>
        </li>
      ))}
    </ul>
  );
}
