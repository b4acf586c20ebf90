/**
 * Preloaded into a child server by the soak test (`node --expose-gc --import <this file>`); the
 * server's code is unchanged. On SIGUSR2 it runs a full garbage collection and appends one JSON
 * line of `process.memoryUsage()` to MEMORY_PROBE_FILE: the live heap after GC is what a leak
 * grows, while heapUsed between collections is mostly garbage waiting to be swept.
 */
import { appendFileSync } from "node:fs";

const file = process.env.MEMORY_PROBE_FILE;
if (file) {
  process.on("SIGUSR2", () => {
    globalThis.gc?.();
    globalThis.gc?.();
    appendFileSync(
      file,
      `${JSON.stringify({ at: Date.now(), gc: typeof globalThis.gc === "function", ...process.memoryUsage() })}\n`,
    );
  });
}
