import { CHAT_P99_BOUND_MS } from "../lib/options.js";
import type { WaitProfile } from "../lib/pg-waits.js";
import type { ProcUsage } from "../lib/proc-sampler.js";
import { Histogram, type LatencySummary, summarise } from "../lib/stats.js";
import type { StepResult } from "../load/socket-worker.js";

/** One offered rate, as measured. */
export interface ChatStep {
  offered: number;
  sentPerSec: number;
  ackedPerSec: number;
  deliveredPerSec: number;
  /** Delivered / (acked x members): 1 means every member got every stored message. */
  deliveredRatio: number;
  endToEnd: LatencySummary;
  ack: LatencySummary;
  errors: Record<string, number>;
  server: ProcUsage;
  generators: ProcUsage;
  /** Every process on the machine (the bench's and anyone else's), in percent of one core. */
  machineCpuPercent: number;
  /** All PostgreSQL server processes on the machine (idle when the target does not use it). */
  postgresCpuPercent: number;
  maxScheduleLagMs: number;
  sustainable: boolean;
  /** This attempt missed the bound and the rate was measured once more (the next row). */
  retried?: boolean;
  /** PostgreSQL runs: what the server's database backends were doing (share of samples). */
  dbWaits?: WaitProfile;
}

/** Add up the usage of several processes (the generators). */
export function sumUsage(list: ProcUsage[]): ProcUsage {
  return list.reduce(
    (a, u) => ({
      cpuPercent: a.cpuPercent + u.cpuPercent,
      rssMaxBytes: a.rssMaxBytes + u.rssMaxBytes,
      rssEndBytes: a.rssEndBytes + u.rssEndBytes,
    }),
    { cpuPercent: 0, rssMaxBytes: 0, rssEndBytes: 0 },
  );
}

/**
 * Merge the generators' results for one offered rate into a step: rates over the send span (a
 * generator that fell behind took longer), latency percentiles, delivery ratio, and whether the
 * rate is sustainable (p99 under the bound, full delivery, no failed send, schedule kept).
 */
export function aggregate(
  rate: number,
  seconds: number,
  results: StepResult[],
  members: number,
  server: ProcUsage,
  generators: ProcUsage,
): ChatStep {
  const e2e = new Histogram();
  const ack = new Histogram();
  const errors: Record<string, number> = {};
  let sent = 0;
  let acked = 0;
  let delivered = 0;
  let lag = 0;
  // A generator that fell behind its schedule took longer than the step: its rate is lower.
  const span = Math.max(seconds, ...results.map((r) => r.sendSeconds));
  for (const r of results) {
    e2e.merge(r.endToEnd);
    ack.merge(r.ack);
    sent += r.sent;
    acked += r.acked;
    delivered += r.delivered;
    lag = Math.max(lag, r.maxScheduleLagMs);
    for (const [code, n] of Object.entries(r.errorCodes)) errors[code] = (errors[code] ?? 0) + n;
  }
  const expected = acked * members;
  const deliveredRatio = expected > 0 ? delivered / expected : 0;
  const endToEnd = summarise(e2e);
  const sentPerSec = sent / span;
  return {
    offered: rate,
    sentPerSec,
    ackedPerSec: acked / span,
    deliveredPerSec: delivered / span,
    deliveredRatio,
    endToEnd,
    ack: summarise(ack),
    errors,
    server,
    generators,
    machineCpuPercent: 0,
    postgresCpuPercent: 0,
    maxScheduleLagMs: lag,
    sustainable:
      endToEnd.p99 < CHAT_P99_BOUND_MS &&
      deliveredRatio >= 0.999 &&
      acked === sent &&
      sentPerSec >= rate * 0.95,
  };
}
