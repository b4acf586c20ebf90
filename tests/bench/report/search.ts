import type { SearchRun } from "../scenarios/search.js";
import { mark, ms, n, table } from "./format.js";

/** The search target: p99 under this (ms) in a group of a million messages on PostgreSQL. */
export const SEARCH_P99_BOUND_MS = 50;

export const SEARCH_HEADING = "## 6. Message search";

/** Message search (issue 17 §5): the method, one row per query shape, the index size. */
export function searchSection(s: SearchRun, when?: { startedAt: Date; loadAverage: string }): string {
  return [
    SEARCH_HEADING,
    "",
    `A member searches \`GET /api/search/messages?groupId=…&limit=20&q=…\` in a group of ${n(s.messages)} messages ` +
      `(${s.db}; seeded with INSERT ... SELECT generate_series from 40 caregiver phrases in Chinese, some traditional, ` +
      "and English, two or three per message, plus phrases at known rates). The query shapes run interleaved, " +
      "sequentially, after 10 warm-up rounds; latency is the full HTTP round trip. Method: decision 113.",
    "",
    table(
      [
        "case",
        "query",
        "share matching",
        "requests",
        "p50 (ms)",
        "p95 (ms)",
        "p99 (ms)",
        "max (ms)",
        "errors",
      ],
      s.cases.map((c) => [
        c.label,
        `\`${c.q}\``,
        `${(c.matchShare * 100).toPrecision(2)}%`,
        c.latency.count,
        ms(c.latency.p50),
        ms(c.latency.p95),
        ms(c.latency.p99),
        ms(c.latency.max),
        c.errors,
      ]),
    ),
    "",
    `p99 over every request: ${ms(s.p99All)} ms (target < ${SEARCH_P99_BOUND_MS} ms: ${mark(s.p99All < SEARCH_P99_BOUND_MS)}). ` +
      `Index \`messages_search_idx\`: ${s.indexBytesPerMessage.toFixed(1)} bytes per message ` +
      `(pg_relation_size / rows), built in ${s.indexSeconds.toFixed(1)} s; seeding took ${s.seedSeconds.toFixed(1)} s.`,
    ...(when
      ? [
          "",
          `Run of record for this section: \`DATABASE_URL=… pnpm --filter @carecircle/tests exec tsx bench/run.ts --only search\`, ` +
            `${when.startedAt.toISOString()}, load average ${when.loadAverage} at the start.`,
        ]
      : []),
  ].join("\n");
}

/**
 * `doc` with its section under `heading` (up to the next `## ` heading) replaced by `section`, so a
 * run of one scenario updates its own figures and leaves the others be; appended before the notes
 * when the document has no such section yet.
 */
export function spliceSection(doc: string, heading: string, section: string): string {
  const a = doc.indexOf(`${heading}\n`);
  if (a < 0) {
    const notes = doc.indexOf("## Reading the figures");
    return notes < 0
      ? `${doc.trimEnd()}\n\n${section}\n`
      : `${doc.slice(0, notes)}${section}\n\n${doc.slice(notes)}`;
  }
  const next = doc.indexOf("\n## ", a + heading.length);
  return `${doc.slice(0, a)}${section}\n${next < 0 ? "" : doc.slice(next)}`;
}
