import { CopyButton } from "@/components/sso/copy-button";
import { Skeleton } from "@/components/console/skeleton";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

/** The callback URL to register at the identity provider: the first thing the set-up needs. */
export function RedirectUriCard({ redirectUri }: { redirectUri: string | null }) {
  return (
    <Card data-testid="redirect-uri-card">
      <CardHeader className="pb-4">
        <CardTitle as="h2">Register this redirect URI in your identity provider</CardTitle>
        <CardDescription>
          After signing in there, people are sent back to this address. Most providers call it the redirect, callback
          or reply URL; it must match exactly.
        </CardDescription>
      </CardHeader>
      <CardContent>
        {redirectUri === null ? (
          <div role="status" aria-label="Loading the redirect URI">
            <Skeleton className="h-9 w-full" />
          </div>
        ) : (
          <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
            <code
              data-testid="redirect-uri"
              className="bg-muted/40 min-w-0 flex-1 rounded-md border px-3 py-2 font-mono text-xs break-all select-all"
            >
              {redirectUri}
            </code>
            <CopyButton value={redirectUri} label="redirect URI" className="self-end sm:self-auto" />
          </div>
        )}
      </CardContent>
    </Card>
  );
}
