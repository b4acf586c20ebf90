import { spawn } from "node:child_process";
import { freePort } from "./free-port.js";

/** A private redis-server on 127.0.0.1 (no persistence): the bench's two-node run and the Redis outage test. */
export interface RedisProcess {
  url: string;
  stop(): Promise<void>;
}

/**
 * Start `redis-server` (from PATH) on a free loopback port, or on `port` (to bring a stopped one
 * back at the same address); resolves once it accepts connections.
 */
export async function startRedis(port?: number): Promise<RedisProcess> {
  port ??= await freePort();
  const proc = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("redis-server did not start")), 10_000);
    proc.once("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    proc.stdout.on("data", (d: Buffer) => {
      if (d.toString().includes("Ready to accept connections")) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      if (proc.exitCode !== null) return;
      proc.kill("SIGTERM");
      await exited;
    },
  };
}
