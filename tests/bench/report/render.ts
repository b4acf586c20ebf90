import type { Machine } from "../lib/machine.js";
import { type BenchOptions, CHAT_P99_BOUND_MS } from "../lib/options.js";
import type { StormRun } from "../scenarios/booking-storm.js";
import type { ChatRun } from "../scenarios/chat-fanout.js";
import type { CommitCeiling } from "../scenarios/commit-ceiling.js";
import type { ConnectionsRun } from "../scenarios/connections.js";
import type { HistoryRun } from "../scenarios/history.js";
import type { LighthouseRun } from "../scenarios/lighthouse.js";
import { type MediaUploadRun, mediaUploadSection } from "../scenarios/media-upload.js";
import type { SearchRun } from "../scenarios/search.js";
import { n, table } from "./format.js";
import { lighthouseSection } from "./lighthouse.js";
import { searchSection } from "./search.js";

/** The media section's heading (a media-only run replaces the section under it). */
export const MEDIA_HEADING = "## 7. Media uploads (issue 17)";

import {
  bookingSection,
  chatSection,
  connectionsSection,
  historySection,
  noise,
  targets,
} from "./sections.js";

/** Everything one run measured. */
export interface BenchResults {
  options: BenchOptions;
  machine: Machine;
  startedAt: Date;
  durationSec: number;
  /** 1/5/15-minute load average when the run ended. */
  loadAverageEnd: string;
  versions: { postgres: string | undefined; pglite: string };
  /** The database the targets are judged on (PostgreSQL when available). */
  targetDb: string;
  chat: ChatRun[];
  /** PostgreSQL only: durable inserts/s for one group vs many, without the application. */
  ceiling: CommitCeiling | undefined;
  /** One node first; then, when PostgreSQL and redis-server are available, two nodes on Redis. */
  booking: StormRun[];
  history: HistoryRun | undefined;
  connections: ConnectionsRun | undefined;
  /** Photo and voice upload throughput (issue 17). */
  media: MediaUploadRun | undefined;
  /** Lighthouse on the first screens (issue 16). */
  lighthouse: LighthouseRun | undefined;
  /** Message search in a large group (issue 17). */
  search: SearchRun | undefined;
  /** Hand-written analysis (no figures), appended verbatim. */
  notes: string;
}

