import { ConvexAuthNextjsServerProvider } from "@convex-dev/auth/nextjs/server";
import type { Metadata } from "next";
import type { ReactNode } from "react";
import { ConvexClientProvider, MissingConvexUrl } from "@/lib/convex-client-provider";
import "./globals.css";

export const metadata: Metadata = {
  title: "Convex Group SSO",
  description: "A fork-ready SaaS starter on Next.js and Convex with group SSO: OIDC, SAML, SCIM and domain verification.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-dvh">
        {/* The auth provider needs the deployment URL too (it namespaces its storage by it), so without one
            only the setup instructions render. */}
        {process.env.NEXT_PUBLIC_CONVEX_URL ? (
          <ConvexAuthNextjsServerProvider>
            <ConvexClientProvider>{children}</ConvexClientProvider>
          </ConvexAuthNextjsServerProvider>
        ) : (
          <MissingConvexUrl />
        )}
      </body>
    </html>
  );
}
