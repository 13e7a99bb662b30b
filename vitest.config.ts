import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // The same `@/…` imports as tsconfig.json's paths.
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)) } },
  test: {
    environment: "node",
    include: ["convex/**/*.test.ts", "lib/**/*.test.ts", "components/**/*.test.{ts,tsx}", "tools/**/*.test.ts"],
    // convex-test must be transformed by vite so `import.meta.glob` resolves.
    server: { deps: { inline: ["convex-test"] } },
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
