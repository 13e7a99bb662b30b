/**
 * Response headers for every page the Next.js app serves.
 *
 * The console is a place where a click changes who can sign in to a company,
 * so no other site may frame it (clickjacking). URLs here carry one-time
 * values (`/sso/complete?sso_code=…`, setup links), so other origins get only
 * our origin as Referer. The CSP is deliberately narrow: it forbids framing,
 * plugins and `<base>` rewriting, which cost nothing; a script-src policy
 * would need per-request nonces for Next's inline bootstrap and is left to the
 * product that forks this.
 */
export interface Header {
  key: string;
  value: string;
}

export function securityHeaders({ production }: { production: boolean }): Header[] {
  const headers: Header[] = [
    { key: "Content-Security-Policy", value: "frame-ancestors 'none'; base-uri 'self'; object-src 'none'" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  ];
  // Only where the app is served over HTTPS: `next dev` on http://localhost must stay reachable.
  if (production) headers.push({ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" });
  return headers;
}
