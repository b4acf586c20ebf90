import type { LighthouseFigures, LighthouseRun } from "../scenarios/lighthouse.js";
import { kb, mark, n, table } from "./format.js";

/** The targets for the first screen (issue 16 §1). */
export const LIGHTHOUSE_TARGETS = { score: 95, lcpMs: 1800, scriptBytes: 150_000 };

const START = "<!-- lighthouse:start -->";
const END = "<!-- lighthouse:end -->";

/**
 * Target rows (for the report's targets table) judged on each page's median run: speed on the
 * sign-in page's first visit and the signed-in chat's returning visit, JavaScript on first visits.
 */
export function lighthouseTargets(run: LighthouseRun): string[][] {
  return run.pages.flatMap((p) => {
    const m = p.median;
    const rows: string[][] = [];
    if (p.judged.speed)
      rows.push([
        `First screen ${p.label}: Lighthouse mobile score >= ${LIGHTHOUSE_TARGETS.score}, LCP <= ${LIGHTHOUSE_TARGETS.lcpMs / 1000} s`,
        `score ${m.score}, LCP ${n(m.lcpMs)} ms`,
        mark(m.score >= LIGHTHOUSE_TARGETS.score && m.lcpMs <= LIGHTHOUSE_TARGETS.lcpMs),
      ]);
    if (p.judged.script)
      rows.push([
        `First screen ${p.label}: JavaScript needed for it <= ${LIGHTHOUSE_TARGETS.scriptBytes / 1000} KB compressed`,
        `${kb(m.firstScreenScriptBytes)} KB in ${m.firstScreenScriptRequests} files ` +
          `(${kb(m.scriptBytes)} KB in ${m.scriptRequests} files by the end of the run)`,
        mark(m.firstScreenScriptBytes <= LIGHTHOUSE_TARGETS.scriptBytes),
      ]);
    return rows;
  });
}

function row(label: string, f: LighthouseFigures): (string | number)[] {
  return [
    label,
    f.score,
    n(f.fcpMs),
    n(f.lcpMs),
    n(f.tbtMs),
    f.cls.toFixed(3),
    n(f.speedIndexMs),
    kb(f.totalBytes),
    `${kb(f.firstScreenScriptBytes)} (${f.firstScreenScriptRequests})`,
    `${kb(f.scriptBytes)} (${f.scriptRequests})`,
  ];
}

/** Section 5 of docs/BENCHMARKS.md, between markers so a Lighthouse-only run can replace it. */
export function lighthouseSection(
  run: LighthouseRun,
  when: { startedAt: Date; loadAverage: string },
): string {
  const head = [
    "page / run",
    "score",
    "FCP (ms)",
    "LCP (ms)",
    "TBT (ms)",
    "CLS",
    "Speed Index (ms)",
    "bytes (KB)",
    "first-screen JS KB (files)",
    "all JS KB (files)",
  ];
  const rows = run.pages.flatMap((p) => [
    row(`**${p.label}** \`${p.path}\`, median`, p.median),
    ...p.runs.map((r, i) => row(`run ${i + 1}`, r)),
  ]);
  return [
    START,
    "## 5. First screen (Lighthouse)",
    "",
    `Lighthouse ${run.lighthouseVersion} (programmatic, performance only) in ${run.chromium} (\`/usr/bin/chromium\`, headless) ` +
      "with its mobile defaults: a phone screen, simulated slow 4G (150 ms RTT, 1.6 Mbit/s down) and 4x CPU slowdown. " +
      "The built client from the built server (PGlite), each run in a new browser profile. A first visit starts " +
      "with an empty HTTP cache and no service worker; the signed-in page is a caregiver's group chat (40 messages), " +
      "the session put into localStorage before the run. Its returning visit opened the chat once before the run " +
      "(as signing in does), so the service worker and the HTTP cache hold the app, as on her phone every later " +
      "day; speed is judged there, the JavaScript a first visit needs on the first visits. The median run " +
      "(by score) is judged; every run is shown. Bytes are as transferred (compressed). First-screen JS is the " +
      "scripts that had arrived when the largest content was drawn (observed LCP); all JS adds what came after it " +
      "(the live connection, code fetched while the page is idle). " +
      `Measured ${when.startedAt.toISOString()}, load average ${when.loadAverage} at the start.`,
    "",
    table(["target", "measured (median run)", "result"], lighthouseTargets(run)),
    "",
    table(head, rows),
    END,
  ].join("\n");
}

/** Put `section` in place of the previous Lighthouse section, or before the hand-written notes. */
export function spliceLighthouse(doc: string, section: string): string {
  const a = doc.indexOf(START);
  const b = doc.indexOf(END);
  if (a >= 0 && b > a) return doc.slice(0, a) + section + doc.slice(b + END.length);
  const notes = doc.indexOf("## Reading the figures");
  if (notes < 0) return `${doc.trimEnd()}\n\n${section}\n`;
  return `${doc.slice(0, notes)}${section}\n\n${doc.slice(notes)}`;
}
