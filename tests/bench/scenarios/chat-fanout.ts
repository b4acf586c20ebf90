import { randomUUID } from "node:crypto";
import os from "node:os";
import { fileURLToPath } from "node:url";
import type { BenchDatabase } from "../lib/database.js";
import type { BenchOptions } from "../lib/options.js";
import { sampleWaits } from "../lib/pg-waits.js";
import { measureMachine, measureProcs, pidsNamed } from "../lib/proc-sampler.js";
import { forkWorker, type ServerProcess, type Worker } from "../lib/processes.js";
import { BENCH_JWT_SECRET, startBaseline, startCareCircle } from "../lib/servers.js";
import type { Member, StepRequest, StepResult } from "../load/socket-worker.js";
import { accessToken, seedCaregivers, seedGroup, seedSocialWorker } from "../seed/accounts.js";
import { aggregate, type ChatStep, sumUsage } from "./chat-step.js";

const socketWorkerTs = fileURLToPath(new URL("../load/socket-worker.ts", import.meta.url));

export type { ChatStep } from "./chat-step.js";

/** One server under the chat fan-out load. */
export interface ChatRun {
  name: string;
  steps: ChatStep[];
  /** Highest offered rate (messages/s) whose p99 stayed under the bound with full delivery. */
  maxSustainable: number | null;
  idleRssBytes: number;
  connectMs: number;
}

interface Target {
  name: string;
  server: ServerProcess;
  groupId: string;
  members: Member[];
  /** Sample this PostgreSQL database's backends during each step. */
  waits?: { adminUrl: string; database: string } | undefined;
}

/** Seed one group of `members` caregivers (the first `senders` of them send) and sign their tokens. */
async function seedChatGroup(
  db: BenchDatabase,
  o: BenchOptions["chat"],
): Promise<{ groupId: string; members: Member[] }> {
  const sql = await db.open();
  const carers = await seedCaregivers(sql, `chat-${randomUUID().slice(0, 8)}`, o.members);
  const moderator = await seedSocialWorker(sql, `chat-${randomUUID().slice(0, 8)}`);
  const groupId = await seedGroup(
    sql,
    "Bench fan-out group",
    moderator,
    carers.map((c) => c.id),
  );
  await db.release();
  const members = carers.map((c, i) => ({
    userId: c.id,
    token: accessToken(c.id, "caregiver", BENCH_JWT_SECRET),
    sender: i < o.senders,
  }));
  return { groupId, members };
}

/** Deal members to workers round-robin, so senders are spread evenly. */
function deal<T>(items: T[], n: number): T[][] {
  const out: T[][] = Array.from({ length: n }, () => []);
  for (const [i, item] of items.entries()) out[i % n]!.push(item);
  return out;
}

/** A server under test with its members connected by generator processes of its own. */
interface Lane {
  t: Target;
  workers: Worker[];
  steps: ChatStep[];
  failuresInRow: number;
  idleRssBytes: number;
  connectMs: number;
}

async function openLane(t: Target, o: BenchOptions["chat"]): Promise<Lane> {
  const workers: Worker[] = Array.from({ length: o.workers }, () => forkWorker(socketWorkerTs));
  const idleRssBytes = measureProcs([t.server.pid]).stop()[0]!.rssEndBytes;
  const started = performance.now();
  const shares = deal(t.members, o.workers);
  const connects = await Promise.all(
    workers.map((w, i) =>
      w.call<{ connected: number; failed: number; errors: string[] }>("connect", {
        url: t.server.url,
        members: shares[i],
        concurrency: 20,
      }),
    ),
  );
  const connectMs = performance.now() - started;
  const failed = connects.reduce((n, c) => n + c.failed, 0);
  const lane = { t, workers, steps: [], failuresInRow: 0, idleRssBytes, connectMs };
  if (failed > 0) {
    await closeLane(lane);
    throw new Error(`${t.name}: ${failed} sockets failed to connect: ${connects[0]?.errors.join("; ")}`);
  }
  // Warm-up (JIT, connection pools, caches): not reported.
  await Promise.all(workers.map((w) => w.call("step", stepRequest(t, o, 0, o.rates[0]!, 1000))));
  return lane;
}

function stepRequest(
  t: Target,
  o: BenchOptions["chat"],
  stepId: number,
  rate: number,
  durationMs: number,
): StepRequest {
  return {
    stepId,
    groupId: t.groupId,
    ratePerSender: rate / o.senders,
    durationMs,
    drainIdleMs: 500,
    drainMaxMs: 10_000,
  };
}

