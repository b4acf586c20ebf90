import { fileURLToPath } from "node:url";
import type { BenchDatabase } from "./database.js";
import { type ServerProcess, serverMainJs, spawnListening, tsxExecArgv } from "./processes.js";

/** The JWT secret every bench server process uses, so the harness can sign access tokens. */
export const BENCH_JWT_SECRET = "bench-secret-not-for-production-0123456789abcdef";

/**
 * Settings that differ from a default production start, each for a stated reason:
 * - HTTP and chat-send rate limits raised: the bench sends from one address and 20 senders must be
 *   able to exceed the product's 1 message/s per person; it measures the machine, not the policy.
 * - in-flight request shedding raised: the booking storm sends 1,000 requests at once on purpose.
 * Logging stays at the production default (info), and the server says when it is listening.
 */
const BENCH_SERVER_ENV: Record<string, string | undefined> = {
  NODE_ENV: "production",
  HOST: "127.0.0.1",
  PORT: "0",
  LOG_LEVEL: "info",
  SEED_DEMO: "false",
  JWT_SECRET: BENCH_JWT_SECRET,
  RATE_LIMIT_PER_MINUTE: "100000000",
  CHAT_SEND_LIMIT: "1000000",
  SOCKET_EVENT_LIMIT_SCALE: "1000000",
  MAX_INFLIGHT_REQUESTS: "100000",
  MAX_INFLIGHT_PER_ADDRESS: "100000",
  REGISTRATIONS_PER_HOUR: "100000000",
  REDIS_URL: undefined,
};

/**
 * Start the built CareCircle server (`server/dist/main.js`) on `db`. With `BENCH_CPU_PROF=<dir>`
 * the process writes a V8 CPU profile there when it stops.
 */
export function startCareCircle(db: BenchDatabase, env: Record<string, string> = {}): Promise<ServerProcess> {
  const profDir = process.env.BENCH_CPU_PROF;
  const args = profDir ? ["--cpu-prof", `--cpu-prof-dir=${profDir}`, serverMainJs] : [serverMainJs];
  // A PGlite run must not inherit the caller's DATABASE_URL; "" means "not set" to the server.
  return spawnListening(
    args,
    { ...BENCH_SERVER_ENV, DATABASE_URL: "", ...db.serverEnv, ...env },
    { name: `CareCircle (${db.label})` },
  );
}

const baselineTs = fileURLToPath(new URL("../servers/baseline-server.ts", import.meta.url));

/** Start the bare Socket.IO broadcast server. */
export function startBaseline(): Promise<ServerProcess> {
  return spawnListening([...tsxExecArgv, baselineTs], { NODE_ENV: "production" }, { name: "baseline" });
}