/** The whole docs/BENCHMARKS.md. */
export function renderReport(r: BenchResults): string {
  const o = r.options;
  const m = r.machine;
  const out: string[] = [];
  out.push("# Benchmarks");
  out.push("");
  out.push(
    `Written by \`pnpm bench${o.quick ? " --quick" : ""}\` on ${r.startedAt.toISOString()} (run took ${Math.round(r.durationSec)} s). ` +
      "Every figure below comes from that run; do not edit them by hand, re-run the bench." +
      (o.quick
        ? " **Quick mode: smaller sizes and short steps, a smoke test, not the measurement of record.**"
        : ""),
  );
  out.push("");
  out.push("## Targets");
  out.push("");
  out.push(`Judged on ${r.targetDb}.`);
  out.push("");
  out.push(targets(r));
  out.push("");
  out.push("## Machine and versions");
  out.push("");
  out.push(
    table(
      ["", ""],
      [
        ["CPU", `${m.cpuModel}, ${m.cores} cores`],
        ["RAM", `${m.ramGiB} GiB`],
        ["OS", m.os],
        ["Node.js", m.node],
        ["PostgreSQL server", r.versions.postgres ?? "not used (DATABASE_URL not set)"],
        ["Embedded database", r.versions.pglite],
        ["Load average (1, 5, 15 min) at start; at end", `${m.loadAverage}; ${r.loadAverageEnd}`],
        ["Commit", m.commit],
      ],
    ),
  );
  out.push("");
  out.push(
    "Everything runs on this one machine over 127.0.0.1: the server under test, the load generators " +
      "(separate processes), and PostgreSQL share its cores, so CPU figures are in percent of one core " +
      `(${m.cores * 100}% = all cores). Other work on the machine during the run is not controlled; see the load average. ` +
      noise(r),
  );
  out.push("");
  out.push("## 1. Chat fan-out");
  out.push("");
  out.push(
    `${o.chat.members} authenticated members in one group, ${o.chat.senders} of them sending; each offered rate runs ` +
      `${o.chat.stepMs / 1000} s (open loop: sends follow a fixed schedule whatever the answers), driven by ` +
      `${o.chat.workers} socket.io-client processes. End-to-end latency is from the sender's emit to each member's ` +
      `\`message:new\` (every member, the sender included). A rate is sustainable when p99 < ${CHAT_P99_BOUND_MS} ms, ` +
      "every acknowledged message reached every member, no send failed, and the generators kept the schedule (>= 95% of the offered rate); " +
      "a rate that misses is measured once more and the second attempt counts (both are shown). " +
      "The baseline is bare Socket.IO broadcasting to a room (no auth, validation or database); CareCircle validates, " +
      "authorises, screens, stores each message (seq assigned in the insert) before acknowledging and broadcasting it.",
  );
  out.push("");
  out.push(chatSection(r));
  out.push("");
  if (r.ceiling) {
    const c = r.ceiling;
    out.push(
      `**Commit ceiling of the database (no application).** ${c.clients} connections run the essential statement of a send ` +
        "(take the group's next seq under its row lock and insert the message, one autocommit statement each) for " +
        `${c.seconds} s: **${n(c.oneGroupPerSec)} inserts/s into one group**, ${n(c.manyGroupsPerSec)} inserts/s spread over ` +
        `${c.clients} groups. Within one group every commit holds the group's row until its WAL flush, so they queue one by one.`,
    );
    out.push("");
  }
  const single = r.booking[0];
  if (single) {
    out.push("## 2. Booking storm");
    out.push("");
    out.push(
      `${n(single.families)} families (one child each) send \`POST /api/bookings\` at the same moment over ` +
        `${single.slots} slots of ${single.seats} seats, ${single.rounds.length} round(s) with fresh families and slots; half ask to be waitlisted when full. ` +
        "Keep-alive connections are opened first so the burst measures decisions, not TCP setup. A decision is a 201 " +
        "(confirmed or waitlisted) or a 409 (full, conflict). Overbooking is counted afterwards in the database: slots whose " +
        "seat-holding bookings exceed capacity or disagree with the slot's counter.",
    );
    out.push("");
    for (const b of r.booking) {
      out.push(bookingSection(b));
      out.push("");
    }
  }
  if (r.history) {
    out.push("## 3. History stays flat");
    out.push("");
    out.push(
      `A member reads \`GET /api/groups/:id/messages\` (50 messages) from a group with ${n(o.history.small)} messages and ` +
        `one with ${n(o.history.large)} (${r.history.db}; seeded with INSERT ... SELECT generate_series, seq and change ` +
        `sequence 1..N, group counters updated). ${o.history.requests} sequential requests per case after 25 warm-up rounds, ` +
        "the four cases interleaved. Latency is the full HTTP round trip (auth, membership check, page query, presenter).",
    );
    out.push("");
    out.push(historySection(r.history));
    out.push("");
  }
  if (r.connections) {
    out.push("## 4. Connections");
    out.push("");
    out.push(
      `${n(r.connections.sockets)} caregivers in groups of ${o.connections.groupSize} connect authenticated websocket ` +
        `sockets (${o.connections.workers} client processes, ${o.connections.concurrencyPerWorker} handshakes in flight each) ` +
        `and stay idle (${r.connections.db}). RSS per socket = (server RSS 3 s after the last connect - RSS before) / sockets.`,
    );
    out.push("");
    out.push(connectionsSection(r.connections));
    out.push("");
  }
  if (r.media) {
    out.push(MEDIA_HEADING);
    out.push("");
    out.push(mediaUploadSection(r.media));
    out.push("");
  }
  if (r.lighthouse) {
    out.push(lighthouseSection(r.lighthouse, { startedAt: r.startedAt, loadAverage: m.loadAverage }));
    out.push("");
  }
  if (r.search) {
    out.push(searchSection(r.search));
    out.push("");
  }
  out.push(r.notes.trim());
  out.push("");
  return out.join("\n");
}
