import { ShieldCheck } from "lucide-react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

const HEADERS: ReadonlyArray<{ name: string; meaning: string }> = [
  { name: "x-webhook-id", meaning: "The delivery's id, the same on every retry of it." },
  { name: "x-webhook-event", meaning: "The event kind, e.g. policy.updated." },
  { name: "x-webhook-timestamp", meaning: "Unix seconds when this attempt was signed." },
  { name: "x-webhook-signature", meaning: "v1=<hex HMAC-SHA256 of \"<timestamp>.<body>\">, keyed with the whole whsec_… secret." },
];

const EXAMPLE = `import { createHmac, timingSafeEqual } from "node:crypto";

// rawBody: the request body exactly as received (not re-serialized JSON).
function isValid(secret, headers, rawBody) {
  const timestamp = headers["x-webhook-timestamp"];
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false; // replay
  const expected = createHmac("sha256", secret).update(\`\${timestamp}.\${rawBody}\`).digest("hex");
  return headers["x-webhook-signature"].split(/[\\s,]+/).some((value) => {
    const hex = value.startsWith("v1=") ? value.slice(3) : "";
    return hex.length === expected.length && timingSafeEqual(Buffer.from(hex), Buffer.from(expected));
  });
}`;

/** How a receiver checks that a request is ours, untampered and fresh. */
export function VerifyNote() {
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2" className="flex items-center gap-2">
          <ShieldCheck aria-hidden className="text-muted-foreground size-4" />
          Verifying signatures
        </CardTitle>
        <CardDescription>
          Every request is a POST with a JSON body and these headers. Check the signature before trusting the body, reject
          timestamps more than 5 minutes off, and ignore events whose body <code className="font-mono text-xs">id</code> you
          have already handled (a resend keeps it).
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <dl className="grid gap-2 text-sm">
          {HEADERS.map((header) => (
            <div key={header.name} className="grid gap-0.5 sm:grid-cols-[11rem_minmax(0,1fr)] sm:gap-3">
              <dt>
                <code className="font-mono text-xs">{header.name}</code>
              </dt>
              <dd className="text-muted-foreground">{header.meaning}</dd>
            </div>
          ))}
        </dl>
        <details className="text-sm">
          <summary className="hover:text-foreground text-muted-foreground w-fit cursor-pointer rounded-sm font-medium select-none focus-visible:ring-ring focus-visible:ring-2 focus-visible:outline-none">
            Example in Node.js
          </summary>
          <pre className="bg-muted/60 mt-2 overflow-x-auto rounded-lg border p-3 font-mono text-xs leading-relaxed">{EXAMPLE}</pre>
        </details>
      </CardContent>
    </Card>
  );
}
