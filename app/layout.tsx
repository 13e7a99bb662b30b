import type { Metadata } from "next";
import type { ReactNode } from "react";
import { ConvexClientProvider } from "@/lib/convex-client-provider";
import "./globals.css";

export const metadata: Metadata = {
  title: "Convex Group SSO",
  description: "A fork-ready SaaS starter on Next.js and Convex with group SSO: OIDC, SAML, SCIM and domain verification.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-dvh">
        <ConvexClientProvider>{children}</ConvexClientProvider>
      </body>
    </html>
  );
}
