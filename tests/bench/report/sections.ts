import { CHAT_P99_BOUND_MS } from "../lib/options.js";
import { describeWaits } from "../lib/pg-waits.js";
import type { StormRun } from "../scenarios/booking-storm.js";
import type { ChatRun } from "../scenarios/chat-fanout.js";
import type { ConnectionsRun } from "../scenarios/connections.js";
import type { HistoryRun } from "../scenarios/history.js";
import { kb, mark, mib, ms, n, table } from "./format.js";
import { lighthouseTargets } from "./lighthouse.js";
import type { BenchResults } from "./render.js";

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s[Math.floor((s.length - 1) / 2)]!;
};

function historyRatio(h: HistoryRun, shape: "newest" | "middle", q: "p50" | "p99"): number {
  const small = h.cases.find((c) => c.label === `small ${shape}`)!;
  const large = h.cases.find((c) => c.label === `large ${shape}`)!;
  return large.latency[q] / small.latency[q];
}

/** The targets table with pass/miss marks. */
export function targets(r: BenchResults): string {
  const baseline = r.chat.find((c) => c.name === "baseline");
  const product = r.chat.find((c) => c.name.includes(r.targetDb));
  const ratio =
    baseline?.maxSustainable && product ? (product.maxSustainable ?? 0) / baseline.maxSustainable : null;
  const rows: string[][] = [];
  rows.push([
    `Chat: highest sustainable rate (p99 < ${CHAT_P99_BOUND_MS} ms, full delivery) >= 0.8 x baseline`,
    ratio === null
      ? "not measured"
      : `${ratio.toFixed(2)} (${product?.maxSustainable ?? "none"} vs ${baseline?.maxSustainable} msg/s)`,
    mark(ratio === null ? null : ratio >= 0.8),
  ]);
  const single = r.booking[0];
  if (single) {
    const rates = single.rounds.map((x) => x.decisionsPerSec);
    const over = r.booking.flatMap((b) => b.rounds).reduce((a, x) => a + x.overbookedSlots, 0);
    const two = r.booking.find((b) => b.nodes > 1);
    const twoRate = two ? median(two.rounds.map((x) => x.decisionsPerSec)) : undefined;
    rows.push([
      "Booking: >= 1,000 decisions/s (one node, median round)",
      `${n(median(rates))}/s (rounds: ${rates.map(n).join(", ")})` +
        (twoRate === undefined ? "" : `; two nodes: ${n(twoRate)}/s`),
      mark(median(rates) >= 1000),
    ]);
    rows.push(["Booking: zero overbooking (every run)", `${over} overbooked slots`, mark(over === 0)]);
    const all = r.booking.flatMap((b) => b.rounds);
    // Reports written before issue 19 have no staffing counts.
    const uncovered = all.reduce((a, x) => a + (x.uncoveredNeeds ?? 0) + (x.overRatioSlots ?? 0), 0);
    rows.push([
      "Booking: zero uncovered care needs and over-ratio slots (every run)",
      `${uncovered} uncovered`,
      mark(uncovered === 0),
    ]);
  }
  if (r.history) {
    const ratio50 = historyRatio(r.history, "newest", "p50");
    const worstP99 = Math.max(...r.history.cases.map((c) => c.latency.p99));
    const large = r.history.cases.find((c) => c.label === "large newest")!.messages;
    rows.push([
      `History: page latency ratio (${n(large)} vs ${n(r.options.history.small)} messages, p50 newest page) < 1.5`,
      ratio50.toFixed(2),
      mark(ratio50 < 1.5),
    ]);
    rows.push([
      "History: one page < 10 ms at p99 (every case)",
      `${ms(worstP99)} ms worst p99`,
      mark(worstP99 < 10),
    ]);
  }
  if (r.connections) {
    const c = r.connections;
    rows.push([
      `Connections: ${n(c.sockets)} sockets at < 60 KB RSS each`,
      `${kb(c.rssPerConnectionBytes)} KB/socket, ${n(c.connected)} connected`,
      mark(c.connected === c.sockets && c.rssPerConnectionBytes < 60_000),
    ]);
  }
  if (r.lighthouse) rows.push(...lighthouseTargets(r.lighthouse));
  return table(["target", "measured", "result"], rows);
}

/** CPU used during a step by processes that are not the server, its generators or PostgreSQL. */
function otherCpu(s: ChatRun["steps"][number]): number {
  return Math.max(
    0,
    s.machineCpuPercent - s.server.cpuPercent - s.generators.cpuPercent - s.postgresCpuPercent,
  );
}

/** How much CPU the rest of the machine took during the chat steps: tells a clean run from a noisy one. */
export function noise(r: BenchResults): string {
  const others = r.chat.flatMap((c) => c.steps.map(otherCpu)).sort((a, b) => a - b);
  if (others.length === 0) return "";
  const med = others[Math.floor((others.length - 1) / 2)]!;
  const max = others[others.length - 1]!;
  return (
    `During the chat steps, processes other than the server under test, its generators and PostgreSQL ` +
    `(the bench's own orchestration included) used ${med.toFixed(0)}% CPU at the median step and ${max.toFixed(0)}% at most ` +
    '("other processes CPU" column); a run where that is high measured a shared machine.'
  );
}

