import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  // `next dev` locks its build directory; the end-to-end stack uses its own so
  // it can run while a developer's `npm run dev` is up.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
};

export default nextConfig;