async function runStep(lane: Lane, o: BenchOptions["chat"], stepId: number, rate: number): Promise<ChatStep> {
  const { t, workers } = lane;
  const window = measureProcs([t.server.pid, ...workers.map((w) => w.pid)]);
  const machine = measureMachine(os.cpus().length);
  const postgres = measureProcs(pidsNamed("postgres"));
  const waits = t.waits ? await sampleWaits(t.waits.adminUrl, t.waits.database) : undefined;
  const results = await Promise.all(
    workers.map((w) => w.call<StepResult>("step", stepRequest(t, o, stepId, rate, o.stepMs))),
  );
  const [server, ...gens] = window.stop();
  const machineCpuPercent = machine.stop();
  const postgresCpuPercent = postgres.stop().reduce((sum, u) => sum + u.cpuPercent, 0);
  const dbWaits = await waits?.stop();
  const step = aggregate(rate, o.stepMs / 1000, results, t.members.length, server!, sumUsage(gens));
  step.machineCpuPercent = machineCpuPercent;
  step.postgresCpuPercent = postgresCpuPercent;
  if (dbWaits) step.dbWaits = dbWaits;
  return step;
}

async function closeLane(lane: Lane): Promise<void> {
  await Promise.all(lane.workers.map((w) => w.call("disconnect").catch(() => 0)));
  await Promise.all(lane.workers.map((w) => w.stop()));
  await lane.t.server.stop();
}

/**
 * Drive every target with the same stepped load. The targets run one at a time, but interleaved
 * rate by rate (baseline, then each CareCircle server, at the same rate, then the next rate), so
 * whatever else loads the machine weighs on them alike. A target leaves after `failuresToStop`
 * unsustainable steps in a row.
 */
export async function runChatFanout(
  targets: (() => Promise<Target>)[],
  o: BenchOptions["chat"],
  log: (s: string) => void,
): Promise<ChatRun[]> {
  const lanes: Lane[] = [];
  try {
    for (const start of targets) {
      const t = await start();
      try {
        lanes.push(await openLane(t, o));
      } catch (err) {
        await t.server.stop();
        throw err;
      }
      log(`  ${t.name}: ${t.members.length} members connected`);
    }
    for (const [i, rate] of o.rates.entries()) {
      const active = lanes.filter((l) => l.failuresInRow < o.failuresToStop);
      if (active.length === 0) break;
      for (const lane of active) {
        // A single tail spike on a shared machine should not decide a rate: a miss is measured
        // once more (both attempts are reported) and the second attempt counts.
        // Distinct step ids, so a late delivery of one attempt never counts in the other.
        let step = await runStep(lane, o, 2 * i + 1, rate);
        logStep(lane, step, log);
        if (!step.sustainable) {
          lane.steps.push({ ...step, retried: true });
          step = await runStep(lane, o, 2 * i + 2, rate);
          logStep(lane, step, log);
        }
        lane.steps.push(step);
        lane.failuresInRow = step.sustainable ? 0 : lane.failuresInRow + 1;
      }
    }
  } finally {
    for (const lane of lanes) await closeLane(lane);
  }
  return lanes.map((l) => {
    const passing = l.steps.filter((s) => s.sustainable && !s.retried).map((s) => s.offered);
    return {
      name: l.t.name,
      steps: l.steps,
      maxSustainable: passing.length > 0 ? Math.max(...passing) : null,
      idleRssBytes: l.idleRssBytes,
      connectMs: l.connectMs,
    };
  });
}

function logStep(lane: Lane, step: ChatStep, log: (s: string) => void): void {
  log(
    `  ${lane.t.name} ${step.offered} msg/s: delivered ${step.deliveredPerSec.toFixed(0)}/s ` +
      `(${(step.deliveredRatio * 100).toFixed(1)}%), p50 ${step.endToEnd.p50.toFixed(1)} ms, p99 ${step.endToEnd.p99.toFixed(1)} ms, ` +
      `server CPU ${step.server.cpuPercent.toFixed(0)}%, machine ${step.machineCpuPercent.toFixed(0)}%` +
      (Object.keys(step.errors).length ? `, errors ${JSON.stringify(step.errors)}` : ""),
  );
}

/** The bare Socket.IO baseline as a chat target. */
export function baselineTarget(o: BenchOptions["chat"]): () => Promise<Target> {
  return async () => ({
    name: "baseline",
    server: await startBaseline(),
    groupId: randomUUID(),
    members: Array.from({ length: o.members }, (_, i) => ({
      userId: `m${i}`,
      token: "none",
      sender: i < o.senders,
    })),
  });
}

/** The CareCircle server on `db` as a chat target (seeded before the server starts). */
export function careCircleTarget(db: BenchDatabase, o: BenchOptions["chat"]): () => Promise<Target> {
  return async () => {
    const { groupId, members } = await seedChatGroup(db, o);
    const server = await startCareCircle(db);
    return { name: `CareCircle (${db.label})`, server, groupId, members, waits: db.server };
  };
}
