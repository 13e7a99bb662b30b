import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "node",
    include: ["convex/**/*.test.ts", "lib/**/*.test.ts", "tools/**/*.test.ts"],
    // convex-test must be transformed by vite so `import.meta.glob` resolves.
    server: { deps: { inline: ["convex-test"] } },
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
