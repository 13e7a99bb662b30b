import type { NextConfig } from "next";
import { securityHeaders } from "./lib/security-headers";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  // `next dev` locks its build directory; the end-to-end stack uses its own so
  // it can run while a developer's `npm run dev` is up.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  poweredByHeader: false,
  // `next dev` logs every request's URL: not those carrying one-time credentials
  // (the SSO hand-off's sso_code; setup-link and invitation tokens, in the path
  // or percent-encoded in a redirectTo).
  logging: { incomingRequests: { ignore: [/[?&]sso_code=/, /(?:\/|%2F)(?:setup|invite)(?:\/|%2F)/i] } },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders({ production: process.env.NODE_ENV === "production" }) }];
  },
};

export default nextConfig;
