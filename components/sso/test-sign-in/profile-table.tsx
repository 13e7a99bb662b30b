import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import type { TestProfile } from "./types";

/** The profile the connection made of the identity provider's claims, one row per field. */
export function ProfileTable({ profile }: { profile: TestProfile }) {
  const extra = Object.entries(profile.extra);
  return (
    <table data-testid="test-profile" className="w-full text-sm">
      <caption className="sr-only">Normalized profile</caption>
      <tbody className="divide-y">
        <Row label="Subject">
          <span className="font-mono text-xs break-all">{profile.subject}</span>
        </Row>
        <Row label="Email">
          {profile.email ? (
            <span className="flex flex-wrap items-center gap-2">
              <span className="break-all">{profile.email}</span>
              {profile.emailVerified ? (
                <Badge className="border-transparent bg-emerald-50 text-emerald-700 dark:bg-emerald-500/15 dark:text-emerald-300">Verified</Badge>
              ) : (
                <Badge className="border-transparent bg-amber-50 text-amber-800 dark:bg-amber-500/15 dark:text-amber-300">Not verified</Badge>
              )}
            </span>
          ) : (
            <Missing />
          )}
        </Row>
        <Row label="Name">{profile.name ? <span className="break-words">{profile.name}</span> : <Missing />}</Row>
        <Row label="Groups">
          <Values values={profile.groups} />
        </Row>
        <Row label="Roles">
          <Values values={profile.roles} />
        </Row>
        {extra.map(([field, value]) => (
          <Row key={field} label={field} mono>
            {value === null ? <Missing /> : <span className="break-all">{String(value)}</span>}
          </Row>
        ))}
      </tbody>
    </table>
  );
}

function Row({ label, mono, children }: { label: string; mono?: boolean; children: ReactNode }) {
  return (
    <tr>
      <th scope="row" className={`text-muted-foreground w-32 py-2.5 pr-4 text-left align-top font-normal ${mono ? "font-mono text-xs" : ""}`}>
        {label}
      </th>
      <td className="py-2.5 align-top">{children}</td>
    </tr>
  );
}

function Values({ values }: { values: readonly string[] }) {
  if (values.length === 0) return <Missing text="None" />;
  return (
    <ul className="flex flex-wrap gap-1.5">
      {values.map((value) => (
        <li key={value}>
          <Badge variant="outline" className="font-mono whitespace-normal break-all">
            {value}
          </Badge>
        </li>
      ))}
    </ul>
  );
}

function Missing({ text = "Not sent" }: { text?: string }) {
  return <span className="text-muted-foreground italic">{text}</span>;
}
