/**
 * Looks for secret values in text that must not hold them: function results,
 * error messages, log output. A secret is also found in the forms it takes
 * when embedded in JSON, a URL or a form post, and a PEM key by any of its
 * base64 lines, so a log line that escaped or re-wrapped it still counts.
 */
export interface Needle {
  /** What the secret is, for the failure message (never the value itself). */
  label: string;
  value: string;
}

/** Shorter values would match by accident; a real secret is longer. */
const MIN_NEEDLE_LENGTH = 8;

export function needle(label: string, value: string): Needle {
  if (value.length < MIN_NEEDLE_LENGTH) throw new Error(`The secret "${label}" is too short to look for (${value.length} characters).`);
  return { label, value };
}

/**
 * A PEM private key as one needle per base64 line: any line found in the
 * haystack is a leak. Lines that also appear in `publicPem` (its
 * certificate) hold the public modulus, not a secret, and are left out.
 */
export function pemNeedles(label: string, pem: string, publicPem = ""): Needle[] {
  const published = publicPem.replace(/-----[^-]+-----|\s/g, "");
  return pem
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => !line.startsWith("-----") && line.length >= 32 && !published.includes(line))
    .map((line, index) => needle(`${label} (line ${index + 1})`, line));
}

function formsOf(value: string): string[] {
  const forms = new Set([value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value), new URLSearchParams({ v: value }).toString().slice(2)]);
  return [...forms];
}

/** The labels of the needles found in `haystack`. */
export function findLeaks(haystack: string, needles: Needle[]): string[] {
  return needles.filter(({ value }) => formsOf(value).some((form) => haystack.includes(form))).map(({ label }) => label);
}

/**
 * Where each needle was found in a log: the first line holding it, with
 * every form of the value replaced by its label, so the report says where
 * a secret leaked without repeating it.
 */
export function locateLeaks(log: string, needles: Needle[]): string[] {
  const lines = log.split("\n");
  return needles.flatMap(({ label, value }) => {
    const forms = formsOf(value);
    const line = lines.find((candidate) => forms.some((form) => candidate.includes(form)));
    if (line === undefined) return [];
    const masked = forms.reduce((text, form) => text.split(form).join(`<${label}>`), line);
    return [`${label}: ${masked.length > 300 ? `${masked.slice(0, 300)}…` : masked}`];
  });
}

/** Everything a value carries, as text: nested fields, an error's message and its data. */
export function textOf(value: unknown): string {
  if (value instanceof Error) return `${value.message}\n${textOf((value as { data?: unknown }).data ?? null)}`;
  return JSON.stringify(value, (_key, item: unknown) => {
    if (typeof item === "bigint") return item.toString();
    if (item instanceof ArrayBuffer) return Buffer.from(item).toString("base64");
    return item;
  }) ?? "undefined";
}
