import { CopyValue } from "@/components/sso/copy-value";
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
        <CopyValue value={redirectUri} label="redirect URI" testId="redirect-uri" />
      </CardContent>
    </Card>
  );
}