/** Chat fan-out: the summary table and one table of steps per server. */
export function chatSection(r: BenchResults): string {
  const parts: string[] = [];
  const summary = r.chat.map((c) => [
    c.name,
    c.maxSustainable === null ? "none" : `${c.maxSustainable} msg/s`,
    c.maxSustainable === null ? "-" : n(c.maxSustainable * r.options.chat.members),
    mib(c.idleRssBytes),
    ms(c.connectMs),
  ]);
  parts.push(
    table(
      [
        "server",
        "highest sustainable send rate",
        "deliveries/s at that rate",
        "idle RSS (MiB)",
        "200 sockets connected in (ms)",
      ],
      summary,
    ),
  );
  for (const c of r.chat) {
    parts.push(`\n#### ${c.name}\n`);
    parts.push(
      table(
        [
          "offered msg/s",
          "sent/s",
          "acked/s",
          "delivered/s",
          "delivered",
          "e2e p50",
          "p95",
          "p99",
          "ack p99",
          "server CPU",
          "server CPU per message (ms)",
          "server RSS max (MiB)",
          "PostgreSQL CPU",
          "generators CPU",
          "machine CPU (all processes)",
          "other processes CPU",
          "errors",
          "sustainable",
          "PostgreSQL backends (share of samples)",
        ],
        c.steps.map((s) => [
          s.retried ? `${s.offered} (missed, measured again below)` : s.offered,
          n(s.sentPerSec),
          n(s.ackedPerSec),
          n(s.deliveredPerSec),
          `${(s.deliveredRatio * 100).toFixed(2)}%`,
          ms(s.endToEnd.p50),
          ms(s.endToEnd.p95),
          ms(s.endToEnd.p99),
          ms(s.ack.p99),
          `${s.server.cpuPercent.toFixed(0)}%`,
          s.ackedPerSec > 0 ? ms((s.server.cpuPercent * 10) / s.ackedPerSec) : "-",
          mib(s.server.rssMaxBytes),
          `${s.postgresCpuPercent.toFixed(0)}%`,
          `${s.generators.cpuPercent.toFixed(0)}%`,
          `${s.machineCpuPercent.toFixed(0)}%`,
          `${otherCpu(s).toFixed(0)}%`,
          Object.keys(s.errors).length
            ? Object.entries(s.errors)
                .map(([k, v]) => `${k} ${v}`)
                .join(", ")
            : "0",
          s.retried ? "-" : s.sustainable ? "yes" : "no",
          describeWaits(s.dbWaits),
        ]),
      ),
    );
  }
  return parts.join("\n");
}

/** One booking storm run (one or more server processes), a row per round. */
export function bookingSection(b: StormRun): string {
  return `${b.nodes} server process${b.nodes > 1 ? "es on one Redis, requests alternating" : ""} (${b.db}):\n\n${table(
    [
      "round",
      "attempts",
      "wall time (ms)",
      "decisions/s",
      "p50 (ms)",
      "p99 (ms)",
      "max (ms)",
      "outcomes",
      "seats held",
      "overbooked slots",
      "server CPU",
      "server CPU per attempt (ms)",
      "PostgreSQL CPU",
      "machine CPU (all processes)",
    ],
    b.rounds.map((x, i) => [
      i + 1,
      x.attempts,
      ms(x.elapsedMs),
      n(x.decisionsPerSec),
      ms(x.latency.p50),
      ms(x.latency.p99),
      ms(x.latency.max),
      Object.entries(x.outcomes)
        .map(([k, v]) => `${k}: ${v}`)
        .join(", "),
      `${x.confirmedSeats} / ${b.slots * b.seats}`,
      x.overbookedSlots,
      `${x.serverCpuPercent.toFixed(0)}%`,
      ms((x.serverCpuPercent * x.elapsedMs) / 100 / x.attempts),
      `${x.postgresCpuPercent.toFixed(0)}%`,
      `${x.machineCpuPercent.toFixed(0)}%`,
    ]),
  )}`;
}

/** History: a row per group size and page shape, and the large/small ratios. */
export function historySection(h: HistoryRun): string {
  return [
    table(
      [
        "case",
        "messages in group",
        "query",
        "requests",
        "p50 (ms)",
        "p95 (ms)",
        "p99 (ms)",
        "max (ms)",
        "errors",
      ],
      h.cases.map((c) => [
        c.label,
        n(c.messages),
        `\`${c.query}\``,
        c.latency.count,
        ms(c.latency.p50),
        ms(c.latency.p95),
        ms(c.latency.p99),
        ms(c.latency.max),
        c.errors,
      ]),
    ),
    "",
    `Ratios large/small: newest page p50 ${historyRatio(h, "newest", "p50").toFixed(2)}, p99 ${historyRatio(h, "newest", "p99").toFixed(2)}; ` +
      `middle page p50 ${historyRatio(h, "middle", "p50").toFixed(2)}, p99 ${historyRatio(h, "middle", "p99").toFixed(2)}. ` +
      `Seeding took ${h.seedSeconds.toFixed(1)} s; the messages table with its indexes takes ${n(h.bytesPerMessage)} bytes per message.`,
  ].join("\n");
}

/** Idle connections: one row. */
export function connectionsSection(c: ConnectionsRun): string {
  return (
    table(
      [
        "sockets",
        "connected",
        "failed",
        "time to connect all (s)",
        "handshake p50 (ms)",
        "p99 (ms)",
        "RSS before (MiB)",
        "RSS after (MiB)",
        "RSS per socket (KB)",
        "server CPU while connecting",
      ],
      [
        [
          n(c.sockets),
          n(c.connected),
          c.failed,
          (c.connectAllMs / 1000).toFixed(2),
          ms(c.handshake.p50),
          ms(c.handshake.p99),
          mib(c.rssBeforeBytes),
          mib(c.rssAfterBytes),
          kb(c.rssPerConnectionBytes),
          `${c.serverCpuPercent.toFixed(0)}%`,
        ],
      ],
    ) + (c.errors.length ? `\n\nFirst errors: ${c.errors.join("; ")}` : "")
  );
}
