import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import type { BenchDatabase } from "../lib/database.js";
import type { BenchOptions } from "../lib/options.js";
import { measureProcs, rssBytes } from "../lib/proc-sampler.js";
import { forkWorker } from "../lib/processes.js";
import { BENCH_JWT_SECRET, startCareCircle } from "../lib/servers.js";
import { Histogram, type LatencySummary, summarise } from "../lib/stats.js";
import type { ConnectResult, Member } from "../load/socket-worker.js";
import { accessToken, seedCaregivers, seedGroup, seedSocialWorker } from "../seed/accounts.js";

const socketWorkerTs = fileURLToPath(new URL("../load/socket-worker.ts", import.meta.url));

/** Many idle authenticated sockets on one server. */
export interface ConnectionsRun {
  db: string;
  sockets: number;
  connected: number;
  failed: number;
  errors: string[];
  connectAllMs: number;
  handshake: LatencySummary;
  rssBeforeBytes: number;
  rssAfterBytes: number;
  rssPerConnectionBytes: number;
  serverCpuPercent: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Seed `sockets` caregivers in groups of `groupSize` (every socket joins its group's room at connect,
 * as a real member's would), connect them all from several worker processes, and measure the time
 * to connect them and the server's RSS growth per connection once idle.
 */
export async function runConnections(
  db: BenchDatabase,
  o: BenchOptions["connections"],
  log: (s: string) => void,
): Promise<ConnectionsRun> {
  const sql = await db.open();
  const tag = `conn-${randomUUID().slice(0, 8)}`;
  const carers = await seedCaregivers(sql, tag, o.sockets);
  const moderator = await seedSocialWorker(sql, tag);
  for (let i = 0; i < carers.length; i += o.groupSize) {
    await seedGroup(
      sql,
      `Bench group ${i / o.groupSize + 1}`,
      moderator,
      carers.slice(i, i + o.groupSize).map((c) => c.id),
    );
  }
  await db.release();
  const members: Member[] = carers.map((c) => ({
    userId: c.id,
    token: accessToken(c.id, "caregiver", BENCH_JWT_SECRET),
    sender: false,
  }));
  const server = await startCareCircle(db);
  const workers = Array.from({ length: o.workers }, () => forkWorker(socketWorkerTs));
  try {
    await sleep(1500);
    const rssBefore = rssBytes(server.pid);
    const window = measureProcs([server.pid]);
    const shares: Member[][] = Array.from({ length: o.workers }, (_, w) =>
      members.filter((_, i) => i % o.workers === w),
    );
    const started = performance.now();
    const results = await Promise.all(
      workers.map((w, i) =>
        w.call<ConnectResult>("connect", {
          url: server.url,
          members: shares[i],
          concurrency: o.concurrencyPerWorker,
        }),
      ),
    );
    const connectAllMs = performance.now() - started;
    const [usage] = window.stop();
    // Let presence announcements and lazily allocated buffers settle before reading RSS.
    await sleep(3000);
    const rssAfter = rssBytes(server.pid);
    const handshake = new Histogram();
    for (const r of results) handshake.merge(r.handshake);
    const connected = results.reduce((n, r) => n + r.connected, 0);
    const failed = results.reduce((n, r) => n + r.failed, 0);
    const still = (await Promise.all(workers.map((w) => w.call<number>("count")))).reduce((a, b) => a + b, 0);
    log(
      `  ${connected} connected (${still} still open), ${failed} failed in ${(connectAllMs / 1000).toFixed(1)} s`,
    );
    return {
      db: db.label,
      sockets: o.sockets,
      connected: still,
      failed: failed + (connected - still),
      errors: results.flatMap((r) => r.errors).slice(0, 5),
      connectAllMs,
      handshake: summarise(handshake),
      rssBeforeBytes: rssBefore,
      rssAfterBytes: rssAfter,
      rssPerConnectionBytes: still > 0 ? (rssAfter - rssBefore) / still : 0,
      serverCpuPercent: usage!.cpuPercent,
    };
  } finally {
    await Promise.all(workers.map((w) => w.call("disconnect").catch(() => 0)));
    await Promise.all(workers.map((w) => w.stop()));
    await server.stop();
  }
}
