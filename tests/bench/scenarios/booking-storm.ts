import { randomUUID } from "node:crypto";
import os from "node:os";
import { fileURLToPath } from "node:url";
import type { BenchDatabase } from "../lib/database.js";
import type { BenchOptions } from "../lib/options.js";
import { measureMachine, measureProcs, pidsNamed } from "../lib/proc-sampler.js";
import { forkWorker, type ServerProcess } from "../lib/processes.js";
import { BENCH_JWT_SECRET, startCareCircle } from "../lib/servers.js";
import { type LatencySummary, summariseSamples } from "../lib/stats.js";
import type { BurstResult, HttpCall } from "../load/http-worker.js";
import { accessToken, seedCaregivers, seedChildren } from "../seed/accounts.js";
import { countOverbooking, countUncovered, seedCareNeeds, seedStationWithSlots } from "../seed/content.js";

const httpWorkerTs = fileURLToPath(new URL("../load/http-worker.ts", import.meta.url));

/** One storm: every family asks for a seat at the same moment. */
export interface StormRound {
  attempts: number;
  elapsedMs: number;
  decisionsPerSec: number;
  latency: LatencySummary;
  /** Answers by outcome: `confirmed`, `waitlisted`, `409 SLOT_FULL`, ... */
  outcomes: Record<string, number>;
  decisions: number;
  overbookedSlots: number;
  /** Seat-holding bookings whose care need no qualified staff member on shift covers (issue 19 §1). */
  uncoveredNeeds: number;
  /** Slots whose confirmed children need more staff than are on shift. */
  overRatioSlots: number;
  confirmedSeats: number;
  serverCpuPercent: number;
  /** Every process on the machine, in percent of one core. */
  machineCpuPercent: number;
  /** All PostgreSQL server processes on the machine. */
  postgresCpuPercent: number;
}

/** The storm on one configuration (one or more server processes), round by round. */
export interface StormRun {
  db: string;
  /** Server processes sharing the load (more than one: on one Redis, requests alternate). */
  nodes: number;
  families: number;
  slots: number;
  seats: number;
  rounds: StormRound[];
}

interface Prepared {
  slotIds: string[];
  calls: HttpCall[];
}

/** Families, children and slots for one round; half of the families ask to be waitlisted if full. */
async function prepareRound(db: BenchDatabase, o: BenchOptions["booking"]): Promise<Prepared> {
  const sql = await db.open();
  const carers = await seedCaregivers(sql, `storm-${randomUUID().slice(0, 8)}`, o.families);
  const childIds = await seedChildren(
    sql,
    carers.map((c) => c.familyId),
  );
  const slotIds = await seedStationWithSlots(sql, o.slots, o.seats);
  await seedCareNeeds(sql, childIds);
  const calls: HttpCall[] = carers.map((c, i) => ({
    method: "POST",
    path: "/api/bookings",
    token: accessToken(c.id, "caregiver", BENCH_JWT_SECRET),
    body: { slotId: slotIds[i % slotIds.length], childId: childIds[i], waitlist: i % 2 === 0 },
  }));
  return { slotIds, calls };
}

/**
 * 1,000 families x 20 slots of 10 seats, all at once, with care needs and a staff ratio on (every
 * tenth child needs one-to-one tube feeding; three staff on shift, two qualified; four children per
 * staff member); then count overbooking, over-ratio slots and uncovered care needs in the database.
 * With `multi`, that many server processes share the database and one Redis and the requests
 * alternate between them (PostgreSQL only: PGlite allows one process).
 */
export async function runBookingStorm(
  db: BenchDatabase,
  o: BenchOptions["booking"],
  log: (s: string) => void,
  multi: { nodes: number; redisUrl: string } | undefined = undefined,
): Promise<StormRun> {
  const nodes = multi?.nodes ?? 1;
  const prepared: Prepared[] = [];
  for (let r = 0; r < o.rounds; r++) prepared.push(await prepareRound(db, o));
  await db.release();
  const servers: ServerProcess[] = [];
  const env: Record<string, string> = multi ? { REDIS_URL: multi.redisUrl, REDIS_PREFIX: "bench" } : {};
  for (let i = 0; i < nodes; i++) servers.push(await startCareCircle(db, env));
  const worker = forkWorker(httpWorkerTs);
  const rounds: StormRound[] = [];
  try {
    for (const p of prepared) {
      const calls = p.calls.map((c, i) => ({ ...c, url: servers[i % nodes]!.url }));
      await worker.call("warm", { url: servers[0]!.url, calls });
      const window = measureProcs(servers.map((s) => s.pid));
      const machine = measureMachine(os.cpus().length);
      const postgres = measureProcs(pidsNamed("postgres"));
      const burst = await worker.call<BurstResult>("burst", { url: servers[0]!.url, calls });
      const usage = { cpuPercent: window.stop().reduce((sum, u) => sum + u.cpuPercent, 0) };
      const machineCpuPercent = machine.stop();
      const postgresCpuPercent = postgres.stop().reduce((sum, u) => sum + u.cpuPercent, 0);
      const outcomes: Record<string, number> = {};
      for (const out of burst.outcomes) {
        const key = out.status === 201 ? (out.code ?? "201") : `${out.status} ${out.code ?? ""}`.trim();
        outcomes[key] = (outcomes[key] ?? 0) + 1;
      }
      const decisions = burst.outcomes.filter((x) => x.status === 201 || x.status === 409).length;
      rounds.push({
        attempts: p.calls.length,
        elapsedMs: burst.elapsedMs,
        decisionsPerSec: decisions / (burst.elapsedMs / 1000),
        latency: summariseSamples(burst.outcomes.map((x) => x.ms)),
        outcomes,
        decisions,
        overbookedSlots: -1,
        uncoveredNeeds: -1,
        overRatioSlots: -1,
        confirmedSeats: -1,
        serverCpuPercent: usage.cpuPercent,
        machineCpuPercent,
        postgresCpuPercent,
      });
    }
  } finally {
    await worker.stop();
    await Promise.all(servers.map((s) => s.stop()));
  }
  const sql = await db.open();
  for (const [i, p] of prepared.entries()) {
    const check = await countOverbooking(sql, p.slotIds);
    rounds[i]!.overbookedSlots = check.overbooked;
    rounds[i]!.confirmedSeats = check.confirmed;
    const cover = await countUncovered(sql, p.slotIds);
    rounds[i]!.uncoveredNeeds = cover.uncoveredNeeds;
    rounds[i]!.overRatioSlots = cover.overRatioSlots;
    const r = rounds[i]!;
    log(
      `  ${nodes} node(s), round ${i + 1}: ${r.decisions}/${r.attempts} decisions in ${r.elapsedMs.toFixed(0)} ms ` +
        `(${r.decisionsPerSec.toFixed(0)}/s), p99 ${r.latency.p99.toFixed(0)} ms, ${JSON.stringify(r.outcomes)}, ` +
        `overbooked slots ${r.overbookedSlots}, over-ratio slots ${r.overRatioSlots}, ` +
        `uncovered care needs ${r.uncoveredNeeds}, seats held ${r.confirmedSeats}`,
    );
  }
  await db.release();
  return { db: db.label, nodes, families: o.families, slots: o.slots, seats: o.seats, rounds };
}
