import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// vitest 5 prints failures with Map.groupBy, which Node 20 lacks; without this a failing test
// hides its own error message behind a reporter crash.
const mapWithGroupBy = Map as unknown as { groupBy?: unknown };
if (typeof mapWithGroupBy.groupBy !== "function") {
  mapWithGroupBy.groupBy = <T, K>(items: Iterable<T>, key: (item: T, i: number) => K): Map<K, T[]> => {
    const out = new Map<K, T[]>();
    let i = 0;
    for (const item of items) {
      const k = key(item, i++);
      const list = out.get(k);
      if (list) list.push(item);
      else out.set(k, [item]);
    }
    return out;
  };
}

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** Real-browser tests: one file at a time (2 cores), each against its own server and database. */
export default defineConfig({
  root: here(".."),
  resolve: {
    alias: {
      "@carecircle/shared": here("../../shared/src/index.ts"),
      "@carecircle/server": here("../../server/src/index.ts"),
    },
  },
  test: {
    include: ["e2e/**/*.e2e.ts"],
    globalSetup: ["./setup/global-setup.ts", "./e2e/build-client.ts"],
    pool: "forks",
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    // A real browser on 2 shared cores: a condition polled in the page (a socket joining, a toast
    // appearing) gets as long as Playwright's own assertions would, not vitest's 1 s default.
    expect: { poll: { timeout: 10_000 } },
    reporters: ["default"],
  },
});
