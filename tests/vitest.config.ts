import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Vitest 5's reporter uses Map.groupBy (Node 21+); this project supports Node 20.
if (!("groupBy" in Map)) {
  Object.defineProperty(Map, "groupBy", {
    value<K, V>(items: Iterable<V>, key: (item: V, index: number) => K): Map<K, V[]> {
      const out = new Map<K, V[]>();
      let i = 0;
      for (const item of items) {
        const k = key(item, i++);
        const list = out.get(k);
        if (list) list.push(item);
        else out.set(k, [item]);
      }
      return out;
    },
  });
}

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
    // *.pg.test.ts need PostgreSQL binaries of their own (outage tests) and *.redis.test.ts a Redis
    // server and a shared PostgreSQL (multi-node tests): they run only in CI's PostgreSQL pass,
    // never as skipped tests elsewhere.
    // The memory soak runs on its own (`pnpm test:soak`, and a 60-second one in `.ci/run`): it is
    // a minute of wall time that a change to anything else does not need.
    exclude: [
      ...(process.env.SOAK_SECONDS ? [] : ["integration/soak.test.ts"]),
      ...(process.env.DATABASE_URL ? [] : ["integration/**/*.pg.test.ts"]),
      ...(process.env.DATABASE_URL && process.env.REDIS_URL ? [] : ["integration/**/*.redis.test.ts"]),
    ],
    globalSetup: ["./setup/global-setup.ts"],
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    teardownTimeout: 20_000,
    reporters: ["default"],
  },
});
