/**
 * `pnpm bench`: measures chat fan-out (bare Socket.IO baseline vs CareCircle on PGlite and, with
 * DATABASE_URL, PostgreSQL), a booking storm, history paging and idle connections against the
 * built server, Lighthouse on the first screens (issue 16), and writes docs/BENCHMARKS.md (quick
 * mode: tests/.tmp/BENCHMARKS.quick.md).
 * Usage: tsx bench/run.ts [--quick] [--out <file>] [--only chat,booking,history,connections,media,search,lighthouse]
 * (`--only lighthouse`, `search` or `media` alone replaces just that section of an existing report).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startRedis } from "../setup/private-redis.js";
import { type BenchDatabase, createPgDatabase, createPgliteDatabase } from "./lib/database.js";
import { describeMachine } from "./lib/machine.js";
import { benchOptions } from "./lib/options.js";
import { serverMainJs } from "./lib/processes.js";
import { lighthouseSection, spliceLighthouse } from "./report/lighthouse.js";
import { type BenchResults, MEDIA_HEADING, renderReport } from "./report/render.js";
import { SEARCH_HEADING, searchSection, spliceSection } from "./report/search.js";
import { runBookingStorm } from "./scenarios/booking-storm.js";
import { baselineTarget, type ChatRun, careCircleTarget, runChatFanout } from "./scenarios/chat-fanout.js";
import { measureCommitCeiling } from "./scenarios/commit-ceiling.js";
import { runConnections } from "./scenarios/connections.js";
import { runHistory } from "./scenarios/history.js";
import { type LighthouseRun, runLighthouse } from "./scenarios/lighthouse.js";
import { mediaUploadSection, runMediaUpload } from "./scenarios/media-upload.js";
import { runSearch } from "./scenarios/search.js";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Is `redis-server` on the PATH (for the two-node run)? */
function hasRedisServer(): boolean {
  try {
    execFileSync("redis-server", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const options = benchOptions(process.argv, process.env);
  const only = new Set(
    (argValue("--only") ?? "chat,booking,history,connections,media,search,lighthouse").split(","),
  );
  const out = path.resolve(
    argValue("--out") ??
      (options.quick
        ? path.join(repoRoot, "tests/.tmp/BENCHMARKS.quick.md")
        : path.join(repoRoot, "docs/BENCHMARKS.md")),
  );
  if (!existsSync(serverMainJs)) throw new Error("server/dist/main.js is missing: run `pnpm build` first");
  const startedAt = new Date();
  const t0 = performance.now();
  const log = (s: string) =>
    console.log(`[${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${s}`);
  const machine = describeMachine();
  log(
    `bench ${options.quick ? "(quick)" : "(full)"} on ${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}`,
  );

  const pglite = await createPgliteDatabase();
  const pg = options.databaseUrl ? await createPgDatabase(options.databaseUrl) : undefined;
  const target: BenchDatabase = pg ?? pglite;
  try {
    const versions = { postgres: pg ? await pg.version() : undefined, pglite: await pglite.version() };
    await pglite.release();
    let chat: ChatRun[] = [];
    if (only.has("chat")) {
      log(
        `chat fan-out: baseline, CareCircle on PGlite${pg ? " and on PostgreSQL" : ""}, interleaved by rate`,
      );
      const targets = [baselineTarget(options.chat), careCircleTarget(pglite, options.chat)];
      if (pg) targets.push(careCircleTarget(pg, options.chat));
      chat = await runChatFanout(targets, options.chat, log);
    }
    let ceiling: BenchResults["ceiling"];
    if (only.has("chat") && pg) {
      log("commit ceiling of one group on PostgreSQL");
      ceiling = await measureCommitCeiling(pg);
      if (ceiling)
        log(
          `  one group ${ceiling.oneGroupPerSec.toFixed(0)}/s, ${ceiling.clients} groups ${ceiling.manyGroupsPerSec.toFixed(0)}/s`,
        );
    }
    const booking: BenchResults["booking"] = [];
    if (only.has("booking")) {
      log(`booking storm on ${target.label}`);
      booking.push(await runBookingStorm(target, options.booking, log));
      if (pg && options.booking.twoNodes && hasRedisServer()) {
        log("booking storm on PostgreSQL, two nodes on one Redis");
        const redis = await startRedis();
        try {
          booking.push(await runBookingStorm(pg, options.booking, log, { nodes: 2, redisUrl: redis.url }));
        } finally {
          await redis.stop();
        }
      }
    }
    let history: BenchResults["history"];
    if (only.has("history")) {
      log(`history on ${target.label}`);
      history = await runHistory(target, options.history, log);
    }
    let connections: BenchResults["connections"];
    if (only.has("connections")) {
      log(`connections on ${target.label}`);
      connections = await runConnections(target, options.connections, log);
    }
    let media: BenchResults["media"];
    if (only.has("media")) {
      log(`media uploads on ${target.label}`);
      media = await runMediaUpload(target, options.media, log);
    }
    let search: BenchResults["search"];
    if (only.has("search")) {
      log(`search on ${target.label}`);
      search = await runSearch(target, options.search, log);
    }
    let lighthouse: LighthouseRun | undefined;
    if (only.has("lighthouse")) {
      log("Lighthouse (mobile, simulated slow 4G) on /login and a caregiver's group chat, PGlite");
      lighthouse = await runLighthouse(pglite, log);
    }
    const notes = readFileSync(fileURLToPath(new URL("./report/notes.md", import.meta.url)), "utf8");
    const report = renderReport({
      options,
      machine,
      startedAt,
      durationSec: (performance.now() - t0) / 1000,
      loadAverageEnd: os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(", "),
      versions,
      targetDb: target.label,
      chat,
      ceiling,
      booking,
      history,
      connections,
      media,
      lighthouse,
      search,
      notes,
    });
    mkdirSync(path.dirname(out), { recursive: true });
    // Lighthouse alone updates its section of an existing report and leaves the other figures be.
    if (lighthouse && only.size === 1 && existsSync(out)) {
      const section = lighthouseSection(lighthouse, { startedAt, loadAverage: machine.loadAverage });
      writeFileSync(out, spliceLighthouse(readFileSync(out, "utf8"), section));
    } else if (search && only.size === 1 && existsSync(out)) {
      const section = searchSection(search, { startedAt, loadAverage: machine.loadAverage });
      writeFileSync(out, spliceSection(readFileSync(out, "utf8"), SEARCH_HEADING, section));
    } else if (media && only.size === 1 && existsSync(out)) {
      const section = `${MEDIA_HEADING}\n\n${mediaUploadSection(media)}\n\nRun of record for this section: \`pnpm --filter @carecircle/tests exec tsx bench/run.ts --only media\`, ${startedAt.toISOString()}, load average ${machine.loadAverage} at the start.`;
      writeFileSync(out, spliceSection(readFileSync(out, "utf8"), MEDIA_HEADING, section));
    } else writeFileSync(out, report);
    log(`wrote ${path.relative(process.cwd(), out)}`);
  } finally {
    await pg?.destroy();
    await pglite.destroy();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
