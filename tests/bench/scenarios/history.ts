import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import type { BenchDatabase } from "../lib/database.js";
import type { BenchOptions } from "../lib/options.js";
import { forkWorker } from "../lib/processes.js";
import { BENCH_JWT_SECRET, startCareCircle } from "../lib/servers.js";
import { type LatencySummary, summariseSamples } from "../lib/stats.js";
import type { HttpCall, HttpOutcome } from "../load/http-worker.js";
import { accessToken, seedCaregivers, seedGroup, seedSocialWorker } from "../seed/accounts.js";
import { seedMessages } from "../seed/content.js";

const httpWorkerTs = fileURLToPath(new URL("../load/http-worker.ts", import.meta.url));

/** Page latency of one group and query shape. */
export interface HistoryCase {
  label: string;
  messages: number;
  query: string;
  latency: LatencySummary;
  errors: number;
}

/** Every page case of one history run, with the seeding cost and storage per message. */
export interface HistoryRun {
  db: string;
  seedSeconds: number;
  /** Size of the messages table with its indexes and TOAST, per stored message. */
  bytesPerMessage: number;
  cases: HistoryCase[];
}

/**
 * One page of 50 from a group with `small` messages and one with `large`: the newest page and a
 * page from the middle (`before=`), requested over HTTP by a member, interleaved so both groups see
 * the same conditions.
 */
export async function runHistory(
  db: BenchDatabase,
  o: BenchOptions["history"],
  log: (s: string) => void,
): Promise<HistoryRun> {
  const sql = await db.open();
  const tag = `hist-${randomUUID().slice(0, 8)}`;
  const [reader] = await seedCaregivers(sql, tag, 1);
  const moderator = await seedSocialWorker(sql, tag);
  const small = await seedGroup(sql, "Bench history small", moderator, [reader!.id]);
  const large = await seedGroup(sql, "Bench history large", moderator, [reader!.id]);
  const t0 = performance.now();
  await seedMessages(sql, small, moderator, o.small);
  await seedMessages(sql, large, moderator, o.large);
  const seedSeconds = (performance.now() - t0) / 1000;
  const [size] = await sql.query<{ bytes: string; n: string }>(
    "SELECT pg_total_relation_size('messages') AS bytes, (SELECT count(*) FROM messages) AS n",
  );
  const bytesPerMessage = Number(size!.bytes) / Math.max(1, Number(size!.n));
  log(
    `  seeded ${o.small.toLocaleString("en")} + ${o.large.toLocaleString("en")} messages in ${seedSeconds.toFixed(1)} s`,
  );
  await db.release();

  const token = accessToken(reader!.id, "caregiver", BENCH_JWT_SECRET);
  const shapes = [
    { label: "small newest", group: small, messages: o.small, query: "limit=50" },
    { label: "large newest", group: large, messages: o.large, query: "limit=50" },
    {
      label: "small middle",
      group: small,
      messages: o.small,
      query: `before=${Math.floor(o.small / 2)}&limit=50`,
    },
    {
      label: "large middle",
      group: large,
      messages: o.large,
      query: `before=${Math.floor(o.large / 2)}&limit=50`,
    },
  ];
  const round = (): HttpCall[] =>
    shapes.map((s) => ({
      method: "GET",
      path: `/api/groups/${s.group}/messages?${s.query}`,
      token,
      label: s.label,
    }));
  const server = await startCareCircle(db);
  const worker = forkWorker(httpWorkerTs);
  try {
    const warm = Array.from({ length: 25 }, round).flat();
    await worker.call<HttpOutcome[]>("sequence", { url: server.url, calls: warm });
    const calls = Array.from({ length: o.requests }, round).flat();
    const outcomes = await worker.call<HttpOutcome[]>("sequence", { url: server.url, calls });
    const cases = shapes.map((s) => {
      const mine = outcomes.filter((x) => x.label === s.label);
      return {
        label: s.label,
        messages: s.messages,
        query: s.query,
        latency: summariseSamples(mine.filter((x) => x.status === 200).map((x) => x.ms)),
        errors: mine.filter((x) => x.status !== 200).length,
      };
    });
    for (const c of cases)
      log(
        `  ${c.label}: p50 ${c.latency.p50.toFixed(2)} ms, p99 ${c.latency.p99.toFixed(2)} ms, errors ${c.errors}`,
      );
    return { db: db.label, seedSeconds, bytesPerMessage, cases };
  } finally {
    await worker.stop();
    await server.stop();
  }
}
