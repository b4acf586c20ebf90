import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      "@carecircle/shared": here("../shared/src/index.ts"),
      "@carecircle/server": here("../server/src/index.ts"),
    },
  },
  test: {
    include: ["unit/**/*.test.ts", "integration/**/*.test.ts"],
    globalSetup: ["./setup/global-setup.ts"],
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    teardownTimeout: 20_000,
    reporters: ["default"],
  },
});
