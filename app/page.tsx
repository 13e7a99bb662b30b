import { preloadQuery } from "convex/nextjs";
import { Terminal } from "lucide-react";
import { LiveDemoCard } from "@/components/guestbook/live-demo-card";
import { FeatureGrid } from "@/components/landing/feature-grid";
import { SiteFooter } from "@/components/site-footer";
import { SiteHeader } from "@/components/site-header";
import { api } from "@/convex/_generated/api";

// Render per request: the messages come from Convex, which is not reachable (or meaningful) at build time.
export const dynamic = "force-dynamic";

export default async function HomePage() {
  // Without a deployment URL the provider shows setup instructions in place of this page; skip the fetch
  // so the render doesn't fail first with a less helpful error.
  if (!process.env.NEXT_PUBLIC_CONVEX_URL) {
    return null;
  }
  const preloadedMessages = await preloadQuery(api.messages.list, {});

  return (
    <div className="flex min-h-dvh flex-col">
      <SiteHeader />
      <main className="flex-1">
        <section className="mx-auto grid max-w-6xl gap-12 px-4 py-16 sm:px-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,28rem)] lg:items-start lg:py-24">
          <div className="flex flex-col gap-6 lg:pt-8">
            <p className="bg-accent-subtle text-accent-subtle-foreground w-fit rounded-full px-3 py-1 text-xs font-medium">
              Reference SaaS starter · Next.js + Convex
            </p>
            <h1 className="text-4xl font-semibold tracking-tight text-balance sm:text-5xl">
              Group SSO for your SaaS, ready to fork.
            </h1>
            <p className="text-muted-foreground max-w-xl text-lg text-pretty">
              Give your customers&apos; IT teams what they ask for: single sign-on with OIDC and SAML, SCIM user
              provisioning and verified domains, managed from an admin console you own.
            </p>
            <div className="flex flex-col gap-2">
              <p className="text-muted-foreground text-sm">Run it locally with one command:</p>
              <pre className="bg-muted flex w-fit items-center gap-2 rounded-md px-3 py-2 font-mono text-sm">
                <Terminal aria-hidden className="text-muted-foreground size-4" />
                npm run dev
              </pre>
            </div>
          </div>
          <LiveDemoCard preloadedMessages={preloadedMessages} />
        </section>

        <section aria-labelledby="features-heading" className="border-t">
          <div className="mx-auto flex max-w-6xl flex-col gap-8 px-4 py-16 sm:px-6">
            <div className="flex max-w-2xl flex-col gap-2">
              <h2 id="features-heading" className="text-2xl font-semibold tracking-tight">
                What this starter is growing into
              </h2>
              <p className="text-muted-foreground">
                An admin console for group SSO, built in the open on top of this foundation.
              </p>
            </div>
            <FeatureGrid />
          </div>
        </section>
      </main>
      <SiteFooter />
    </div>
  );
}
